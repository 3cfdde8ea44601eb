/**
 * The report's definitions on small hand-made logs in real SQLite files, with every expected figure worked out by
 * hand: missed, unreturned (returned across midnight and across the month's end, not by an SMS, not by another
 * miss, not by an earlier call), talk time, the median time to call back, the breakdowns, and the query plan.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { computeReport } from "../../bridge/reports/compute-report.js";
import { dayAfter } from "../../bridge/reports/report-period.js";
import { ownCalls, teamCalls } from "../../bridge/reports/report-source.js";
import { openDatabase, type Database } from "../../bridge/store/sqlite.js";
import { fillOwnLog, fillTeamLog, OLENA, PETRO } from "./report-fixtures.js";

function teamLog(): Database {
  return fillTeamLog(openDatabase(join(mkdtempSync(join(tmpdir(), "reports-")), "bridge.db")));
}

const NOVEMBER = { from: "2026-11-01", to: "2026-11-30" };

describe("a team report of November on a hand-made log", () => {
  const report = computeReport(teamLog(), teamCalls(), NOVEMBER);

  it("counts the totals by the shared definitions", () => {
    expect(report.totals).toEqual({
      calls: 9,
      incoming: 5,
      outgoing: 4,
      missed: 4,
      unreturnedMissed: 2,
      talkSeconds: 965,
      missedPercent: 80,
      medianCallbackSeconds: 900,
    });
  });

  it("breaks them down per employee, per phone and line, per day, per weekday and hour, per duration", () => {
    expect(report.byEmployee).toEqual([
      { ...OLENA, calls: 5, incoming: 3, outgoing: 2, missed: 2, unreturnedMissed: 1, talkSeconds: 220 },
      { ...PETRO, calls: 4, incoming: 2, outgoing: 2, missed: 2, unreturnedMissed: 1, talkSeconds: 745 },
    ]);
    expect(report.byDevice).toEqual([
      { device: null, line: null, calls: 1, missed: 1, talkSeconds: 0 },
      { device: 1, line: 1, calls: 3, missed: 1, talkSeconds: 220 },
      { device: 1, line: 2, calls: 1, missed: 0, talkSeconds: 0 },
      { device: 2, line: 1, calls: 2, missed: 0, talkSeconds: 745 },
      { device: 2, line: 2, calls: 2, missed: 2, talkSeconds: 0 },
    ]);
    expect(report.byDay).toHaveLength(30);
    expect(report.byDay[0]).toEqual({
      day: "2026-11-01",
      calls: 0,
      incoming: 0,
      outgoing: 0,
      missed: 0,
      talkSeconds: 0,
    });
    expect(report.byDay.filter((d) => d.calls > 0)).toEqual([
      { day: "2026-11-02", calls: 2, incoming: 2, outgoing: 0, missed: 1, talkSeconds: 20 },
      { day: "2026-11-03", calls: 1, incoming: 0, outgoing: 1, missed: 0, talkSeconds: 45 },
      { day: "2026-11-10", calls: 2, incoming: 2, outgoing: 0, missed: 2, talkSeconds: 0 },
      { day: "2026-11-15", calls: 2, incoming: 0, outgoing: 2, missed: 0, talkSeconds: 700 },
      { day: "2026-11-20", calls: 1, incoming: 0, outgoing: 1, missed: 0, talkSeconds: 200 },
      { day: "2026-11-30", calls: 1, incoming: 1, outgoing: 0, missed: 1, talkSeconds: 0 },
    ]);
    expect(report.byHour).toEqual([
      { weekday: 1, hour: 9, calls: 1 },
      { weekday: 1, hour: 23, calls: 2 },
      { weekday: 2, hour: 0, calls: 1 },
      { weekday: 2, hour: 10, calls: 1 },
      { weekday: 2, hour: 11, calls: 1 },
      { weekday: 5, hour: 9, calls: 1 },
      { weekday: 7, hour: 14, calls: 2 },
    ]);
    expect(report.durations).toEqual([
      { bucket: "<30s", calls: 1 },
      { bucket: "30s-1m", calls: 1 },
      { bucket: "1-3m", calls: 0 },
      { bucket: "3-10m", calls: 1 },
      { bucket: "10m+", calls: 1 },
    ]);
    expect(Object.keys(report)).toEqual([
      "from",
      "to",
      "totals",
      "byEmployee",
      "byDay",
      "byHour",
      "scope",
      "byDevice",
      "durations",
    ]);
  });

  it("has the one miss of a day whose call back is the next day, and nothing outside the period", () => {
    const day = computeReport(teamLog(), teamCalls(), { from: "2026-11-30", to: "2026-11-30" });
    expect(day.totals).toMatchObject({ calls: 1, missed: 1, unreturnedMissed: 0, medianCallbackSeconds: 600 });
    const empty = computeReport(teamLog(), teamCalls(), { from: "2025-01-01", to: "2025-01-31" });
    expect(empty.totals).toEqual({
      calls: 0,
      incoming: 0,
      outgoing: 0,
      missed: 0,
      unreturnedMissed: 0,
      talkSeconds: 0,
      missedPercent: 0,
      medianCallbackSeconds: null,
    });
    expect(empty.byEmployee).toEqual([]);
  });

  it("reads a month through the indexes: no full scan of team_calls", () => {
    const db = teamLog();
    const source = teamCalls();
    const plan = db
      .prepare(`EXPLAIN QUERY PLAN ${source.sql}`)
      .all(...source.params, NOVEMBER.from, dayAfter(NOVEMBER.to))
      .map((step) => String(step.detail));
    expect(
      plan.some((d) => /^SEARCH c USING INDEX team_calls_start \(start_local>\? AND start_local<\?\)/.test(d)),
    ).toBe(true);
    expect(
      plan.some((d) =>
        /^SEARCH r USING COVERING INDEX team_calls_answered \(number_key=\? AND start_local>\?\)/.test(d),
      ),
    ).toBe(true);
    expect(plan.filter((d) => /^SCAN/.test(d))).toEqual([]);
  });
});

describe("a report of this PC's own calls", () => {
  it("counts by the same definitions, one employee row, phone and line unknown", () => {
    const db = openDatabase(join(mkdtempSync(join(tmpdir(), "reports-own-")), "bridge.db"));
    fillOwnLog(db);
    const report = computeReport(db, ownCalls({ id: "", name: "Олена" }), NOVEMBER);
    expect(report.totals).toEqual({
      calls: 4,
      incoming: 3,
      outgoing: 1,
      missed: 2,
      unreturnedMissed: 1,
      talkSeconds: 95,
      missedPercent: 66.7,
      medianCallbackSeconds: 90,
    });
    expect(report.scope).toBe("me");
    expect(report.byEmployee).toEqual([
      {
        employeeId: "",
        employeeName: "Олена",
        calls: 4,
        incoming: 3,
        outgoing: 1,
        missed: 2,
        unreturnedMissed: 1,
        talkSeconds: 95,
      },
    ]);
    expect(report.byDevice).toEqual([{ device: null, line: null, calls: 4, missed: 2, talkSeconds: 95 }]);
    const plan = db
      .prepare(`EXPLAIN QUERY PLAN ${ownCalls({ id: "", name: "" }).sql}`)
      .all("", "", NOVEMBER.from, dayAfter(NOVEMBER.to))
      .map((step) => String(step.detail));
    expect(plan.filter((d) => /^SCAN/.test(d))).toEqual([]);
  });
});
