import type { Contact } from "../shared/types.js";
import type { PaneActions } from "./actions.js";
import { button, h, PHONE_KIND_LABEL } from "./dom.js";

/** One contact with a Call and an SMS button per phone number. */
export function contactRow(contact: Contact, actions: PaneActions, extra?: Node): HTMLElement {
  return h(
    "li",
    { class: "contact", "data-contact-id": contact.id },
    h("div", { class: "contact-name" }, contact.name || "(no name)"),
    contact.company ? h("div", { class: "muted" }, contact.company) : null,
    contact.note ? h("div", { class: "note" }, contact.note) : null,
    h(
      "ul",
      { class: "phones" },
      ...contact.phones.map((phone) =>
        h(
          "li",
          { class: "phone" },
          h("span", { class: "number" }, phone.number),
          h("span", { class: "kind" }, PHONE_KIND_LABEL[phone.kind] ?? phone.kind),
          button("Call", () => actions.call(phone.number), {
            primary: true,
            testid: "call",
            title: `Call ${phone.number}`,
          }),
          button("SMS", () => actions.openSms(phone.number), { testid: "sms", title: `SMS to ${phone.number}` }),
        ),
      ),
    ),
    extra,
  );
}
