import type { EventHub } from "./events.js";
import type { CardRequest, LocalViews } from "./ports.js";

/** The core's own views until the web server puts its pane-or-page ones in place: the pane's events only. */
export class PaneViews implements LocalViews {
  constructor(private readonly events: EventHub) {}

  async showCard(request: CardRequest): Promise<string> {
    this.events.emit("open-card", request);
    return "the pane";
  }

  async showNewContactForm(number: string): Promise<string> {
    this.events.emit("new-contact-form", { number });
    return "the pane";
  }

  async openLink(url: string): Promise<string> {
    throw new Error(`no browser opener to open ${url} with`);
  }

  contactLink(): undefined {
    return undefined;
  }

  contactIdOfLink(): undefined {
    return undefined;
  }
}
