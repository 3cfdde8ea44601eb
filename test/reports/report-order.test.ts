/**
 * The report counts in JS, so its orders must be SQLite's: an employee's name is max(employee_name) and employees
 * with as many calls come by name as ORDER BY sorts text (bytes, so a name past U+FFFF after one in U+E000-U+FFFF,
 * where JS's own `<` says the opposite), phones and lines with the unknown (NULL) first. Each expectation is asked
 * of SQLite itself on the same real file.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { computeReport } from "../../bridge/reports/compute-report.js";
import { teamCalls } from "../../bridge/reports/report-source.js";
import { openDatabase } from "../../bridge/store/sqlite.js";
import { TeamCopy } from "../../bridge/team/team-copy.js";
import { teamRow } from "./report-fixtures.js";

const WIDE = "Ｚоя"; // U+FF3A
const ASTRAL = "😀 Олег"; // U+1F600, a surrogate pair in UTF-16

describe("a report's orders are SQLite's", () => {
  const db = openDatabase(join(mkdtempSync(join(tmpdir(), "reports-order-")), "bridge.db"));
  new TeamCopy(db).apply([
    teamRow({ employeeId: "u1", employeeName: WIDE }, "2026-11-02 09:00:00", "in", true, "K1", 10, [2, 1]),
    teamRow({ employeeId: "u1", employeeName: ASTRAL }, "2026-11-02 10:00:00", "out", true, "K2", 20, null),
    teamRow({ employeeId: "u2", employeeName: WIDE }, "2026-11-03 09:00:00", "in", false, "K3", 0, [1, 2]),
    teamRow({ employeeId: "u2", employeeName: WIDE }, "2026-11-03 11:00:00", "in", true, "K4", 5, [1, 1]),
    teamRow({ employeeId: "u3", employeeName: ASTRAL }, "2026-11-04 09:00:00", "in", true, "K5", 5, [1, 1]),
  ]);
  const report = computeReport(db, teamCalls(), { from: "2026-11-01", to: "2026-11-30" });

  it("names an employee by max(employee_name) and sorts equal counts by name as ORDER BY does", () => {
    expect(WIDE < ASTRAL).toBe(false); // JS's UTF-16 order: the astral name first
    const sqlite = db
      .prepare(
        `SELECT employee_id AS employeeId, max(employee_name) AS employeeName, count(*) AS calls FROM team_calls
         GROUP BY employee_id ORDER BY calls DESC, employeeName, employeeId`,
      )
      .all();
    expect(sqlite).toEqual([
      { employeeId: "u2", employeeName: WIDE, calls: 2 },
      { employeeId: "u1", employeeName: ASTRAL, calls: 2 },
      { employeeId: "u3", employeeName: ASTRAL, calls: 1 },
    ]);
    expect(
      report.byEmployee.map(({ employeeId, employeeName, calls }) => ({ employeeId, employeeName, calls })),
    ).toEqual(sqlite);
  });

  it("lists phones and lines as ORDER BY device, line does, the unknown first", () => {
    const sqlite = db
      .prepare("SELECT device, line, count(*) AS calls FROM team_calls GROUP BY device, line ORDER BY device, line")
      .all();
    expect(report.byDevice.map(({ device, line, calls }) => ({ device, line, calls }))).toEqual(sqlite);
    expect(sqlite.map((d) => [d.device, d.line])).toEqual([
      [null, null],
      [1, 1],
      [1, 2],
      [2, 1],
    ]);
  });
});
