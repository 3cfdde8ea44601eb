/** The SMS composer: text and device (phone 1-4 or the internet gateway), or TelefUM's own templates. */
import { notCarriedByCp1251 } from "../../bridge/protocol/cp1251-best-fit.js";
import type { BridgeApi } from "../shared/api.js";
import type { SmsDevice } from "../shared/types.js";
import type { PaneActions } from "./actions.js";
import { button, h, section } from "./dom.js";
import { errorText, t } from "./text.js";

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
      ...deviceChoices().map((d) => h("option", { value: d.value }, d.label)),
    );
    this.counter = h("span", { class: "muted", id: "sms-count", "aria-live": "polite" });
    this.warning = h("p", { id: "sms-warning", class: "warning", role: "alert", hidden: true });
    this.count();
    this.text.addEventListener("input", () => {
      this.count();
      this.checkText();
    });
    this.el = section(
      "sms",
      t("sms.title"),
      h("label", { for: "sms-number" }, t("sms.to")),
      this.number,
      h("label", { for: "sms-text" }, t("sms.text")),
      this.text,
      this.counter,
      this.warning,
      h("label", { for: "sms-device" }, t("sms.via")),
      this.device,
      h(
        "div",
        { class: "row" },
        button(t("sms.send"), () => void this.send(), { primary: true, testid: "sms-send" }),
        button(t("sms.templates"), () => void this.template(), {
          testid: "sms-template",
          title: t("sms.templatesTitle"),
        }),
        button(t("pane.cancel"), () => this.hide()),
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

  private count(): void {
    this.counter.textContent = t("sms.count", { count: this.text.value.length });
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
    this.warning.textContent = lost.length ? t("sms.cp1251", { chars: lost.join(" ") }) : "";
  }

  private async send(): Promise<void> {
    const text = this.text.value;
    if (!text.trim()) return this.actions.notify(t("reasons.EMPTY_TEXT"), "error");
    try {
      await this.api.sms(this.number.value, text, Number(this.device.value) as SmsDevice);
      this.actions.notify(t("sms.sent", { number: this.number.value }), "success");
      this.text.value = "";
      this.count();
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
