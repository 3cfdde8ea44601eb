/** Call history: the last calls and a chart of calls per day. */
import type { BridgeApi } from "../shared/api.js";
import type { HistoryEntry } from "../shared/types.js";
import type { PaneActions } from "./actions.js";
import { callsChart, chartLegend } from "./chart.js";
import { button, clear, h, section } from "./dom.js";

export function formatDuration(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return `${m}:${String(s).padStart(2, "0")}`;
}

export function formatCall(call: HistoryEntry): string {
  const who = call.contacts.map((c) => c.name).join(", ") || call.number;
  const what = call.direction === "out" ? "outgoing" : call.answered ? "incoming" : "missed";
  return (
    `${call.start.slice(0, 16)} · ${what} · ${who}` +
    `${call.answered ? ` · ${formatDuration(call.durationSeconds)}` : ""}`
  );
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
      "Call history",
      this.chart,
      chartLegend(),
      this.list,
      button("Refresh", () => void this.refresh(), { testid: "history-refresh" }),
    );
  }

  async refresh(): Promise<void> {
    try {
      const [days, calls] = await Promise.all([this.api.perDay(this.days), this.api.history({ limit: 10 })]);
      clear(this.chart);
      this.chart.append(callsChart(days));
      clear(this.list);
      if (calls.length === 0) this.list.append(h("li", { class: "muted" }, "No calls logged yet."));
      for (const call of calls) {
        this.list.append(
          h(
            "li",
            { class: `call ${call.direction}${call.answered ? "" : " missed"}` },
            h("span", {}, formatCall(call)),
            button("Call", () => this.actions.call(call.number), {
              testid: "history-call",
              title: `Call ${call.number}`,
            }),
          ),
        );
      }
    } catch (error) {
      this.actions.notify((error as Error).message, "error");
    }
  }
}
