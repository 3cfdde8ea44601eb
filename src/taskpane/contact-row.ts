import type { Contact } from "../shared/types.js";
import type { PaneActions } from "./actions.js";
import { button, h, phoneKindLabel } from "./dom.js";
import { phoneText, t } from "./text.js";

/** One contact with a Call and an SMS button per phone number. */
export function contactRow(contact: Contact, actions: PaneActions, extra?: Node): HTMLElement {
  return h(
    "li",
    { class: "contact", "data-contact-id": contact.id },
    h("div", { class: "contact-name" }, contact.name || t("pane.noName")),
    contact.company ? h("div", { class: "muted" }, contact.company) : null,
    contact.note ? h("div", { class: "note" }, contact.note) : null,
    h(
      "ul",
      { class: "phones" },
      ...contact.phones.map((phone) =>
        h(
          "li",
          { class: "phone" },
          h("span", { class: "number" }, phoneText(phone.number)),
          h("span", { class: "kind" }, phoneKindLabel(phone.kind)),
          button(t("contact.call"), () => actions.call(phone.number), {
            primary: true,
            testid: "call",
            label: t("contact.callTitle", { number: phoneText(phone.number) }),
          }),
          button(t("contact.sms"), () => actions.openSms(phone.number), {
            testid: "sms",
            label: t("contact.smsTitle", { number: phoneText(phone.number) }),
          }),
        ),
      ),
    ),
    extra,
  );
}
