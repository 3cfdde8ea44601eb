/**
 * Reports: a period (today, this week, this month, custom) of this PC's calls or the team's, as tiles, five charts
 * with their numbers, CSV and Excel exports, and a printout (taskpane.css prints this section alone, on A4).
 */
import { localDate } from "../../bridge/calls/call-days.js";
import { monthOf } from "../../bridge/reports/report-period.js";
import { bucketName, sourceName, weekdayName } from "../../bridge/reports/report-sheets.js";
import type { Report } from "../../bridge/reports/report.js";
import type { BridgeApi } from "../shared/api.js";
import type { PaneActions } from "./actions.js";
import { callsChart, chartLegend } from "./chart.js";
import { barChart, dataTable, heatmap } from "./report-charts.js";
import { button, clear, h, section } from "./dom.js";
import { errorText, t, words } from "./text.js";

type Preset = "today" | "week" | "month" | "custom";

function shift(day: string, days: number): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return localDate(new Date(y, m - 1, d + days));
}

/** The preset's [from, to]: the week runs Monday to Sunday, as in Ukraine and Russia. */
export function presetPeriod(preset: Exclude<Preset, "custom">, today: string): { from: string; to: string } {
  if (preset === "today") return { from: today, to: today };
  if (preset === "month") return monthOf(today);
  const [y, m, d] = today.split("-").map(Number) as [number, number, number];
  const monday = shift(today, -((new Date(y, m - 1, d).getDay() + 6) % 7));
  return { from: monday, to: shift(monday, 6) };
}

export class ReportsView {
  readonly el: HTMLElement;
  private readonly preset: HTMLSelectElement;
  private readonly scope: HTMLSelectElement;
  private readonly from: HTMLInputElement;
  private readonly to: HTMLInputElement;
  private readonly body: HTMLElement;
  /** Which log the figures come from: "my calls" read the team copy once the signed-in account is known there. */
  private readonly source: HTMLElement;

  constructor(
    private readonly api: BridgeApi,
    private readonly actions: PaneActions,
    private readonly today = () => localDate(),
  ) {
    const option = (value: string, key: string) => h("option", { value }, t(key));
    this.preset = h(
      "select",
      { "data-testid": "report-preset", onchange: () => this.presetChanged() },
      option("today", "reports.pane.today"),
      option("week", "reports.pane.week"),
      option("month", "reports.pane.month"),
      option("custom", "reports.pane.custom"),
    );
    this.preset.value = "month";
    this.scope = h(
      "select",
      { "data-testid": "report-scope", onchange: () => void this.refresh() },
      option("me", "reports.scope.me"),
      option("team", "reports.scope.team"),
    );
    const date = (testid: string) =>
      h("input", { type: "date", "data-testid": testid, onchange: () => this.custom() }) as HTMLInputElement;
    this.from = date("report-from");
    this.to = date("report-to");
    this.body = h("div", { id: "report-body", "aria-live": "polite" });
    this.source = h("p", { class: "muted", "data-testid": "report-source" });
    const label = (key: string, control: HTMLElement) => h("label", {}, t(key), " ", control);
    this.el = section(
      "reports",
      t("reports.title"),
      h(
        "div",
        { class: "report-controls" },
        label("reports.field.period", this.preset),
        label("reports.pane.from", this.from),
        label("reports.pane.to", this.to),
        label("reports.field.scope", this.scope),
      ),
      this.source,
      h(
        "div",
        { class: "report-actions" },
        button(t("reports.pane.csv"), () => void this.download("csv"), { testid: "report-csv" }),
        button(t("reports.pane.xlsx"), () => void this.download("xlsx"), { testid: "report-xlsx" }),
        button(t("reports.pane.print"), () => window.print(), { testid: "report-print" }),
      ),
      this.body,
    );
    // A printout shows every chart's numbers: the folded tables open for it.
    window.addEventListener("beforeprint", () => {
      for (const details of this.body.querySelectorAll("details")) details.open = true;
    });
    this.presetChanged();
  }

  private presetChanged(): void {
    const preset = this.preset.value as Preset;
    if (preset !== "custom") {
      const period = presetPeriod(preset, this.today());
      this.from.value = period.from;
      this.to.value = period.to;
      void this.refresh();
    }
  }

  private custom(): void {
    this.preset.value = "custom";
    if (this.from.value && this.to.value) void this.refresh();
  }

  private query() {
    return { from: this.from.value, to: this.to.value, scope: this.scope.value as "me" | "team" };
  }

