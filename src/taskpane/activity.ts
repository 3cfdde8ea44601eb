/**
 * What the bridge did and could not do: where each card opened (or why not), warnings, failures, and the
 * messages from TelefUM it could not understand (kept by the bridge, listed here with their reason and text).
 */
import type { BridgeApi } from "../shared/api.js";
import type { NotUnderstood, PaneEvent } from "../shared/types.js";
import { clear, h, section } from "./dom.js";
import { t, words } from "./text.js";
import { noticeText } from "../../bridge/core/notice-text.js";
import { isReasonCode, reasonText } from "../../bridge/api-contract/reasons.js";

const KEEP = 30;

export class ActivityView {
  readonly el: HTMLElement;
  private readonly list: HTMLUListElement;
  private readonly notUnderstood: HTMLUListElement;

  constructor(private readonly api: BridgeApi) {
    this.list = h("ul", { id: "activity-list", class: "activity" });
    this.notUnderstood = h("ul", { id: "not-understood-list", class: "activity" });
    this.el = section(
      "activity",
      t("activity.title"),
      this.list,
      h("h3", {}, t("activity.notUnderstood")),
      this.notUnderstood,
    );
  }

  /** Notices, failures and rejected messages as they happen, newest first. */
  add(event: PaneEvent): void {
    const line = describe(event);
    if (!line) return;
    const now = new Date();
    // The raw text only as a quoted detail beneath the reason, never as the reason itself.
    const raw = line.raw === undefined ? [] : [h("code", { class: "quoted" }, line.raw)];
    this.list.prepend(
      h(
        "li",
        { "data-kind": line.kind },
        h("time", { datetime: now.toISOString(), class: "muted" }, timeOfDay(now)),
        " · ",
        h("span", {}, line.text),
        ...raw,
      ),
    );
    while (this.list.children.length > KEEP) this.list.lastElementChild?.remove();
    if (event.type === "protocol-error") void this.refresh();
  }

  async refresh(): Promise<void> {
    let messages: NotUnderstood[];
    try {
      messages = await this.api.notUnderstood();
    } catch {
      return; // the bridge is offline: the live status says so
    }
    clear(this.notUnderstood);
    if (messages.length === 0) this.notUnderstood.append(h("li", { class: "muted" }, t("activity.nothing")));
    for (const m of messages) {
      this.notUnderstood.append(
        h(
          "li",
          { "data-code": m.code },
          h("span", { class: "muted" }, `${words().instant(m.receivedAt)} · `),
          h(
            "span",
            { class: "reason" },
            isReasonCode(m.code) ? reasonText(words(), { code: m.code, params: m.params }) : m.reason,
          ),
          h("code", { class: "quoted" }, m.raw),
        ),
      );
    }
  }
}

function describe(event: PaneEvent): { kind: string; text: string; raw?: string } | undefined {
  switch (event.type) {
    case "notice":
      // The command (CARD, CONTACT?) is the log's business; a person reads what happened, with whom.
      return { kind: event.level, text: noticeText(words(), event) };
    case "failure":
      return { kind: "error", text: t("activity.failed", { message: reasonText(words(), event) }) };
    case "protocol-error":
      return {
        kind: "warn",
        text: t("activity.rejected", { reason: reasonText(words(), event.error) }),
        raw: event.error.raw,
      };
    default:
      return undefined;
  }
}

/** The time of day as the pane's language writes it ("09:15", "9:15 AM"), through the one translator. */
function timeOfDay(at: Date): string {
  // `dateTime` reads a wall-clock text; only its time is written here.
  return words().dateTime(`2000-01-01 ${at.getHours()}:${at.getMinutes()}:00`, "time");
}
