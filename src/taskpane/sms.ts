/** The SMS composer: text and device (phone 1-4 or the internet gateway), or TelefUM's own templates. */
import { bestFitCp1251, notCarriedByCp1251 } from "../../bridge/protocol/cp1251-best-fit.js";
import type { BridgeApi } from "../shared/api.js";
import type { SmsDevice } from "../shared/types.js";
import type { PaneActions } from "./actions.js";
import { button, type FluentButton, h, section } from "./dom.js";
import { cutToLimit, SmsCounter } from "./sms-counter.js";
import { errorText, phoneText, t } from "./text.js";

/** Phones 1-4, then TelefUM's internet gateway (5). */
export function deviceChoices(): { value: SmsDevice; label: string }[] {
  const phones = ([1, 2, 3, 4] as const).map((n) => ({ value: n, label: t("sms.phone", { n }) }));
  return [...phones, { value: 5, label: t("sms.internet") }];
}

export class SmsComposer {
  readonly el: HTMLElement;
  private readonly number: HTMLInputElement;
  private readonly text: HTMLTextAreaElement;
  private readonly device: HTMLSelectElement;
  private readonly counter: SmsCounter;
  private readonly warning: HTMLElement;
  private readonly sendButton: FluentButton;
  /** TelefUM's code page 1251 cannot carry everything: warn while typing (the bridge best-fits the rest). */
  private cp1251 = true;

  constructor(
    private readonly api: BridgeApi,
    private readonly actions: PaneActions,
  ) {
    this.number = h("input", { id: "sms-number", type: "tel", autocomplete: "off" });
    // No maxlength: a browser would cut a pasted text silently; the counter shows what is over and offers the cut.
    this.text = h("textarea", { id: "sms-text", rows: 4 });
    this.device = h(
      "select",
      { id: "sms-device" },
      ...deviceChoices().map((d) => h("option", { value: d.value }, d.label)),
    );
    this.counter = new SmsCounter(() => this.cut());
    this.warning = h("p", { id: "sms-warning", class: "warning", role: "alert", hidden: true });
    this.sendButton = button(t("sms.send"), () => void this.send(), { primary: true, testid: "sms-send" });
    this.text.addEventListener("input", () => this.checkText());
    this.el = section(
      "sms",
      t("sms.title"),
      h("label", { for: "sms-number" }, t("sms.to")),
      this.number,
      h("label", { for: "sms-text" }, t("sms.text")),
      this.text,
      this.counter.el,
      this.warning,
      h("label", { for: "sms-device" }, t("sms.via")),
      this.device,
      h(
        "div",
        { class: "row" },
        this.sendButton,
        button(t("sms.templates"), () => void this.template(), {
          testid: "sms-template",
          title: t("sms.templatesTitle"),
        }),
        button(t("pane.cancel"), () => this.hide()),
      ),
    );
    this.el.hidden = true;
    this.checkText();
  }

  open(number: string): void {
    this.number.value = phoneText(number);
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

  /** The warnings and the counter, of the text as it will reach the phone; Send only while the text fits. */
  private checkText(): void {
    const text = this.text.value;
    const lost = this.cp1251 ? notCarriedByCp1251(text) : [];
    this.warning.hidden = lost.length === 0;
    this.warning.textContent = lost.length ? t("sms.cp1251", { chars: lost.join(" ") }) : "";
    this.sendButton.disabled = !this.counter.show(text, this.cp1251 ? bestFitCp1251(text) : text);
  }

  private cut(): void {
    this.text.value = cutToLimit(this.text.value);
    this.checkText();
    this.text.focus();
  }

  private async send(): Promise<void> {
    const text = this.text.value;
    if (!text.trim()) return this.actions.notify(t("reasons.EMPTY_TEXT"), "error");
    if (this.sendButton.disabled) return; // over the limit: the counter says by how much
    try {
      await this.api.sms(this.number.value, text, Number(this.device.value) as SmsDevice);
      this.actions.notify(t("sms.sent", { number: phoneText(this.number.value) }), "success");
      this.text.value = "";
      this.checkText();
      this.hide();
    } catch (error) {
      this.actions.notify(errorText(error), "error");
    }
  }

  private async template(): Promise<void> {
    try {
      await this.api.smsTemplate(this.number.value);
      this.actions.notify(t("sms.templatesOpened"), "success");
      this.hide();
    } catch (error) {
      this.actions.notify(errorText(error), "error");
    }
  }
}
