/** Call history: the last calls and a chart of calls per day. */
import type { BridgeApi } from "../shared/api.js";
import type { HistoryEntry } from "../shared/types.js";
import type { PaneActions } from "./actions.js";
import { callsChart, chartLegend } from "./chart.js";
import { button, clear, h, section } from "./dom.js";
import { errorText, phoneText, t, words } from "./text.js";

/** "25 лист., 09:15 · вихідний · Марія Нова · 40 с": the translator's one moment and duration format. */
export function formatCall(call: HistoryEntry): string {
  const who = call.contacts.map((c) => c.name).join(", ") || phoneText(call.number);
  const what =
    call.direction === "out" ? t("history.outgoing") : call.answered ? t("history.incoming") : t("history.missed");
  const parts = [words().dateTime(call.start), what, who];
  if (call.answered) parts.push(words().duration(call.durationSeconds));
  return parts.join(" · ");
}

export class HistoryView {
  readonly el: HTMLElement;
  private readonly chart: HTMLElement;
  private readonly list: HTMLUListElement;

  constructor(
    private readonly api: BridgeApi,
    private readonly actions: PaneActions,
    private readonly days = 14,
  ) {
    this.chart = h("div", { id: "history-chart" });
    this.list = h("ul", { id: "history-list", class: "history" });
    this.el = section(
      "history",
      t("history.title"),
      this.chart,
      chartLegend(),
      this.list,
      button(t("history.refresh"), () => void this.refresh(), { testid: "history-refresh" }),
    );
  }

  async refresh(): Promise<void> {
    try {
      const [days, calls] = await Promise.all([this.api.perDay(this.days), this.api.history({ limit: 10 })]);
      clear(this.chart);
      this.chart.append(callsChart(days));
      clear(this.list);
      if (calls.length === 0) this.list.append(h("li", { class: "muted" }, t("history.none")));
      for (const call of calls) {
        this.list.append(
          h(
            "li",
            { class: `call ${call.direction}${call.answered ? "" : " missed"}` },
            h("span", {}, formatCall(call)),
            button(t("contact.call"), () => this.actions.call(call.number), {
              testid: "history-call",
              label: t("contact.callTitle", { number: phoneText(call.number) }),
            }),
          ),
        );
      }
    } catch (error) {
      this.actions.notify(errorText(error), "error");
    }
  }
}
