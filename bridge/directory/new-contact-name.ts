/**
 * The name a contact gets when the user gives none ("Новий контакт1", "New contact 1"), in the directory's
 * language, wherever it is created (index or Outlook).
 */
import { translator } from "../i18n/i18n.js";
import type { Directory } from "./directory.js";

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The placeholder name with N one past the highest already used in that language. */
export function nextNewContactName(directory: Directory): string {
  const { t } = translator(directory.options.language ?? "en");
  const [before = "", after = ""] = t("mailbox.newContact", { n: "\u0000" }).split("\u0000");
  const pattern = new RegExp(`^${escapeRegExp(before)}(\\d+)${escapeRegExp(after)}$`);
  const used = directory
    .search(before.trim(), 10_000)
    .map((c) => pattern.exec(c.name)?.[1])
    .filter((n): n is string => n !== undefined)
    .map(Number);
  return t("mailbox.newContact", { n: Math.max(0, ...used) + 1 });
}
