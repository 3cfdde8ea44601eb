/**
 * Several contacts share a number: the user picks the right one; the bridge remembers it for TelefUM and opens it
 * (POST /api/choose, the same path as CARD^id^). A remembered choice is shown with "choose another" and "forget".
 */
import type { BridgeApi } from "../shared/api.js";
import type { Contact } from "../shared/types.js";
import type { PaneActions } from "./actions.js";
import { contactLines } from "./contact-row.js";
import { button, clear, h, section, withStrong } from "./dom.js";
import { errorText, phoneText, t } from "./text.js";

export class Chooser {
  readonly el: HTMLElement;
  private readonly body: HTMLElement;
  /** The number the chooser is about. */
  private number = "";

  constructor(
    private readonly api: BridgeApi,
    private readonly actions: PaneActions,
  ) {
    this.body = h("div", {});
    this.el = section("chooser", t("chooser.title"), this.body);
    this.el.hidden = true;
  }

  open(number: string, contacts: Contact[]): void {
    this.number = number;
    clear(this.body);
    this.el.hidden = false;
    this.body.append(
      h("p", { class: "muted" }, ...withStrong((n) => t("chooser.prompt", { number: n }), phoneText(number))),
    );
    const list = h("ul", { class: "contacts", id: "chooser-list" });
    for (const contact of contacts) {
      list.append(
        h(
          "li",
          { class: "contact choice", "data-contact-id": contact.id },
          ...contactLines(contact),
          button(t("chooser.thisOne"), () => void this.choose(number, contact), {
            primary: true,
            testid: "choose",
            label: t("chooser.thisOneLabel", { name: contact.name || t("pane.noName") }),
          }),
        ),
      );
    }
    this.body.append(
      list,
      button(t("chooser.newInstead"), () => this.actions.openNewContact(number)),
      button(t("pane.cancel"), () => this.hide()),
    );
    this.el.scrollIntoView?.({ block: "nearest" });
  }

  /** The remembered contact is open (the call card shows it): the others stay one click away. */
  remembered(number: string, contacts: Contact[], chosen: Contact): void {
    this.number = number;
    clear(this.body);
    this.el.hidden = false;
    this.body.append(
      h("p", { id: "remembered-choice" }, ...rememberedText(chosen.name || t("pane.noName"), phoneText(number))),
      button(t("chooser.another"), () => this.open(number, contacts), { testid: "choose-another" }),
      button(t("chooser.forget"), () => void this.forget(number, contacts), { testid: "forget-choice" }),
    );
  }

  hide(): void {
    this.el.hidden = true;
  }

  /** A call came in: a chooser for another number is stale, so it goes (one for this number stays). */
  callFor(number: string): void {
    if (!this.el.hidden && number !== this.number) this.hide();
  }

  private async choose(number: string, contact: Contact): Promise<void> {
    try {
      // The bridge opens it (here, as the open-card event, or in Outlook when signed in).
      await this.api.choose(number, contact.id);
      this.actions.notify(t("chooser.chosen", { number: phoneText(number), name: contact.name }), "success");
      this.hide();
    } catch (error) {
      this.actions.notify(errorText(error), "error");
    }
  }

  private async forget(number: string, contacts: Contact[]): Promise<void> {
    try {
      await this.api.forgetChoice(number);
      this.actions.notify(t("chooser.forgot", { number: phoneText(number) }), "success");
      this.open(number, contacts);
    } catch (error) {
      this.actions.notify(errorText(error), "error");
    }
  }
}

/** "<name> is remembered for <number>." with both in bold, wherever the language puts them. */
function rememberedText(name: string, number: string): (string | HTMLElement)[] {
  const [start = "", rest = ""] = t("chooser.remembered", { name: "{name}", number: "{number}" }).split("{name}");
  const [middle = "", end = ""] = rest.split("{number}");
  return [start, h("strong", {}, name), middle, h("strong", {}, number), end];
}
