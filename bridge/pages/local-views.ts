/**
 * The bridge's local views as the core uses them (ports.LocalViews): a card, the chooser or the new-contact form
 * goes to the pane when one is connected (it shows it and comes forward); otherwise the bridge's own page for it
 * opens in the default browser. Links open in the default browser. Each answers where, for the log and activity.
 */
import type { CardRequest, EventHub, LocalViews } from "../core/ports.js";
import type { Contact } from "../directory/contact.js";
import type { UrlOpener } from "../desktop/launchers.js";
import { chooserPath, contactIdOfLink, contactPath, newContactPath } from "./page-urls.js";

export interface LocalViewsDeps {
  events: EventHub;
  /** True while a task pane holds the events socket open. */
  paneConnected: () => boolean;
  openUrl: UrlOpener;
  /** The web server's origin once listening; "" when there is none (then only the pane can show anything). */
  origin: () => string;
  /** Outlook on the web's link for an Outlook contact (Microsoft 365 configured), for `card.idForm: "url"`. */
  outlookLink?: (contact: Contact) => string | undefined;
  /** The index id of the contact behind an Outlook on the web link. */
  outlookContactIdOfLink?: (url: string) => string | undefined;
}

export class PaneOrPageViews implements LocalViews {
  constructor(private readonly deps: LocalViewsDeps) {}

  async showCard(request: CardRequest, options: { page?: boolean } = {}): Promise<string> {
    const one = request.contacts.length === 1 ? request.contacts[0] : undefined;
    const chosen = request.contacts.find((c) => c.id === request.chosen);
    const contact = one ?? chosen;
    const path = contact ? contactPath(contact.id, request.number) : chooserPath(request.ids, request.number);
    return this.show(path, () => this.deps.events.emit("open-card", request), options.page ?? false);
  }

  async showNewContactForm(number: string): Promise<string> {
    return this.show(newContactPath(number), () => this.deps.events.emit("new-contact-form", { number }), false);
  }

  async openLink(url: string): Promise<string> {
    await this.deps.openUrl(url);
    return "the default browser";
  }

  contactLink(contact: Contact): string | undefined {
    const outlook = this.deps.outlookLink?.(contact);
    if (outlook) return outlook;
    const origin = this.deps.origin();
    return origin ? `${origin}${contactPath(contact.id)}` : undefined;
  }

  contactIdOfLink(url: string): string | undefined {
    return contactIdOfLink(url, this.deps.origin()) ?? this.deps.outlookContactIdOfLink?.(url);
  }

  /** The event goes out unless the page is asked for (the simulator shows it too); the page when no pane took it. */
  private async show(path: string, toPane: () => void, pageOnly: boolean): Promise<string> {
    const origin = this.deps.origin();
    if (!pageOnly || !origin) toPane();
    if ((this.deps.paneConnected() && !pageOnly) || !origin) {
      return origin ? "the pane" : "the pane (no local web server for a page)";
    }
    const url = `${origin}${path}`;
    await this.deps.openUrl(url);
    return `the default browser (${url})`;
  }
}
