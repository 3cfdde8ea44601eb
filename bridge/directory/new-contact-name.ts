/**
 * The name a contact gets when the user gives none, in the user's language, wherever it is created (index or
 * Outlook): `Новий контакт 1`, `Новый контакт1` (the spec's own spelling, no space) or `New contact 1`.
 */
import type { Language } from "../language.js";
import type { Directory } from "./directory.js";

export const NEW_CONTACT_PREFIX: Record<Language, string> = {
  uk: "Новий контакт ",
  ru: "Новый контакт",
  en: "New contact ",
};

/** The prefix and N one past the highest already used with that prefix. */
export function nextNewContactName(directory: Directory): string {
  const prefix = NEW_CONTACT_PREFIX[directory.options.language ?? "uk"];
  const pattern = new RegExp(`^${prefix}(\\d+)$`);
  const used = directory
    .search(prefix.trim(), 10_000)
    .map((c) => pattern.exec(c.name)?.[1])
    .filter((n): n is string => n !== undefined)
    .map(Number);
  return `${prefix}${Math.max(0, ...used) + 1}`;
}
