/** The live call card: who is calling right now, a notes box, and what Outlook knows about them (context-card). */
import type { BridgeApi } from "../shared/api.js";
import type { Contact } from "../shared/types.js";
import type { PaneActions } from "./actions.js";
import { CallNotesBox } from "./call-notes.js";
import { contactRow } from "./contact-row.js";
import { ContextCard } from "./context-card.js";
import { button, clear, h, section } from "./dom.js";
import { TeamHistoryPart } from "./team-history.js";
import { phoneText, t } from "./text.js";

export class CallCard {
  readonly el: HTMLElement;
  private readonly body: HTMLElement;
  private readonly context: ContextCard;
  private readonly team: TeamHistoryPart;
  private notes: CallNotesBox | undefined;
  private number = "";

  constructor(
    private readonly api: BridgeApi,
    private readonly actions: PaneActions,
  ) {
    this.context = new ContextCard(api, actions, (contact) => {
      void this.show(this.number, [contact], t("callCard.contact"));
    });
    this.team = new TeamHistoryPart(api);
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
        h("strong", { class: "number", "data-testid": "call-number" }, phoneText(number)),
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
    this.number = number;
    this.notes = undefined;
    const notesSlot = h("div", { class: "call-notes-slot" });
    this.body.append(
      notesSlot,
      this.team.el,
      this.context.el,
      button(t("pane.close"), () => this.hide(), { testid: "close-call" }),
    );
    void this.team.show(number);
    const context = await this.context.show(number, contacts);
    if (this.number !== number || !number) return;
    this.notes = new CallNotesBox(this.api, number, context?.note ?? null);
    notesSlot.append(this.notes.el);
  }

  /** A call was logged: the card for its number learns its id (for a note) and shows it in the context. */
  callLogged(number: string, callId: number): void {
    if (this.el.hidden || number !== this.number) return;
    this.notes?.callLogged(callId);
    this.context.refresh(number);
  }

  /** An SMS went to the number shown: the context lists it. */
  smsSent(number: string): void {
    if (!this.el.hidden) this.context.refresh(number);
  }

  /** The team copy changed: the team's calls with the caller shown, read again. */
  teamChanged(): void {
    if (!this.el.hidden) this.team.refresh();
  }

  hide(): void {
    this.el.hidden = true;
  }
}
