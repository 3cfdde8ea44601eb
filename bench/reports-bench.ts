/**
 * Reports over a big team copy: 20 users × 100 calls a day × one year (730,000 rows) in a real SQLite file, with a
 * working day's spread (hours, weekdays), 55% incoming, 15% of incoming missed and most of those returned within
 * hours. A month's and a year's team report, each beside its floor: the indexed SELECT of the same period's rows on
 * the same file (count and sum through the start index), so the ratio says what the report costs over reading; and
 * its steps: the streamed SELECT of the rows alone (the callback lookups included), then the tally in JS.
 */
import { join } from "node:path";
import { computeReport } from "../bridge/reports/compute-report.js";
import { reportRows } from "../bridge/reports/report-rows.js";
import { teamCalls } from "../bridge/reports/report-source.js";
import { dayAfter, daysOf, type ReportPeriod } from "../bridge/reports/report-period.js";
import { openDatabase, type Database } from "../bridge/store/sqlite.js";
import { teamHistory } from "../bridge/team/team-history.js";
import { teamMissed } from "../bridge/team/team-missed.js";
import { summarise, timeMs } from "./stats.js";
import { inTempDir } from "./temp-dir.js";

const USERS = 20;
const CALLS_A_DAY = 100;
const YEAR: ReportPeriod = { from: "2025-12-01", to: "2026-11-30" };
const MONTH: ReportPeriod = { from: "2026-06-01", to: "2026-06-30" };

/** A small deterministic generator: the same file every run. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
}

// Calls by hour of a working day: quiet at night, peaks at 10-12 and 14-16.
const HOUR_WEIGHTS = [0, 0, 0, 0, 0, 0, 1, 2, 6, 10, 12, 12, 8, 10, 12, 11, 9, 6, 3, 2, 1, 1, 0, 0];

export function fillTeamCopy(db: Database): number {
  const next = random(21);
  const hours = HOUR_WEIGHTS.flatMap((w, hour) => Array<number>(w).fill(hour));
  const insert = db.prepare(
    `INSERT INTO team_calls (item_id, call_key, kind, start, start_local, duration_seconds, direction, answered,
       number, number_key, employee_name, employee_id, device, line, modified_at)
     VALUES (?, ?, 'call', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  let id = 0;
  /** Missed numbers waiting to be called back: [due local stamp, number key]. */
  const pending: [string, string][] = [];
  for (const day of daysOf(YEAR)) {
    // Weekends carry a fifth of a weekday's calls, weekdays the rest of the day's 100 per user.
    const weekend = [0, 6].includes(new Date(`${day}T12:00:00Z`).getUTCDay());
    db.transaction(() => {
      const stamps: string[] = [];
      for (let n = 0; n < USERS * CALLS_A_DAY; n++) {
        const hour =
          weekend && next() < 0.5 ? 10 + Math.floor(next() * 6) : (hours[Math.floor(next() * hours.length)] ?? 12);
        const minute = Math.floor(next() * 3600);
        const pad = (v: number) => String(v).padStart(2, "0");
        stamps.push(`${day} ${pad(hour)}:${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`);
      }
      stamps.sort();
      for (const at of stamps) {
        id += 1;
        const user = id % USERS;
        const incoming = next() < 0.55;
        let key = `+38067${String(Math.floor(next() ** 2 * 20_000)).padStart(7, "0")}`;
        let answered = !incoming || next() >= 0.15;
        const due = pending[0];
        if (!incoming && due && due[0] <= at) {
          key = due[1];
          answered = true;
          pending.shift();
        }
        if (incoming && !answered && next() < 0.85) {
          pending.push([at, key]);
        }
        const duration = answered ? Math.floor(next() ** 3 * 900) + 5 : 0;
        insert.run(
          String(id),
          `u${user}|${key}|${at}|${incoming ? "in" : "out"}`,
          `${at.replace(" ", "T")}Z`,
          at,
          duration,
          incoming ? "in" : "out",
          answered ? 1 : 0,
          key,
          key,
          `Працівник ${user}`,
          `u${user}`,
          (user % 4) + 1,
          (id % 2) + 1,
          "2026-12-01T00:00:00Z",
        );
      }
    });
  }
  return id;
}

