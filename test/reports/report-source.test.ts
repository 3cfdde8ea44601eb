/**
 * Whose calls a report reads, on the hand-made logs in a real SQLite file: "me" is the signed-in employee's rows of
 * the team copy when their id is known (read through the employee index, no scan), else this PC's own log.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { computeReport } from "../../bridge/reports/compute-report.js";
import { dayAfter } from "../../bridge/reports/report-period.js";
import { reportSource } from "../../bridge/reports/report-source.js";
import { openDatabase } from "../../bridge/store/sqlite.js";
import { fillOwnLog, fillTeamLog, OLENA, PETRO } from "./report-fixtures.js";

const NOVEMBER = { from: "2026-11-01", to: "2026-11-30" };
const db = fillOwnLog(fillTeamLog(openDatabase(join(mkdtempSync(join(tmpdir(), "reports-source-")), "bridge.db"))));
const petro = { id: PETRO.employeeId, name: PETRO.employeeName };

describe("whose calls a report reads", () => {
  it("me, signed in: my rows of the team copy, returned by anyone", () => {
    const source = reportSource("me", petro, "olena");
    expect([source.scope, source.log]).toEqual(["me", "team"]);
    const report = computeReport(db, source, NOVEMBER);
    expect(report.byEmployee).toEqual([
      { ...PETRO, calls: 4, incoming: 2, outgoing: 2, missed: 2, unreturnedMissed: 1, talkSeconds: 745 },
    ]);
    // Petro's miss of 30 November was returned by Olena on 1 December, 10 minutes later.
    expect(report.totals).toMatchObject({ calls: 4, medianCallbackSeconds: 600 });
    const plan = db
      .prepare(`EXPLAIN QUERY PLAN ${source.sql}`)
      .all(...source.params, NOVEMBER.from, dayAfter(NOVEMBER.to))
      .map((step) => String(step.detail));
    expect(
      plan.some((d) => /^SEARCH c USING INDEX team_calls_employee \(employee_id=\? AND start_local>\?/.test(d)),
    ).toBe(true);
    expect(plan.filter((d) => /^SCAN/.test(d))).toEqual([]);
  });

  it("me, no account known: this PC's own log under the OS user's name; team: the whole team copy", () => {
    const own = reportSource("me", undefined, "olena");
    expect([own.scope, own.log]).toEqual(["me", "own"]);
    expect(computeReport(db, own, NOVEMBER).byEmployee).toMatchObject([{ employeeId: "", employeeName: "olena" }]);
    const team = reportSource("team", petro, "olena");
    expect([team.scope, team.log]).toEqual(["team", "team"]);
    expect(computeReport(db, team, NOVEMBER).byEmployee.map((e) => e.employeeId)).toEqual([
      OLENA.employeeId,
      PETRO.employeeId,
    ]);
  });
});
