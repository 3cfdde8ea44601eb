import type { EventHub } from "./events.js";
import type { CardOpener, CardRequest } from "./ports.js";

/** Opens contacts in the add-in pane (and the simulator page): they show the card, or the chooser for several. */
export class PaneCardOpener implements CardOpener {
  readonly name = "pane";

  constructor(private readonly events: EventHub) {}

  async open(request: CardRequest): Promise<void> {
    this.events.emit("open-card", request);
  }
}
