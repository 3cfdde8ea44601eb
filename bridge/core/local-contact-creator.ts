import type { Contact } from "../directory/contact.js";
import type { Directory } from "../directory/directory.js";
import type { ContactCreator, NewContactDetails } from "./ports.js";

export const NEW_CONTACT_PREFIX = "New contact";

/** Creates "New contact N" in the local index: used until Microsoft 365 is signed in. */
export class LocalContactCreator implements ContactCreator {
  readonly name = "local";

  constructor(private readonly directory: Directory) {}

  async create(number: string, details: NewContactDetails = {}): Promise<Contact> {
    return this.directory.upsert({
      source: "local",
      externalId: null,
      folderId: null,
      name: details.name?.trim() || nextNewContactName(this.directory),
      company: details.company?.trim() ?? "",
      note: details.note?.trim() ?? "",
      email: details.email?.trim() ?? "",
      phones: [{ number, kind: "mobile" }],
    });
  }
}

/** "New contact N" with N one past the highest already used. */
export function nextNewContactName(directory: Directory): string {
  const used = directory
    .search(NEW_CONTACT_PREFIX, 10_000)
    .map((c) => new RegExp(`^${NEW_CONTACT_PREFIX} (\\d+)$`).exec(c.name)?.[1])
    .filter((n): n is string => n !== undefined)
    .map(Number);
  return `${NEW_CONTACT_PREFIX} ${Math.max(0, ...used) + 1}`;
}
