/**
 * The language of what the bridge itself shows and writes (its pages, the mailbox, the names it gives new
 * contacts): one of the catalogs' languages (i18n/i18n.ts); the `language` setting, else the system's, else uk.
 */
import { LANGUAGES, type Language } from "./i18n.js";

export { LANGUAGES, type Language };
export const DEFAULT_LANGUAGE: Language = "uk";

/** The system locale's language when it is one of ours ("ru-RU" → ru), else Ukrainian. */
export function systemLanguage(locale = Intl.DateTimeFormat().resolvedOptions().locale): Language {
  const base = locale.toLowerCase().split(/[-_]/)[0];
  return (LANGUAGES as readonly string[]).includes(base ?? "") ? (base as Language) : DEFAULT_LANGUAGE;
}
