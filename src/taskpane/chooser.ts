/** Several contacts share a number: the user picks the right one, and the bridge remembers it for TelefUM. */
import type { BridgeApi } from "../shared/api.js";
import type { Contact } from "../shared/types.js";
import type { PaneActions } from "./actions.js";
import { button, clear, h, section, withStrong } from "./dom.js";
import { errorText, t } from "./text.js";

export class Chooser {
  readonly el: HTMLElement;
  private readonly body: HTMLElement;

  constructor(
    private readonly api: BridgeApi,
    private readonly actions: PaneActions,
  ) {
    this.body = h("div", {});
    this.el = section("chooser", t("chooser.title"), this.body);
    this.el.hidden = true;
  }

  open(number: string, contacts: Contact[]): void {
    clear(this.body);
    this.el.hidden = false;
    this.body.append(h("p", { class: "muted" }, ...withStrong((n) => t("chooser.prompt", { number: n }), number)));
    const list = h("ul", { class: "contacts", id: "chooser-list" });
    for (const contact of contacts) {
      list.append(
        h(
          "li",
          { class: "contact choice", "data-contact-id": contact.id },
          h("div", { class: "contact-name" }, contact.name || t("pane.noName")),
          contact.company ? h("div", { class: "muted" }, contact.company) : null,
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

  hide(): void {
    this.el.hidden = true;
  }

  private async choose(number: string, contact: Contact): Promise<void> {
    try {
      await this.api.choose(number, contact.id);
      this.actions.notify(t("chooser.chosen", { number, name: contact.name }), "success");
      this.hide();
    } catch (error) {
      this.actions.notify(errorText(error), "error");
    }
  }
}
