/**
 * Under the SMS text: characters against the limit and SMS parts as a phone counts them ("134 / 1 000 · 2 SMS"),
 * which alphabet the parts are counted in, that an emoji takes two characters, and, over the limit, by how much
 * with an explicit cut: a pasted text is never cut silently, and Send waits until it fits.
 */
import { MAX_SMS_TEXT_LENGTH } from "../../bridge/protocol/inputs.js";
import { SMS_SIZES, smsParts } from "../../bridge/protocol/sms-parts.js";
import { button, h } from "./dom.js";
import { t, words } from "./text.js";

/** Characters outside the Basic Multilingual Plane (emoji and the like): two UTF-16 units each, shown once. */
function wideCharacters(text: string): string[] {
  return [...new Set([...text].filter((char) => char.length > 1))];
}

/** The first `limit` UTF-16 units, never half of an emoji. */
export function cutToLimit(text: string, limit = MAX_SMS_TEXT_LENGTH): string {
  const cut = text.slice(0, limit);
  return /[\ud800-\udbff]$/.test(cut) ? cut.slice(0, -1) : cut;
}

export class SmsCounter {
  readonly el: HTMLElement;
  private readonly counter: HTMLElement;
  private readonly alphabet: HTMLElement;
  private readonly emoji: HTMLElement;
  private readonly over: HTMLElement;
  private readonly overText: HTMLElement;

  /** `onCut`: the user asked to keep the first MAX_SMS_TEXT_LENGTH characters. */
  constructor(onCut: () => void) {
    const limit = words().number(MAX_SMS_TEXT_LENGTH);
    this.counter = h("span", { class: "muted", id: "sms-count", "aria-live": "polite" });
    this.alphabet = h("p", { class: "muted sms-note", id: "sms-alphabet" });
    this.emoji = h("p", { class: "muted sms-note", id: "sms-emoji", hidden: true });
    this.overText = h("span", { id: "sms-over-text" });
    this.over = h(
      "div",
      { id: "sms-over", class: "warning", role: "alert", hidden: true },
      this.overText,
      button(t("sms.cut", { limit }), onCut, { testid: "sms-cut", title: t("sms.cutTitle", { limit }) }),
    );
    this.el = h("div", { class: "sms-counter" }, this.counter, this.alphabet, this.emoji, this.over);
  }

  /**
   * `text` as typed (the limit counts it), `sent` as it will reach the phone (cp1251's best fit): its parts.
   * Answers whether the text fits the limit.
   */
  show(text: string, sent: string): boolean {
    const parts = smsParts(sent);
    const limit = words().number(MAX_SMS_TEXT_LENGTH);
    this.counter.textContent = t("sms.counter", { count: parts.parts, chars: words().number(text.length), limit });
    const sizes = SMS_SIZES[parts.encoding];
    const key = parts.encoding === "gsm7" ? "sms.alphabetGsm" : "sms.alphabetUcs2";
    this.alphabet.textContent = t(key, { single: sizes.single, part: sizes.part });
    const wide = wideCharacters(text);
    this.emoji.hidden = wide.length === 0;
    this.emoji.textContent = wide.length ? t("sms.emoji", { chars: wide.join(" ") }) : "";
    const over = text.length - MAX_SMS_TEXT_LENGTH;
    this.over.hidden = over <= 0;
    this.counter.classList.toggle("over", over > 0);
    this.overText.textContent = over > 0 ? t("sms.over", { count: over, over: words().number(over), limit }) : "";
    return over <= 0;
  }
}
