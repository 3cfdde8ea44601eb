/**
 * The name a contact gets when the user gives none, wherever it is created (index or Outlook): `Новий контакт1`,
 * `Новый контакт1`, `New contact1` — the spec's own spelling (no space) in every language, from the catalogs. It is
 * made in the language of the screen that asked (the pane sends its own), else in the bridge's.
 */
import { type Language, translator } from "../i18n/i18n.js";
import { DEFAULT_LANGUAGE } from "../i18n/language.js";
import type { ContactReader } from "./contact-reader.js";
import type { DirectoryOptions } from "./directory-options.js";

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The placeholder name with N one past the highest already used in that language. */
export function nextNewContactName(
  directory: Pick<ContactReader, "search"> & { options: DirectoryOptions },
  language?: Language,
): string {
  const { t } = translator(language ?? directory.options.language ?? DEFAULT_LANGUAGE);
  const [before = "", after = ""] = t("mailbox.newContact", { n: "\u0000" }).split("\u0000");
  const pattern = new RegExp(`^${escapeRegExp(before)}(\\d+)${escapeRegExp(after)}$`);
  const used = directory
    .search(before.trim(), 10_000)
    .map((c) => pattern.exec(c.name)?.[1])
    .filter((n): n is string => n !== undefined)
    .map(Number);
  return t("mailbox.newContact", { n: Math.max(0, ...used) + 1 });
}
