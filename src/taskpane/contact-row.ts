import type { Contact } from "../shared/types.js";
import type { PaneActions } from "./actions.js";
import { button, h, longValue, phoneKindLabel } from "./dom.js";
import { phoneText, t } from "./text.js";

/** One contact with a Call and an SMS button per phone number. */
export function contactRow(contact: Contact, actions: PaneActions, extra?: Node): HTMLElement {
  return h(
    "li",
    { class: "contact", "data-contact-id": contact.id },
    ...contactLines(contact),
    h(
      "ul",
      { class: "phones" },
      ...contact.phones.map((phone) =>
        h(
          "li",
          { class: "phone" },
          longValue("span", "number one-line", phoneText(phone.number)),
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

/** A contact's name, company and note, each cut to fit the pane with the whole value in its tooltip. */
export function contactLines(contact: Contact): (HTMLElement | null)[] {
  return [
    longValue("div", "contact-name few-lines", contact.name || t("pane.noName")),
    contact.company ? longValue("div", "muted one-line", contact.company) : null,
    contact.note ? longValue("div", "note few-lines", contact.note) : null,
  ];
}
