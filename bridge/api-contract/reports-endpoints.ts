/** The local API of the calls reports: a period's report as JSON for the pane, and its CSV or Excel file. */
import * as v from "valibot";
import { LANGUAGES } from "../i18n/i18n.js";
import { DURATION_BUCKETS, type Report } from "../reports/report.js";
import { calendarDate } from "../reports/report-period.js";
import type { Endpoint } from "./endpoint.js";
import { API } from "./paths.js";
import { sameShape } from "./same-shape.js";

const date = (key: string) =>
  v.pipe(
    v.string(`${key} must be a date YYYY-MM-DD`),
    v.check((text) => calendarDate(text) !== undefined, `${key} must be a date YYYY-MM-DD`),
  );

/** The period and whose calls: this PC's own ("me") or the team's copy. */
const REPORT_QUERY_ENTRIES = {
  from: date("from"),
  to: date("to"),
  scope: v.optional(v.picklist(["me", "team"], "scope must be me or team"), "me"),
};

const count = v.number();
const COUNTS = { calls: count, incoming: count, outgoing: count, missed: count };

export const REPORT = v.object({
  from: v.string(),
  to: v.string(),
  totals: v.object({
    ...COUNTS,
    unreturnedMissed: count,
    talkSeconds: count,
    missedPercent: count,
    medianCallbackSeconds: v.nullable(count),
  }),
  byEmployee: v.array(
    v.object({
      employeeId: v.string(),
      employeeName: v.string(),
      ...COUNTS,
      unreturnedMissed: count,
      talkSeconds: count,
    }),
  ),
  byDay: v.array(v.object({ day: v.string(), ...COUNTS, talkSeconds: count })),
  byHour: v.array(v.object({ weekday: count, hour: count, calls: count })),
  scope: v.picklist(["me", "team"]),
  byDevice: v.array(
    v.object({
      device: v.nullable(count),
      line: v.nullable(count),
      calls: count,
      missed: count,
      talkSeconds: count,
    }),
  ),
  durations: v.array(v.object({ bucket: v.picklist(DURATION_BUCKETS), calls: count })),
});
sameShape<v.InferOutput<typeof REPORT>, Report>();

export const reports = {
  method: "GET",
  path: API.reports,
  query: v.object(REPORT_QUERY_ENTRIES),
  /**
   * log: which log the report read ("me" reads this user's rows of the team copy once the signed-in account is known
   * there); teamRows: how many rows the team's copy holds (the pane offers "team" when there are any).
   */
  answer: v.object({ report: REPORT, log: v.picklist(["own", "team"]), teamRows: v.number() }),
} as const satisfies Endpoint;

/** The same report as a file: its headings in `lang` (the pane's language). */
export const reportsExport = {
  method: "GET",
  path: API.reportsExport,
  query: v.object({
    ...REPORT_QUERY_ENTRIES,
    format: v.picklist(["csv", "xlsx"], "format must be csv or xlsx"),
    lang: v.optional(v.picklist(LANGUAGES, "lang must be uk, ru or en"), "en"),
  }),
} as const;
