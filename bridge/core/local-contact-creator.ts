import type { Contact } from "../directory/contact.js";
import type { Directory } from "../directory/directory.js";
import { nextNewContactName } from "../directory/new-contact-name.js";
import type { ContactCreator, NewContactDetails } from "./ports.js";

/** Creates "New contact N" in the local index: the core's own creator, used while no other is plugged in. */
export class LocalContactCreator implements ContactCreator {
  readonly name = "local";

  constructor(private readonly directory: Directory) {}

  async create(number: string, details: NewContactDetails = {}): Promise<Contact> {
    return this.directory.upsert({
      source: "local",
      externalId: null,
      folderId: null,
      name: details.name?.trim() || nextNewContactName(this.directory, details.language),
      company: details.company?.trim() ?? "",
      note: details.note?.trim() ?? "",
      email: details.email?.trim() ?? "",
      phones: [{ number, kind: "mobile" }],
    });
  }
}
