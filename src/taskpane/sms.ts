/** The SMS composer: text and device (phone 1-4 or the internet gateway), or TelefUM's own templates. */
import { notCarriedByCp1251 } from "../../bridge/protocol/cp1251-best-fit.js";
import type { BridgeApi } from "../shared/api.js";
import type { SmsDevice } from "../shared/types.js";
import type { PaneActions } from "./actions.js";
import { button, h, section } from "./dom.js";

export const DEVICE_CHOICES: { value: SmsDevice; label: string }[] = [
  { value: 1, label: "Phone 1" },
  { value: 2, label: "Phone 2" },
  { value: 3, label: "Phone 3" },
  { value: 4, label: "Phone 4" },
  { value: 5, label: "Internet" },
];

export class SmsComposer {
  readonly el: HTMLElement;
  private readonly number: HTMLInputElement;
  private readonly text: HTMLTextAreaElement;
  private readonly device: HTMLSelectElement;
  private readonly counter: HTMLElement;
  private readonly warning: HTMLElement;
  /** TelefUM's code page 1251 cannot carry everything: warn while typing (the bridge best-fits the rest). */
  private cp1251 = true;

  constructor(
    private readonly api: BridgeApi,
    private readonly actions: PaneActions,
  ) {
    this.number = h("input", { id: "sms-number", type: "tel", autocomplete: "off" });
    this.text = h("textarea", { id: "sms-text", rows: 4, maxlength: 1000 });
    this.device = h(
      "select",
      { id: "sms-device" },
      ...DEVICE_CHOICES.map((d) => h("option", { value: d.value }, d.label)),
    );
    this.counter = h("span", { class: "muted", id: "sms-count" }, "0");
    this.warning = h("p", { id: "sms-warning", class: "warning", role: "alert", hidden: true });
    this.text.addEventListener("input", () => {
      this.counter.textContent = String(this.text.value.length);
      this.checkText();
    });
    this.el = section(
      "sms",
      "SMS",
      h("label", { for: "sms-number" }, "To"),
      this.number,
      h("label", { for: "sms-text" }, "Text ", this.counter),
      this.text,
      this.warning,
      h("label", { for: "sms-device" }, "Send via"),
      this.device,
      h(
        "div",
        { class: "row" },
        button("Send", () => void this.send(), { primary: true, testid: "sms-send" }),
        button("TelefUM templates…", () => void this.template(), {
          testid: "sms-template",
          title: "Open TelefUM's SMS templates for this number",
        }),
        button("Cancel", () => this.hide()),
      ),
    );
    this.el.hidden = true;
  }

  open(number: string): void {
    this.number.value = number;
    this.el.hidden = false;
    this.text.focus();
    this.el.scrollIntoView?.({ block: "nearest" });
  }

  hide(): void {
    this.el.hidden = true;
  }

  /** From the bridge's status: only cp1251 needs the warning (UTF-16 carries everything). */
  setEncoding(encoding: string): void {
    this.cp1251 = encoding === "cp1251";
    this.checkText();
  }

  private checkText(): void {
    const lost = this.cp1251 ? notCarriedByCp1251(this.text.value) : [];
    this.warning.hidden = lost.length === 0;
    this.warning.textContent = lost.length
      ? `TelefUM cannot show ${lost.join(" ")}: they will be simplified or left out.`
      : "";
  }

  private async send(): Promise<void> {
    const text = this.text.value;
    if (!text.trim()) return this.actions.notify("Type the message first.", "error");
    try {
      await this.api.sms(this.number.value, text, Number(this.device.value) as SmsDevice);
      this.actions.notify(`SMS handed to TelefUM for ${this.number.value}`, "success");
      this.text.value = "";
      this.counter.textContent = "0";
      this.checkText();
      this.hide();
    } catch (error) {
      this.actions.notify((error as Error).message, "error");
    }
  }

  private async template(): Promise<void> {
    try {
      await this.api.smsTemplate(this.number.value);
      this.actions.notify("TelefUM opened its SMS templates", "success");
      this.hide();
    } catch (error) {
      this.actions.notify((error as Error).message, "error");
    }
  }
}
