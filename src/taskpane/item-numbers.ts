/** Numbers from the open e-mail or meeting: the sender's contact phones and numbers written in the body. */
import type { BridgeApi } from "../shared/api.js";
import type { ItemPeople } from "../shared/office-item.js";
import type { PaneActions } from "./actions.js";
import { contactRow } from "./contact-row.js";
import { button, clear, h, section } from "./dom.js";
import { phoneText, t } from "./text.js";

export class ItemNumbers {
  readonly el: HTMLElement;
  private readonly body: HTMLElement;

  constructor(
    private readonly api: BridgeApi,
    private readonly actions: PaneActions,
  ) {
    this.body = h("div", { id: "item-numbers-body" });
    this.el = section("item-numbers", t("item.title"), this.body);
    this.el.hidden = true;
  }

  async show(people: ItemPeople): Promise<void> {
    clear(this.body);
    const list = h("ul", { class: "contacts" });
    const known = new Set<string>();
    for (const email of people.emails) {
      try {
        for (const contact of await this.api.search(email)) {
          if (known.has(contact.id) || contact.email.toLowerCase() !== email) continue;
          known.add(contact.id);
          list.append(contactRow(contact, this.actions));
        }
      } catch {
        // The bridge is down: the body numbers still show.
      }
    }
    for (const number of people.bodyNumbers) {
      list.append(
        h(
          "li",
          { class: "phone" },
          h("span", { class: "number" }, phoneText(number)),
          button(t("contact.call"), () => this.actions.call(number), {
            primary: true,
            testid: "call",
            label: t("contact.callTitle", { number: phoneText(number) }),
          }),
          button(t("contact.sms"), () => this.actions.openSms(number), {
            testid: "sms",
            label: t("contact.smsTitle", { number: phoneText(number) }),
          }),
          button(t("item.save"), () => this.actions.openNewContact(number), {
            testid: "save-number",
            title: t("item.saveTitle"),
          }),
        ),
      );
    }
    this.el.hidden = list.childElementCount === 0;
    this.body.append(list);
  }
}
