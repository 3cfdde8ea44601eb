/**
 * The rows a report counts, for both logs: one SELECT of the period's calls through the start index, streamed. SQL
 * gives each call's direction as a number and its callback time as julianday counts it (the first later answered
 * call's start, report-source.ts's index-only `back_at`); report-tally.ts's definitions count the rest in one pass.
 */
import type { Database } from "../store/database.js";
import { eachArray } from "../store/query.js";
import { dayAfter, type ReportPeriod } from "./report-period.js";
import type { ReportSource } from "./report-source.js";

/** 1 incoming, 2 outgoing, 0 neither. */
export type Way = 0 | 1 | 2;

export type ReportRow = readonly [
  at: string,
  secs: number,
  way: Way,
  ok: number,
  empId: string,
  empName: string,
  device: number | null,
  line: number | null,
  /**
   * Seconds from a missed call to the first later answered call with its number key; null when there is none (both
   * logs' starts are stamps julianday reads, so null means "not returned").
   */
  callback: number | null,
];

// back_at is read once: SQLite would run its lookup (for missed calls only, report-source.ts's CASE) at each use.
const ROW = `SELECT at, secs, CASE dir WHEN 'in' THEN 1 WHEN 'out' THEN 2 ELSE 0 END, ok, emp_id, emp_name,
    device, line, CAST(round((julianday(back_at) - julianday(at)) * 86400) AS INTEGER)`;

export function reportRows(db: Database, source: ReportSource, period: ReportPeriod): IterableIterator<ReportRow> {
  return eachArray<ReportRow>(db, `${ROW} FROM (${source.sql})`, ...source.params, period.from, dayAfter(period.to));
}
