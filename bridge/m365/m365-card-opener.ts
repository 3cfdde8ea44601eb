/**
 * The CardOpener the core uses once Microsoft 365 is connected. One contact: open it the configured way
 * (Outlook contacts only; organisation users and local contacts go to the pane). Several: the contact chosen
 * before for that number, else the chooser (the pane / local page shows name, company and note of each, and
 * answers through POST /api/choose, which remembers the choice and opens the one contact through here).
 */
import type { Contact } from "../directory/contact.js";
import type { Directory } from "../directory/directory.js";
import type { CardOpener, CardRequest, EventHub } from "../core/ports.js";
import type { Logger } from "../log.js";
import type { ContactOpener } from "./card-openers.js";

export class M365CardOpener implements CardOpener {
  readonly name = "microsoft365";

  constructor(
    private readonly directory: Directory,
    private readonly events: EventHub,
    private readonly opener: ContactOpener,
    private readonly log: Logger,
    /** Opens the local chooser page instead of asking the pane (card.chooser = "page"). */
    private readonly chooserPage?: (request: CardRequest) => Promise<void>,
  ) {}

  async open(request: CardRequest): Promise<void> {
    const contact = this.directory.pick(request.number, request.contacts);
    if (contact) return this.openOne(contact);
    if (this.chooserPage) return this.chooserPage(request);
    this.events.emit("open-card", request);
  }

  private async openOne(contact: Contact): Promise<void> {
    if (contact.source === "outlook" && contact.externalId && this.opener.name !== "pane") {
      this.log("info", "opening contact", { id: contact.id, how: this.opener.name });
      await this.opener.openContact(contact);
      return;
    }
    this.events.emit("open-card", { ids: [contact.id], contacts: [contact], missingIds: [] });
  }
}
