/** The language of what the bridge itself shows (its pages, the names it gives new contacts): uk, ru or en. */
export const LANGUAGES = ["uk", "ru", "en"] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = "uk";

/** The system locale's language when it is one of ours ("ru-RU" → ru), else Ukrainian. */
export function systemLanguage(locale = Intl.DateTimeFormat().resolvedOptions().locale): Language {
  const base = locale.toLowerCase().split(/[-_]/)[0];
  return (LANGUAGES as readonly string[]).includes(base ?? "") ? (base as Language) : DEFAULT_LANGUAGE;
}
