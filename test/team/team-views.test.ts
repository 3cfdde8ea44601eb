/**
 * The team log's read queries on a real SQLite file: the card's team history for a number key and the team's
 * unreturned missed calls, with exact rows, and both on indexes only.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Database, SqlValue, Statement } from "../../bridge/store/database.js";
import { all } from "../../bridge/store/query.js";
import { openDatabase } from "../../bridge/store/sqlite.js";
import { TeamCopy } from "../../bridge/team/team-copy.js";
import { teamHistory } from "../../bridge/team/team-history.js";
import { teamMissed } from "../../bridge/team/team-missed.js";
import { teamNotifier } from "../../bridge/team/team-notifier.js";
import { useTempDir } from "../support/temp-dir.js";
import { IGOR, teamRow } from "./team-rows.js";

const tempDir = useTempDir("team-views-");
const CALLER = "+380675355355";
const OTHER = "+380501112233";
const now = new Date("2026-12-01T12:00:00"); // local

function copyWith(...rows: ReturnType<typeof teamRow>[]): Database {
  const db = openDatabase(join(tempDir(), "bridge.db"));
  new TeamCopy(db).apply(rows);
  return db;
}

const ids = (calls: { itemId: string }[]) => calls.map((c) => c.itemId);

describe("the card's team history", () => {
  it("answers the number key's calls newest first, limited, without SMS or other numbers", () => {
    const db = copyWith(
      teamRow("2026-11-30 09:00", { itemId: "a", durationSeconds: 240, notes: "Просив рахунок" }),
      teamRow("2026-11-30 10:12", { itemId: "b", ...IGOR, answered: false }),
      teamRow("2026-11-30 11:00", { itemId: "c", kind: "sms", direction: "out" }),
      teamRow("2026-11-30 12:00", { itemId: "d", numberKey: OTHER }),
      teamRow("2026-11-29 15:30", { itemId: "e", direction: "out", recordingUrl: "https://contoso.test/r.mp3" }),
    );
    expect(ids(teamHistory(db, CALLER))).toEqual(["b", "a", "e"]);
    expect(ids(teamHistory(db, CALLER, 2))).toEqual(["b", "a"]);
    expect(teamHistory(db, CALLER)[1]).toMatchObject({
      employeeName: "Олена Коваль",
      durationSeconds: 240,
      direction: "in",
      answered: true,
      notes: "Просив рахунок",
    });
    expect(teamHistory(db, "+380000000000")).toEqual([]);
  });
});

describe("the team's unreturned missed calls", () => {
  it("a later answered outgoing call by another employee returns it", () => {
    const db = copyWith(
      teamRow("2026-11-30 10:12", { itemId: "missed", ...IGOR, answered: false }),
      teamRow("2026-11-30 10:40", { itemId: "back", direction: "out", durationSeconds: 60 }),
      teamRow("2026-11-30 10:20", { itemId: "other", numberKey: OTHER, answered: false, number: "0501112233" }),
    );
    expect(ids(teamMissed(db, { now }))).toEqual(["other"]);
  });

  it("an answered call before the missed one does not return it; an unanswered one after does not either", () => {
    const db = copyWith(
      teamRow("2026-11-30 09:00", { itemId: "before" }),
      teamRow("2026-11-30 10:12", { itemId: "missed", answered: false }),
      teamRow("2026-11-30 10:30", { itemId: "no-answer", direction: "out", answered: false }),
    );
    expect(ids(teamMissed(db, { now }))).toEqual(["missed"]);
  });

  it("is returned across midnight", () => {
    const db = copyWith(
      teamRow("2026-11-29 23:50", { itemId: "late", answered: false }),
      teamRow("2026-11-30 00:10", { itemId: "next-day", ...IGOR, direction: "out" }),
    );
    expect(teamMissed(db, { now })).toEqual([]);
  });

  it("an SMS does not return it", () => {
    const db = copyWith(
      teamRow("2026-11-30 10:12", { itemId: "missed", answered: false }),
      teamRow("2026-11-30 10:15", { itemId: "sms", kind: "sms", direction: "out", answered: true }),
    );
    expect(ids(teamMissed(db, { now }))).toEqual(["missed"]);
  });

  it("a claimed call stays, showing who will call back; the caller's name comes from another row", () => {
    const claim = { claimedBy: "Олена Коваль", claimedById: "user-olena", claimedAt: "2026-11-30T08:30:00Z" };
    const db = copyWith(
      teamRow("2026-11-20 09:00", { itemId: "known", contactName: "Вася Петров", company: "Меридиан" }),
      teamRow("2026-11-30 10:12", { itemId: "missed", ...IGOR, answered: false, durationSeconds: 0, ...claim }),
      teamRow("2026-11-30 10:13", { itemId: "again", numberKey: OTHER, answered: false, contactName: "Ірина" }),
    );
    const missed = teamMissed(db, { now });
    expect(ids(missed)).toEqual(["again", "missed"]);
    expect(missed[1]).toMatchObject({ employeeName: "Ігор Бондар", contactName: "Вася Петров", company: "Меридиан" });
    expect(missed[1]).toMatchObject(claim);
    expect(missed[0]).toMatchObject({ contactName: "Ірина", company: "" });
  });

  it("is bounded: only the last days, at most the limit", () => {
    const rows = Array.from({ length: 30 }, (_, i) =>
      teamRow(`2026-11-${String(i + 1).padStart(2, "0")} 10:00`, {
        itemId: `m${i + 1}`,
        answered: false,
        numberKey: `+38067000${String(i).padStart(4, "0")}`,
      }),
    );
    const db = copyWith(...rows);
    // Three times 24 hours before noon on the 1st: the 28th at 10:00 is out.
    expect(ids(teamMissed(db, { now, days: 3 }))).toEqual(["m30", "m29"]);
    expect(teamMissed(db, { now, days: 90, limit: 5 })).toHaveLength(5);
    expect(teamMissed(db, { now, days: 10_000 })).toHaveLength(30);
    expect(teamMissed(db, { now, limit: 10_000, days: 90 })).toHaveLength(30);
  });
});

describe("the plans", () => {
  it("read indexes only: no full scan of team_calls", () => {
    const db = copyWith(teamRow("2026-11-30 10:12", { answered: false }));
    const plans: string[] = [];
    const prepare = db.prepare.bind(db);
    // The very queries the modules run, each explained with the parameters it was run with.
    const spy: Database = Object.create(db) as Database;
    spy.prepare = (sql: string) => {
      const statement = prepare(sql);
      const explained = (params: SqlValue[]): SqlValue[] => {
        plans.push(...all<{ detail: string }>(prepare(`EXPLAIN QUERY PLAN ${sql}`), ...params).map((r) => r.detail));
        return params;
      };
      return Object.assign(Object.create(statement) as Statement, {
        all: (...params: SqlValue[]) => statement.all(...explained(params)),
        get: (...params: SqlValue[]) => statement.get(...explained(params)),
      });
    };
    teamHistory(spy, CALLER);
    teamMissed(spy, { now });
    expect(plans.length).toBeGreaterThan(3);
    expect(plans.filter((detail) => /^SCAN /.test(detail) && !/COVERING INDEX|USING INDEX/.test(detail))).toEqual([]);
    expect(plans.some((d) => d.includes("team_calls_start"))).toBe(true);
    expect(plans.some((d) => d.includes("team_calls_number"))).toBe(true);
  });
});

describe("the team notifier", () => {
  it("turns a burst of changes into one notice, and a later change into another", async () => {
    const notices: string[] = [];
    const notifier = teamNotifier((at) => notices.push(at), 50);
    for (let page = 0; page < 10; page++) notifier.changed();
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(notices).toHaveLength(1);
    notifier.changed();
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(notices).toHaveLength(2);
    notifier.changed();
    notifier.stop();
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(notices).toHaveLength(2);
  });
});
