/**
 * The two call logs a report can read, as one relation: each row a call (never an SMS) with its local start `at`,
 * `secs`, `dir`, `ok` (answered), the employee, TelefUM's phone and line, and `back_at`: for a missed call, the
 * start of the first later answered call with its number key (by anyone, in or out), looked up through the index
 * on the number key and start, so a month's report never scans the whole log.
 */
import type { SqlValue } from "../store/database.js";
import type { TeamEmployee } from "../team/team-employee.js";
import type { ReportScope } from "./report.js";

/** Which log a report read: this PC's own calls or the team's copy. */
export type ReportLog = "own" | "team";

export interface ReportSource {
  scope: ReportScope;
  log: ReportLog;
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
    log: "own",
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
  return { scope: "team", log: "team", sql: teamSql(""), params: [] };
}

/** One employee's rows of the team copy (the team_calls_employee index: employee, then start). */
export function teamCallsOf(employee: OwnEmployee): ReportSource {
  return { scope: "me", log: "team", sql: teamSql("c.employee_id = ? AND"), params: [employee.id] };
}

function teamSql(whose: string): string {
  return `SELECT c.start_local AS at, c.duration_seconds AS secs, c.direction AS dir, c.answered AS ok,
        c.employee_id AS emp_id, c.employee_name AS emp_name, c.device AS device, c.line AS line,
        CASE WHEN c.direction = 'in' AND c.answered = 0 THEN
          (SELECT r.start_local FROM team_calls r
           WHERE r.number_key = c.number_key AND r.start_local > c.start_local AND r.answered = 1 AND r.kind = 'call'
           ORDER BY r.start_local LIMIT 1) END AS back_at
      FROM team_calls c WHERE ${whose} c.start_local >= ? AND c.start_local < ? AND c.kind = 'call'`;
}

/**
 * Whose calls a report reads. "me" is this user's rows of the team copy once the signed-in account's id is known
 * there (every PC they worked at, phone and line known), else this PC's own log under the OS user's name.
 */
export function reportSource(scope: ReportScope, employee: TeamEmployee | undefined, osUser: string): ReportSource {
  if (scope === "team") return teamCalls();
  return employee ? teamCallsOf(employee) : ownCalls({ id: "", name: osUser });
}
