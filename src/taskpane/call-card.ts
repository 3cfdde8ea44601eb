/** The live call card: who is calling right now, with their recent calls. */
import type { BridgeApi } from "../shared/api.js";
import type { HistoryEntry, Contact } from "../shared/types.js";
import type { PaneActions } from "./actions.js";
import { contactRow } from "./contact-row.js";
import { button, clear, h, section } from "./dom.js";
import { formatCall } from "./history.js";
import { t } from "./text.js";

export class CallCard {
  readonly el: HTMLElement;
  private readonly body: HTMLElement;

  constructor(
    private readonly api: BridgeApi,
    private readonly actions: PaneActions,
  ) {
    // A live region: a screen reader announces who is calling as soon as the card fills in.
    this.body = h("div", { id: "call-card-body", role: "status", "aria-live": "polite", "aria-atomic": "false" });
    this.el = section("call-card", t("callCard.title"), this.body);
    this.el.hidden = true;
  }

  /** An incoming call (from the live socket) or a card TelefUM asked to open. */
  async show(number: string, contacts: Contact[], heading = t("callCard.incoming")): Promise<void> {
    this.el.hidden = false;
    clear(this.body);
    this.body.append(
      h(
        "div",
        { class: "call-heading" },
        h("fluent-badge", { class: "badge", appearance: "filled", color: "success" }, heading),
        " ",
        h("strong", { class: "number", "data-testid": "call-number" }, number),
      ),
    );
    const list = h("ul", { class: "contacts" });
    if (contacts.length === 0) {
      this.body.append(
        h("p", { class: "muted", "data-testid": "unknown-caller" }, t("callCard.unknown")),
        button(t("callCard.create"), () => this.actions.openNewContact(number), {
          primary: true,
          testid: "create-contact",
        }),
      );
    } else if (contacts.length === 1) {
      list.append(contactRow(contacts[0]!, this.actions));
      this.body.append(list);
    } else {
      this.body.append(
        h("p", { class: "muted" }, t("callCard.shared", { count: contacts.length })),
        button(t("callCard.choose"), () => this.actions.openChooser(number, contacts), { testid: "open-chooser" }),
      );
      for (const contact of contacts) list.append(contactRow(contact, this.actions));
      this.body.append(list);
    }
    const recent = h("ul", { class: "recent" });
    this.body.append(
      h("h3", {}, t("callCard.recent")),
      recent,
      button(t("pane.close"), () => this.hide(), { testid: "close-call" }),
    );
    let calls: HistoryEntry[] = [];
    try {
      calls = (await this.api.lookup(number)).calls;
    } catch {
      // The card still shows the caller; history is a bonus.
    }
    if (calls.length === 0) recent.append(h("li", { class: "muted" }, t("history.none")));
    for (const call of calls) recent.append(h("li", {}, formatCall(call)));
  }

  hide(): void {
    this.el.hidden = true;
  }
}
