/**
 * The definitions, once, for both logs: each call of the period becomes one row of the temporary table
 * `report_rows` with what every figure is counted from (day, weekday, hour, missed, returned, talk time, callback
 * time, duration bucket). Every breakdown then groups this table: the period is read from the log once.
 */
import type { Database } from "../store/database.js";
import { dayAfter, type ReportPeriod } from "./report-period.js";
import type { ReportSource } from "./report-source.js";

export const REPORT_ROWS = "temp.report_rows";

/** Talk time of an answered call in its bucket; the codes of report.ts's DURATION_BUCKETS. */
const BUCKET = `CASE WHEN ok = 0 THEN NULL
  WHEN secs < 30 THEN '<30s' WHEN secs < 60 THEN '30s-1m' WHEN secs < 180 THEN '1-3m'
  WHEN secs < 600 THEN '3-10m' ELSE '10m+' END`;

const DEFINITIONS = `SELECT
    substr(at, 1, 10) AS day,
    (CAST(strftime('%w', at) AS INTEGER) + 6) % 7 + 1 AS weekday,
    CAST(substr(at, 12, 2) AS INTEGER) AS hour,
    emp_id, emp_name, device, line,
    dir = 'in' AS incoming,
    dir = 'out' AS outgoing,
    dir = 'in' AND ok = 0 AS missed,
    dir = 'in' AND ok = 0 AND back_at IS NULL AS unreturned,
    CASE WHEN ok = 1 THEN secs ELSE 0 END AS talk,
    CAST(round((julianday(back_at) - julianday(at)) * 86400) AS INTEGER) AS callback,
    ${BUCKET} AS bucket`;

/**
 * Runs `use` with `report_rows` filled for the period, and drops the table after, whatever happens: it lives in
 * this connection's temporary store, so a read-only store file can be reported on too.
 */
export function withReportRows<T>(db: Database, source: ReportSource, period: ReportPeriod, use: () => T): T {
  db.exec(`DROP TABLE IF EXISTS ${REPORT_ROWS}`);
  db.prepare(`CREATE TABLE ${REPORT_ROWS} AS ${DEFINITIONS} FROM (${source.sql})`).run(
    ...source.params,
    period.from,
    dayAfter(period.to),
  );
  try {
    return use();
  } finally {
    db.exec(`DROP TABLE IF EXISTS ${REPORT_ROWS}`);
  }
}
