/** The live call card: who is calling right now, a notes box, and what Outlook knows about them (context-card). */
import type { BridgeApi } from "../shared/api.js";
import type { Contact } from "../shared/types.js";
import type { PaneActions } from "./actions.js";
import { CallNotesBox } from "./call-notes.js";
import { contactRow } from "./contact-row.js";
import { ContextCard } from "./context-card.js";
import { button, clear, h, longValue, section } from "./dom.js";
import { TeamHistoryPart } from "./team-history.js";
import { phoneText, t } from "./text.js";
import { phoneNumber } from "../../bridge/protocol/inputs.js";

/** What a logged call says about the call shown: it is over, and how it went. */
export interface LoggedCall {
  id: number;
  number: string;
  direction: "in" | "out";
  answered: boolean;
}

/** Whether a number TelefUM sent can be called, texted, saved and looked up: the one phone-number validator says. */
function usableNumber(number: string): boolean {
  try {
    phoneNumber(number);
    return true;
  } catch {
    return false;
  }
}

export class CallCard {
  readonly el: HTMLElement;
  private readonly body: HTMLElement;
  private readonly context: ContextCard;
  private readonly team: TeamHistoryPart;
  private notes: CallNotesBox | undefined;
  private number = "";
  private badge: HTMLElement | undefined;

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
    this.badge = h("fluent-badge", { class: "badge", appearance: "filled", color: "success" }, heading);
    // A caller nobody knows whose number cannot be used (hidden caller ID: empty): nothing to call, text, save or
    // look up, so no button or lookup that would only fail; the card says why.
    const unusable = contacts.length === 0 && !usableNumber(number);
    const shown = number
      ? longValue("strong", "number one-line", phoneText(number), { "data-testid": "call-number" })
      : unusable
        ? h("strong", { class: "number", "data-testid": "call-number" }, t("callCard.hidden"))
        : null;
    this.body.append(h("div", { class: "call-heading" }, this.badge, " ", shown));
    const list = h("ul", { class: "contacts" });
    if (unusable) {
      const why = number ? t("callCard.badNumber") : t("callCard.hiddenHint");
      this.body.append(h("p", { class: "muted", "data-testid": "unusable-number" }, why));
    } else if (contacts.length === 0) {
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
    const close = button(t("pane.close"), () => this.hide(), { testid: "close-call" });
    if (unusable) {
      this.body.append(close);
      return;
    }
    this.body.append(notesSlot, this.team.el, this.context.el, close);
    void this.team.show(number);
    const context = await this.context.show(number, contacts);
    if (this.number !== number || !number) return;
    this.notes = new CallNotesBox(this.api, number, context?.note ?? null);
    notesSlot.append(this.notes.el);
  }

  /**
   * A call was logged: the call shown is over (its heading says how it went, not "incoming" any more), and the card
   * for its number learns its id (for a note) and shows it in the context.
   */
  callLogged(call: LoggedCall): void {
    if (this.el.hidden || call.number !== this.number) return;
    const [words, color] = call.answered
      ? [t("callCard.ended"), "informative"]
      : call.direction === "in"
        ? [t("callCard.missedCall"), "danger"]
        : [t("callCard.noAnswer"), "warning"];
    if (this.badge) {
      this.badge.textContent = words;
      this.badge.setAttribute("color", color);
      this.badge.dataset.state = "ended";
    }
    this.notes?.callLogged(call.id);
    this.context.refresh(call.number);
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