  async refresh(): Promise<void> {
    try {
      const [{ report, log, teamRows }, status] = await Promise.all([
        this.api.reports(this.query()),
        this.api.status(),
      ]);
      this.source.textContent = `${t("reports.field.source")}: ${sourceName(words(), report.scope, log)}`;
      // The team is offered once a team log is on (still syncing, perhaps) or this PC holds a copy of one.
      (this.scope.options[1] as HTMLOptionElement).hidden = teamRows === 0 && !status.team?.enabled;
      clear(this.body);
      this.body.append(...this.render(report));
    } catch (error) {
      this.actions.notify(errorText(error), "error");
    }
  }

  private async download(format: "csv" | "xlsx"): Promise<void> {
    try {
      const blob = await this.api.reportFile({ ...this.query(), format, lang: words().language });
      const name = `${this.scope.value === "team" ? "team-calls" : "calls"}-${this.from.value}-${this.to.value}`;
      const link = h("a", { href: URL.createObjectURL(blob), download: `${name}.${format}` });
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    } catch (error) {
      this.actions.notify(errorText(error), "error");
    }
  }

  private render(report: Report): HTMLElement[] {
    const w = words();
    const { totals } = report;
    const tile = (key: string, value: string, testid: string) =>
      h(
        "div",
        { class: "tile", "data-testid": testid },
        h("span", { class: "tile-value" }, value),
        h("span", {}, t(key)),
      );
    const tiles = h(
      "div",
      { class: "tiles" },
      tile("reports.field.calls", w.number(totals.calls), "tile-calls"),
      tile("reports.field.incoming", w.number(totals.incoming), "tile-incoming"),
      tile("reports.field.outgoing", w.number(totals.outgoing), "tile-outgoing"),
      tile("reports.pane.missedShare", `${w.number(totals.missedPercent)} %`, "tile-missed"),
      tile("reports.field.unreturnedMissed", w.number(totals.unreturnedMissed), "tile-unreturned"),
      tile(
        "reports.pane.median",
        totals.medianCallbackSeconds === null ? "—" : w.duration(totals.medianCallbackSeconds),
        "tile-median",
      ),
      tile("reports.pane.talk", w.duration(totals.talkSeconds), "tile-talk"),
    );
    if (totals.calls === 0) return [tiles, h("p", { class: "muted" }, t("reports.pane.none"))];
    const numbers = t("reports.pane.numbers");
    const weekdays = [1, 2, 3, 4, 5, 6, 7].map((d) => weekdayName(w, d));
    const device = (d: number | null, l: number | null) =>
      d === null ? t("reports.unknownDevice") : t("reports.pane.device", { device: d, line: l ?? "—" });
    const chart = (title: string, ...parts: (Element | HTMLElement)[]) =>
      h("figure", { class: "report-chart" }, h("figcaption", {}, title), ...parts);
    const employees = report.byEmployee.map((e) => ({
      label: e.employeeName || t("reports.scope.me"),
      value: e.calls,
    }));
    return [
      tiles,
      chart(
        t("reports.sheet.days"),
        callsChart(report.byDay),
        chartLegend(),
        dataTable(
          numbers,
          [t("reports.field.day"), t("reports.field.incoming"), t("reports.field.outgoing"), t("reports.field.missed")],
          report.byDay.map((d) => [w.dateTime(d.day, "date"), d.incoming, d.outgoing, d.missed]),
        ),
      ),
      chart(
        t("reports.sheet.employees"),
        barChart(employees, t("reports.sheet.employees"), "report-employees"),
        dataTable(
          numbers,
          [t("reports.field.employee"), t("reports.field.calls"), t("reports.field.missed"), t("reports.pane.talk")],
          report.byEmployee.map((e) => [e.employeeName, e.calls, e.missed, w.duration(e.talkSeconds)]),
        ),
      ),
      chart(
        t("reports.sheet.devices"),
        barChart(
          report.byDevice.map((d) => ({ label: device(d.device, d.line), value: d.calls })),
          t("reports.sheet.devices"),
          "report-devices",
        ),
      ),
      chart(
        t("reports.sheet.hours"),
        heatmap(report.byHour, weekdays, t("reports.sheet.hours")),
        dataTable(
          numbers,
          [t("reports.field.weekday"), t("reports.pane.hour"), t("reports.field.calls")],
          report.byHour.map((c) => [weekdays[c.weekday - 1] ?? "", c.hour, c.calls]),
        ),
      ),
      chart(
        t("reports.sheet.durations"),
        barChart(
          report.durations.map((d) => ({ label: bucketName(w, d.bucket), value: d.calls })),
          t("reports.sheet.durations"),
          "report-durations",
        ),
      ),
    ];
  }
}
