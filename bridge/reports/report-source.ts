/**
 * The two call logs a report can read, as one relation: each row a call (never an SMS) with its local start `at`,
 * `secs`, `dir`, `ok` (answered), the employee, TelefUM's phone and line, and `back_at`: for a missed call, the
 * start of the first later answered call with its number key (by anyone, in or out), looked up through the index
 * on the number key and start, so a month's report never scans the whole log.
 */
import type { SqlValue } from "../store/database.js";
import type { ReportScope } from "./report.js";

export interface ReportSource {
  scope: ReportScope;
  /** SELECT of the relation; its last two parameters are the period's [start, end). */
  sql: string;
  params: SqlValue[];
}

/** Who "me" is in a report of this PC's own log (its one employee row). */
export interface OwnEmployee {
  id: string;
  name: string;
}

/**
 * This PC's own calls (`calls`, start as TelefUM wrote it, local). Its number key is the number as TelefUM wrote it:
 * TelefUM writes one number the same way each time, and the (number, direction, start) index then finds the calls
 * after a missed one.
 */
export function ownCalls(me: OwnEmployee): ReportSource {
  return {
    scope: "me",
    sql: `SELECT c.start AS at, c.duration_seconds AS secs, c.direction AS dir, c.answered AS ok,
        ? AS emp_id, ? AS emp_name, NULL AS device, NULL AS line,
        CASE WHEN c.direction = 'in' AND c.answered = 0 THEN
          (SELECT r.start FROM calls r
           WHERE r.number = c.number AND r.direction IN ('in', 'out') AND r.start > c.start AND r.answered = 1
           ORDER BY r.start LIMIT 1) END AS back_at
      FROM calls c WHERE c.start >= ? AND c.start < ?`,
    params: [me.id, me.name],
  };
}

/** The team's copy of the office's call log (`team_calls`, start_local in this PC's zone); SMS rows are not calls. */
export function teamCalls(): ReportSource {
  return {
    scope: "team",
    sql: `SELECT c.start_local AS at, c.duration_seconds AS secs, c.direction AS dir, c.answered AS ok,
        c.employee_id AS emp_id, c.employee_name AS emp_name, c.device AS device, c.line AS line,
        CASE WHEN c.direction = 'in' AND c.answered = 0 THEN
          (SELECT r.start_local FROM team_calls r
           WHERE r.number_key = c.number_key AND r.start_local > c.start_local AND r.answered = 1 AND r.kind = 'call'
           ORDER BY r.start_local LIMIT 1) END AS back_at
      FROM team_calls c WHERE c.start_local >= ? AND c.start_local < ? AND c.kind = 'call'`,
    params: [],
  };
}