function floor(db: Database, period: ReportPeriod): void {
  db.prepare("SELECT count(*), sum(duration_seconds) FROM team_calls WHERE start_local >= ? AND start_local < ?").get(
    period.from,
    dayAfter(period.to),
  );
}

/** The report's first step alone: its rows streamed and dropped. */
function readRows(db: Database, period: ReportPeriod): number {
  let rows = 0;
  for (const _ of reportRows(db, teamCalls(), period)) rows++;
  return rows;
}

async function measure(db: Database, label: string, period: ReportPeriod, runs: number): Promise<void> {
  const floors: number[] = [];
  const reads: number[] = [];
  const reports: number[] = [];
  let calls = 0;
  for (let i = 0; i < runs; i++) {
    floors.push(await timeMs(() => floor(db, period)));
    reads.push(await timeMs(() => readRows(db, period)));
    reports.push(await timeMs(() => (calls = computeReport(db, teamCalls(), period).totals.calls)));
  }
  const [f, read, r] = [summarise(floors).p50Ms, summarise(reads).p50Ms, summarise(reports).p50Ms];
  console.log(
    `${label} team report (${calls} calls): p50 ${r.toFixed(1)} ms = ${(r / f).toFixed(1)}× the floor ` +
      `(indexed SELECT of the same rows: ${f.toFixed(1)} ms), n=${runs}; its steps: rows streamed ` +
      `${read.toFixed(1)} ms (${(read / f).toFixed(1)}×), tallied ${(r - read).toFixed(1)} ms`,
  );
}

/**
 * The call card's team history for a caller (the 5 latest calls with the number, any employee) and the team's open
 * missed calls of the last 14 days, on the same year of rows; each beside its floor, the same index read bare.
 */
async function measureCardViews(db: Database): Promise<void> {
  const keys = Array.from({ length: 500 }, (_, i) => `+38067${String((i * 7919) % 20_000).padStart(7, "0")}`);
  const floorStatement = db.prepare(
    "SELECT item_id FROM team_calls WHERE number_key = ? ORDER BY start_local DESC LIMIT 5",
  );
  const floors: number[] = [];
  const cards: number[] = [];
  for (const key of keys) {
    floors.push(await timeMs(() => floorStatement.all(key)));
    cards.push(await timeMs(() => teamHistory(db, key, 5)));
  }
  const [f, c] = [summarise(floors), summarise(cards)];
  console.log(
    `the card's team history (5 latest calls of one number, ${keys.length} numbers): p50 ${c.p50Ms.toFixed(3)} ms, ` +
      `p99 ${c.p99Ms.toFixed(3)} ms = ${(c.p50Ms / f.p50Ms).toFixed(1)}× the floor (the same index read bare: ` +
      `p50 ${f.p50Ms.toFixed(3)} ms)`,
  );
  const now = new Date("2026-11-30T18:00:00");
  const missed: number[] = [];
  let open = 0;
  for (let i = 0; i < 7; i++) missed.push(await timeMs(() => (open = teamMissed(db, { now }).length)));
  console.log(`the team's open missed calls (14 days, first ${open}): p50 ${summarise(missed).p50Ms.toFixed(1)} ms`);
}

export async function runReportsBench(): Promise<void> {
  await inTempDir("reports-bench-", async (dir) => {
    const db = openDatabase(join(dir, "bridge.db"));
    const started = performance.now();
    const rows = fillTeamCopy(db);
    console.log(`team copy: ${rows} rows made in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    db.exec("ANALYZE");
    await measure(db, "a month's", MONTH, 7);
    await measure(db, "a year's", YEAR, 5);
    await measureCardViews(db);
    db.close();
  });
}
