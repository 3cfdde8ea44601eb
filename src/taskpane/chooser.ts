/**
 * Several contacts share a number: the user picks the right one; the bridge remembers it for TelefUM and opens it
 * (POST /api/choose, the same path as CARD^id^). A remembered choice is shown with "choose another" and "forget".
 */
import type { BridgeApi } from "../shared/api.js";
import type { Contact } from "../shared/types.js";
import type { PaneActions } from "./actions.js";
import { button, clear, h, section } from "./dom.js";

export class Chooser {
  readonly el: HTMLElement;
  private readonly body: HTMLElement;

  constructor(
    private readonly api: BridgeApi,
    private readonly actions: PaneActions,
  ) {
    this.body = h("div", {});
    this.el = section("chooser", "Which contact?", this.body);
    this.el.hidden = true;
  }

  open(number: string, contacts: Contact[]): void {
    clear(this.body);
    this.el.hidden = false;
    this.body.append(
      h("p", { class: "muted" }, "Who is ", h("strong", {}, number), "? TelefUM will show this contact next time."),
    );
    const list = h("ul", { class: "contacts", id: "chooser-list" });
    for (const contact of contacts) {
      list.append(
        h(
          "li",
          { class: "contact choice", "data-contact-id": contact.id },
          h("div", { class: "contact-name" }, contact.name || "(no name)"),
          contact.company ? h("div", { class: "muted" }, contact.company) : null,
          contact.note ? h("div", { class: "note" }, contact.note) : null,
          button("This one", () => void this.choose(number, contact), { primary: true, testid: "choose" }),
        ),
      );
    }
    this.body.append(
      list,
      button("New contact instead", () => this.actions.openNewContact(number)),
      button("Cancel", () => this.hide()),
    );
    this.el.scrollIntoView?.({ block: "nearest" });
  }

  /** The remembered contact is open (the call card shows it): the others stay one click away. */
  remembered(number: string, contacts: Contact[], chosen: Contact): void {
    clear(this.body);
    this.el.hidden = false;
    this.body.append(
      h(
        "p",
        { id: "remembered-choice" },
        h("strong", {}, chosen.name || "(no name)"),
        " is remembered for ",
        h("strong", {}, number),
        ".",
      ),
      button("Choose another", () => this.open(number, contacts), { testid: "choose-another" }),
      button("Forget this choice", () => void this.forget(number, contacts), { testid: "forget-choice" }),
    );
  }

  hide(): void {
    this.el.hidden = true;
  }

  private async choose(number: string, contact: Contact): Promise<void> {
    try {
      // The bridge opens it (here, as the open-card event, or in Outlook when signed in).
      await this.api.choose(number, contact.id);
      this.actions.notify(`${number} is ${contact.name}`, "success");
      this.hide();
    } catch (error) {
      this.actions.notify((error as Error).message, "error");
    }
  }

  private async forget(number: string, contacts: Contact[]): Promise<void> {
    try {
      await this.api.forgetChoice(number);
      this.actions.notify(`Forgot the choice for ${number}`, "success");
      this.open(number, contacts);
    } catch (error) {
      this.actions.notify((error as Error).message, "error");
    }
  }
}
