/**
 * A report as tables a person reads, in their language: the one layout the terminal table, the CSV and the Excel
 * workbook all write, so the three never disagree. Numbers stay numbers (seconds, counts) for a spreadsheet to sum.
 */
import type { Translator } from "../i18n/i18n.js";
import type { DurationBucket, Report, ReportScope } from "./report.js";
import type { ReportLog } from "./report-source.js";

export type Cell = string | number | null;

export interface Column {
  title: string;
  /** Seconds: the terminal shows them as "3 хв 5 с", a spreadsheet keeps the number. */
  seconds?: boolean;
}

export interface Sheet {
  /** A worksheet's name (at most 31 characters, Excel's limit). */
  name: string;
  columns: Column[];
  rows: Cell[][];
}

const BUCKET_KEYS: Record<DurationBucket, string> = {
  "<30s": "reports.bucket.under30s",
  "30s-1m": "reports.bucket.to1m",
  "1-3m": "reports.bucket.to3m",
  "3-10m": "reports.bucket.to10m",
  "10m+": "reports.bucket.over10m",
};

export function bucketName(t: Translator, bucket: DurationBucket): string {
  return t.t(BUCKET_KEYS[bucket]);
}

/** Which log the figures come from, as a person says it: this PC's log, my rows of the team log, the team log. */
export function sourceName(t: Translator, scope: ReportScope, log: ReportLog): string {
  if (log === "own") return t.t("reports.source.own");
  return t.t(scope === "me" ? "reports.source.teamMine" : "reports.source.team");
}

/** Monday = 1 … Sunday = 7, by the language's own short names (5 January 2026 was a Monday). */
export function weekdayName(t: Translator, weekday: number): string {
  const date = new Date(Date.UTC(2026, 0, 4 + weekday));
  return new Intl.DateTimeFormat(t.locale, { weekday: "short", timeZone: "UTC" }).format(date);
}

export function reportSheets(report: Report, log: ReportLog, t: Translator): Sheet[] {
  const c = (key: string, seconds = false): Column => ({ title: t.t(key), ...(seconds && { seconds }) });
  const counts = [c("reports.field.calls"), c("reports.field.incoming"), c("reports.field.outgoing")];
  const unknown = t.t("reports.unknownDevice");
  const { totals } = report;
  return [
    {
      name: t.t("reports.sheet.totals"),
      columns: [c("reports.field.figure"), c("reports.field.value")],
      rows: [
        [t.t("reports.field.period"), t.t("reports.period", { from: report.from, to: report.to })],
        [t.t("reports.field.scope"), t.t(report.scope === "team" ? "reports.scope.team" : "reports.scope.me")],
        [t.t("reports.field.calls"), totals.calls],
        [t.t("reports.field.incoming"), totals.incoming],
        [t.t("reports.field.outgoing"), totals.outgoing],
        [t.t("reports.field.missed"), totals.missed],
        [t.t("reports.field.missedPercent"), totals.missedPercent],
        [t.t("reports.field.unreturnedMissed"), totals.unreturnedMissed],
        [t.t("reports.field.talkSeconds"), totals.talkSeconds],
        [t.t("reports.field.medianCallbackSeconds"), totals.medianCallbackSeconds],
        [t.t("reports.field.source"), sourceName(t, report.scope, log)],
      ],
    },
    {
      name: t.t("reports.sheet.employees"),
      columns: [
        c("reports.field.employee"),
        ...counts,
        c("reports.field.missed"),
        c("reports.field.unreturnedMissed"),
        c("reports.field.talkSeconds", true),
      ],
      rows: report.byEmployee.map((e) => [
        e.employeeName,
        e.calls,
        e.incoming,
        e.outgoing,
        e.missed,
        e.unreturnedMissed,
        e.talkSeconds,
      ]),
    },
    {
      name: t.t("reports.sheet.devices"),
      columns: [
        c("reports.field.phone"),
        c("reports.field.line"),
        c("reports.field.calls"),
        c("reports.field.missed"),
        c("reports.field.talkSeconds", true),
      ],
      rows: report.byDevice.map((d) => [d.device ?? unknown, d.line ?? unknown, d.calls, d.missed, d.talkSeconds]),
    },
    {
      name: t.t("reports.sheet.days"),
      columns: [c("reports.field.day"), ...counts, c("reports.field.missed"), c("reports.field.talkSeconds", true)],
      rows: report.byDay.map((d) => [d.day, d.calls, d.incoming, d.outgoing, d.missed, d.talkSeconds]),
    },
    {
      name: t.t("reports.sheet.hours"),
      columns: [c("reports.field.weekday"), ...Array.from({ length: 24 }, (_, h) => ({ title: String(h) }))],
      rows: [1, 2, 3, 4, 5, 6, 7].map((weekday) => [
        weekdayName(t, weekday),
        ...Array.from(
          { length: 24 },
          (_, hour) => report.byHour.find((h) => h.weekday === weekday && h.hour === hour)?.calls ?? 0,
        ),
      ]),
    },
    {
      name: t.t("reports.sheet.durations"),
      columns: [c("reports.field.duration"), c("reports.field.calls")],
      rows: report.durations.map((d) => [bucketName(t, d.bucket), d.calls]),
    },
  ];
}
