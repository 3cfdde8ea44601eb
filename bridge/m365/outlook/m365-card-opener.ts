/**
 * The CardOpener the core uses once Microsoft 365 is connected. One contact (or the one chosen before for that
 * number): an Outlook contact opens the configured way (`card.mode`); organisation users and local contacts go to
 * the bridge's local views (the pane, else the local page in the browser). Several: the chooser in the local views
 * (`card.chooser: "page"` always the local page); it answers through POST /api/choose, which remembers the choice
 * and opens the one contact through here.
 */
import type { Contact } from "../../directory/contact.js";
import type { CardOpener, CardRequest, LocalViews, Place } from "../../core/ports.js";
import type { ContactOpener } from "./card-openers.js";

const OPENED_IN: Record<string, Place> = { web: { key: "place.outlookWeb" }, classic: { key: "place.outlookClassic" } };

export class M365CardOpener implements CardOpener {
  readonly name = "microsoft365";

  constructor(
    private readonly views: () => LocalViews,
    private readonly opener: ContactOpener,
    /** card.chooser = "page": the chooser is the local page even when a pane is connected. */
    private readonly chooserPage: boolean,
  ) {}

  async open(request: CardRequest): Promise<Place> {
    const one = request.contacts.length === 1 ? request.contacts[0] : undefined;
    const chosen = request.contacts.find((c) => c.id === request.chosen);
    const contact = one ?? chosen;
    if (contact && this.inOutlook(contact)) {
      await this.opener.openContact(contact);
      return OPENED_IN[this.opener.name] ?? { key: "place.outlook" };
    }
    return this.views().showCard(request, { page: !contact && this.chooserPage });
  }

  private inOutlook(contact: Contact): boolean {
    return contact.source === "outlook" && !!contact.externalId && this.opener.name !== "pane";
  }
}
