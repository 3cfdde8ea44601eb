/** A report of one period over one log: the groupings of report-rows.ts's table, zero-filled where a chart needs it. */
import { all, one } from "../store/query.js";
import type { Database } from "../store/database.js";
import {
  DURATION_BUCKETS,
  type BucketFigures,
  type DayFigures,
  type DeviceFigures,
  type DurationBucket,
  type EmployeeFigures,
  type HourFigures,
  type Report,
  type ReportTotals,
} from "./report.js";
import { daysOf, type ReportPeriod } from "./report-period.js";
import { REPORT_ROWS, withReportRows } from "./report-rows.js";
import type { ReportSource } from "./report-source.js";

const COUNTS = `count(*) AS calls, coalesce(sum(incoming), 0) AS incoming, coalesce(sum(outgoing), 0) AS outgoing,
  coalesce(sum(missed), 0) AS missed, coalesce(sum(unreturned), 0) AS unreturnedMissed,
  coalesce(sum(talk), 0) AS talkSeconds`;

type Counts = Omit<EmployeeFigures, "employeeId" | "employeeName">;

export function computeReport(db: Database, source: ReportSource, period: ReportPeriod): Report {
  return withReportRows(db, source, period, () => ({
    from: period.from,
    to: period.to,
    totals: totals(db),
    byEmployee: numbers(
      all<EmployeeFigures>(
        db.prepare(
          `SELECT emp_id AS employeeId, max(emp_name) AS employeeName, ${COUNTS} FROM ${REPORT_ROWS}
           GROUP BY emp_id ORDER BY calls DESC, employeeName, employeeId`,
        ),
      ),
    ),
    byDay: byDay(db, period),
    byHour: numbers(
      all<HourFigures>(
        db.prepare(
          `SELECT weekday, hour, count(*) AS calls FROM ${REPORT_ROWS} GROUP BY weekday, hour ORDER BY weekday, hour`,
        ),
      ),
    ),
    scope: source.scope,
    byDevice: numbers(
      all<DeviceFigures>(
        db.prepare(
          `SELECT device, line, count(*) AS calls, coalesce(sum(missed), 0) AS missed,
             coalesce(sum(talk), 0) AS talkSeconds
           FROM ${REPORT_ROWS} GROUP BY device, line ORDER BY device, line`,
        ),
      ),
    ),
    durations: durations(db),
  }));
}

function totals(db: Database): ReportTotals {
  const counts = numbers([one<Counts>(db.prepare(`SELECT ${COUNTS} FROM ${REPORT_ROWS}`)) as Counts])[0] as Counts;
  return {
    ...counts,
    missedPercent: counts.incoming ? Math.round((counts.missed / counts.incoming) * 1000) / 10 : 0,
    medianCallbackSeconds: medianCallback(db),
  };
}

/** The middle callback time (the mean of the two middle ones for an even count), found by SQLite's sort. */
function medianCallback(db: Database): number | null {
  const row = one<{ median: number | null }>(
    db.prepare(
      `WITH back AS (SELECT callback FROM ${REPORT_ROWS} WHERE missed AND callback IS NOT NULL),
            n AS (SELECT count(*) AS n FROM back)
       SELECT avg(callback) AS median FROM (
         SELECT callback FROM back ORDER BY callback
         LIMIT 2 - (SELECT n FROM n) % 2 OFFSET ((SELECT n FROM n) - 1) / 2)`,
    ),
  );
  return row?.median == null ? null : Math.round(Number(row.median));
}

function byDay(db: Database, period: ReportPeriod): DayFigures[] {
  const rows = numbers(
    all<DayFigures>(
      db.prepare(
        `SELECT day, count(*) AS calls, coalesce(sum(incoming), 0) AS incoming,
           coalesce(sum(outgoing), 0) AS outgoing, coalesce(sum(missed), 0) AS missed,
           coalesce(sum(talk), 0) AS talkSeconds
         FROM ${REPORT_ROWS} GROUP BY day`,
      ),
    ),
  );
  const known = new Map(rows.map((row) => [row.day, row]));
  return daysOf(period).map(
    (day) => known.get(day) ?? { day, calls: 0, incoming: 0, outgoing: 0, missed: 0, talkSeconds: 0 },
  );
}

function durations(db: Database): BucketFigures[] {
  const rows = all<{ bucket: DurationBucket; calls: number }>(
    db.prepare(`SELECT bucket, count(*) AS calls FROM ${REPORT_ROWS} WHERE bucket IS NOT NULL GROUP BY bucket`),
  );
  const known = new Map(rows.map((row) => [row.bucket, Number(row.calls)]));
  return DURATION_BUCKETS.map((bucket) => ({ bucket, calls: known.get(bucket) ?? 0 }));
}

/** SQLite's sums may come back as bigint (node:sqlite) or null: every count a plain number. */
function numbers<T extends object>(rows: T[]): T[] {
  return rows.map(
    (row) =>
      Object.fromEntries(
        Object.entries(row).map(([key, value]) => [key, typeof value === "bigint" ? Number(value) : value]),
      ) as T,
  );
}
