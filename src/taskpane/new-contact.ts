/** A new contact for a number (an unknown caller, a number from an e-mail), prefilled with the number. */
import type { BridgeApi } from "../shared/api.js";
import type { Contact } from "../shared/types.js";
import type { PaneActions } from "./actions.js";
import { button, h, section } from "./dom.js";
import { errorText, t, words } from "./text.js";

const FIELDS = [
  { key: "number", label: "newContact.phone", type: "tel", autocomplete: "tel" },
  { key: "name", label: "newContact.name", type: "text", autocomplete: "name" },
  { key: "company", label: "newContact.company", type: "text", autocomplete: "organization" },
  { key: "email", label: "newContact.email", type: "email", autocomplete: "email" },
  { key: "note", label: "newContact.note", type: "text", autocomplete: "off" },
] as const;

type Field = (typeof FIELDS)[number]["key"];

export class NewContactForm {
  readonly el: HTMLElement;
  private readonly inputs = {} as Record<Field, HTMLInputElement>;

  constructor(
    private readonly api: BridgeApi,
    private readonly actions: PaneActions,
    private readonly onCreated: (contact: Contact) => void,
  ) {
    const form = h("form", { id: "new-contact-form", novalidate: true });
    for (const field of FIELDS) {
      const input = h("input", {
        id: `nc-${field.key}`,
        name: field.key,
        type: field.type,
        autocomplete: field.autocomplete,
        required: field.key === "number",
      });
      this.inputs[field.key] = input;
      form.append(h("label", { for: input.id }, t(field.label)), input);
    }
    form.append(
      h(
        "div",
        { class: "row" },
        button(t("newContact.save"), () => void this.save(), { primary: true, testid: "nc-save" }),
        button(t("pane.cancel"), () => this.hide()),
      ),
    );
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.save();
    });
    this.el = section("new-contact", t("newContact.title"), form);
    this.el.hidden = true;
  }

  open(number: string, name = ""): void {
    for (const input of Object.values(this.inputs)) input.value = "";
    this.inputs.number.value = number;
    this.inputs.name.value = name;
    this.el.hidden = false;
    this.inputs.name.focus();
    this.el.scrollIntoView?.({ block: "nearest" });
  }

  hide(): void {
    this.el.hidden = true;
  }

  private async save(): Promise<void> {
    const value = (key: Field): string | undefined => this.inputs[key].value.trim() || undefined;
    const number = value("number");
    if (!number) return this.actions.notify(t("newContact.numberRequired"), "error");
    try {
      // `open`: it then opens where CARD^id^ would (Outlook when signed in, else here).
      const contact = await this.api.createContact({
        number,
        open: true,
        language: words().language,
        ...(value("name") ? { name: value("name") } : {}),
        ...(value("company") ? { company: value("company") } : {}),
        ...(value("email") ? { email: value("email") } : {}),
        ...(value("note") ? { note: value("note") } : {}),
      });
      this.actions.notify(t("newContact.saved", { name: contact.name }), "success");
      this.hide();
      this.onCreated(contact);
    } catch (error) {
      this.actions.notify(errorText(error), "error");
    }
  }
}
