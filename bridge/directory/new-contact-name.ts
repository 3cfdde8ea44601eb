/** The name a contact gets when the user gives none: "New contact N", wherever it is created (index or Outlook). */
import type { Directory } from "./directory.js";

export const NEW_CONTACT_PREFIX = "New contact";

/** "New contact N" with N one past the highest already used. */
export function nextNewContactName(directory: Directory): string {
  const used = directory
    .search(NEW_CONTACT_PREFIX, 10_000)
    .map((c) => new RegExp(`^${NEW_CONTACT_PREFIX} (\\d+)$`).exec(c.name)?.[1])
    .filter((n): n is string => n !== undefined)
    .map(Number);
  return `${NEW_CONTACT_PREFIX} ${Math.max(0, ...used) + 1}`;
}
