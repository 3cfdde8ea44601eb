/** CREATECARD with Microsoft 365: the contact is created in the mailbox, then indexed at once (no wait for sync). */
import type { Client } from "@microsoft/microsoft-graph-client";
import type { Contact } from "../../directory/contact.js";
import type { Directory } from "../../directory/directory.js";
import { nextNewContactName } from "../../directory/new-contact-name.js";
import type { ContactCreator, NewContactDetails } from "../../core/ports.js";
import { contactFromGraph, type GraphContactItem } from "../sources/contact-mapping.js";
import { normalizeGraphError } from "../graph-client.js";

export class GraphContactCreator implements ContactCreator {
  readonly name = "microsoft365";

  constructor(
    private readonly client: Client,
    private readonly directory: Directory,
  ) {}

  async create(number: string, details: NewContactDetails = {}): Promise<Contact> {
    const name = details.name?.trim() || nextNewContactName(this.directory, details.language);
    const body: Record<string, unknown> = { displayName: name, givenName: name, mobilePhone: number.trim() };
    if (details.company?.trim()) body.companyName = details.company.trim();
    if (details.note?.trim()) body.personalNotes = details.note.trim();
    if (details.email?.trim()) body.emailAddresses = [{ address: details.email.trim(), name }];
    let created: GraphContactItem;
    try {
      // Not retried automatically: a POST /me/contacts that timed out may have created the contact.
      created = (await this.client.api("/me/contacts").post(body)) as GraphContactItem;
    } catch (error) {
      throw normalizeGraphError(error);
    }
    return this.directory.upsert(contactFromGraph(created, created.parentFolderId ?? ""));
  }
}
