/**
 * `bridge report`, built and run as a real process on a real SQLite file filled with the hand-made logs of
 * test/reports: each format's exact output (the JSON's shape, the CSV's bytes, the workbook read back), the
 * default period, and the refusals in the reader's language.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localDate } from "../../bridge/calls/call-days.js";
import { monthOf } from "../../bridge/reports/report-period.js";
import { openDatabase } from "../../bridge/store/sqlite.js";
import { DeltaStateStore } from "../../bridge/store/delta-state.js";
import { TEAM_EMPLOYEE_KEY } from "../../bridge/team/team-employee.js";
import { fillOwnLog, fillTeamLog, OLENA } from "../reports/report-fixtures.js";
import { type BuiltBridge, buildBridge, runCli } from "../support/built-cli.js";
import { useTempDir } from "../support/temp-dir.js";

const tempDir = useTempDir();
let build: BuiltBridge;
let home: string;

beforeAll(async () => {
  build = await buildBridge("report");
  home = tempDir();
  const db = openDatabase(join(home, "bridge.db"));
  fillOwnLog(fillTeamLog(db));
  db.close();
});
afterAll(() => build?.dispose());

const NOVEMBER = ["--from", "2026-11-01", "--to", "2026-11-30"];
const report = (...args: string[]) => runCli(build.cli, ["report", "--home", home, "--no-demo", ...args]);

describe("bridge report", () => {
  it("--format json prints from, to, totals, byEmployee, byDay, byHour, then scope, byDevice, durations, log", () => {
    const result = report("--team", "--format", "json", ...NOVEMBER);
    expect(result.status).toBe(0);
    const json = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual([
      "from",
      "to",
      "totals",
      "byEmployee",
      "byDay",
      "byHour",
      "scope",
      "byDevice",
      "durations",
      "log",
    ]);
    expect(json).toMatchObject({ from: "2026-11-01", to: "2026-11-30", scope: "team", log: "team" });
    expect(json.totals).toEqual({
      calls: 9,
      incoming: 5,
      outgoing: 4,
      missed: 4,
      unreturnedMissed: 2,
      talkSeconds: 965,
      missedPercent: 80,
      medianCallbackSeconds: 900,
    });
    expect((json.byEmployee as { employeeName: string }[]).map((e) => e.employeeName)).toEqual([
      "Олена Коваль",
      "Петро Іваненко",
    ]);
    expect(json.byDay).toHaveLength(30);
  });

  it("without --team reports this PC's own calls, and without dates this month", () => {
    const own = JSON.parse(report("--format", "json", ...NOVEMBER).stdout) as { scope: string; totals: object };
    expect(own).toMatchObject({ scope: "me", log: "own" });
    expect(own.totals).toMatchObject({
      calls: 4,
      missed: 2,
      unreturnedMissed: 1,
      talkSeconds: 95,
      medianCallbackSeconds: 90,
    });
    const month = JSON.parse(report("--format", "json").stdout) as { from: string; to: string };
    expect(month).toMatchObject(monthOf(localDate()));
  });

  it("a table in the reader's language by default", () => {
    const result = report("--team", "--lang", "uk", ...NOVEMBER);
    expect(result.status).toBe(0);
    const lines = result.stdout.split("\n");
    expect(lines[0]).toBe("Звіт про дзвінки: 2026-11-01 – 2026-11-30");
    expect(lines).toContain("Підсумки");
    expect(lines.find((l) => l.startsWith("Олена Коваль"))?.split(/\s{2,}/)).toEqual([
      "Олена Коваль",
      "5",
      "3",
      "2",
      "2",
      "1",
      "3 хв 40 с",
    ]);
    expect(lines.find((l) => l.startsWith("до 30 с"))?.split(/\s{2,}/)).toEqual(["до 30 с", "1"]);
  });

  it("CSV: UTF-8 with a BOM, ';' and the decimal comma for Ukrainian, ',' for English", () => {
    const out = join(tempDir(), "report.csv");
    expect(report("--team", "--format", "csv", "--lang", "uk", "--out", out, ...NOVEMBER).status).toBe(0);
    const bytes = readFileSync(out);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString("utf8").slice(1);
    expect(
      text.startsWith("Підсумки\r\nПоказник;Значення\r\nПеріод;2026-11-01 – 2026-11-30\r\nЧиї дзвінки;Команда\r\n"),
    ).toBe(true);
    expect(text).toContain("\r\nПрацівник;Дзвінки;Вхідні;Вихідні;Пропущені;Не передзвонили;Час розмов, с\r\n");
    expect(text).toContain("\r\nОлена Коваль;5;3;2;2;1;220\r\nПетро Іваненко;4;2;2;2;1;745\r\n");
    const ownUk = join(tempDir(), "own-uk.csv");
    report("--format", "csv", "--lang", "uk", "--out", ownUk, ...NOVEMBER);
    expect(readFileSync(ownUk, "utf8")).toContain("\r\nПропущені, % від вхідних;66,7\r\n");
    const own = join(tempDir(), "own.csv");
    report("--format", "csv", "--lang", "en", "--out", own, ...NOVEMBER);
    expect(readFileSync(own, "utf8")).toContain('\r\n"Missed, % of incoming",66.7\r\n');
  });

  it("xlsx: a workbook with a sheet per breakdown, read back", async () => {
    const out = join(tempDir(), "report.xlsx");
    expect(report("--team", "--format", "xlsx", "--lang", "ru", "--out", out, ...NOVEMBER).status).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      "Итоги",
      "По сотрудникам",
      "По телефонам и линиям",
      "По дням",
      "По дням недели и часам",
      "По длительности",
    ]);
    const people = workbook.getWorksheet("По сотрудникам");
    expect(people?.getRow(1).values).toEqual([
      undefined,
      "Сотрудник",
      "Звонки",
      "Входящие",
      "Исходящие",
      "Пропущенные",
      "Не перезвонили",
      "Время разговоров, с",
    ]);
    expect(people?.getRow(3).values).toEqual([undefined, "Петро Іваненко", 4, 2, 2, 2, 1, 745]);
    const heat = workbook.getWorksheet("По дням недели и часам");
    expect(heat?.getRow(2).getCell(1).value).toBe("пн");
    expect(heat?.getRow(2).getCell(25).value).toBe(2);
  });

  it("refuses a bad date, a bad format and --team without a team copy, in the reader's language", () => {
    expect(report("--from", "2026-02-30", "--lang", "uk")).toMatchObject({
      status: 2,
      stdout: "",
      stderr: "--from має бути датою РРРР-ММ-ДД, а не «2026-02-30»\n",
    });
    expect(report("--from", "2026-12-01", "--to", "2026-11-01", "--lang", "ru")).toMatchObject({
      status: 2,
      stderr: "Период начинается (2026-12-01) позже, чем заканчивается (2026-11-01)\n",
    });
    expect(report("--format", "pdf", "--lang", "en")).toMatchObject({
      status: 2,
      stderr: '--format must be table, csv, xlsx or json, got "pdf"\n',
    });
    const empty = runCli(build.cli, ["report", "--team", "--lang", "uk", "--home", tempDir()]);
    expect(empty.status).toBe(1);
    expect(empty.stderr).toMatch(/^На цьому компʼютері ще немає копії журналу дзвінків команди/);
  });

  it("my calls are my rows of the team copy once the signed-in account is known there, and the report says so", () => {
    const signedIn = tempDir();
    const db = openDatabase(join(signedIn, "bridge.db"));
    fillOwnLog(fillTeamLog(db));
    // What the team room writes when it has asked Graph who is signed in.
    new DeltaStateStore(db).set(TEAM_EMPLOYEE_KEY, JSON.stringify({ id: OLENA.employeeId, name: OLENA.employeeName }));
    db.close();
    const run = (...args: string[]) => runCli(build.cli, ["report", "--home", signedIn, "--no-demo", ...args]);
    const mine = JSON.parse(run("--format", "json", ...NOVEMBER).stdout) as Record<string, unknown>;
    expect(mine).toMatchObject({ scope: "me", log: "team", totals: { calls: 5, missed: 2, unreturnedMissed: 1 } });
    expect(mine.byEmployee).toEqual([
      { ...OLENA, calls: 5, incoming: 3, outgoing: 2, missed: 2, unreturnedMissed: 1, talkSeconds: 220 },
    ]);
    const table = run("--lang", "uk", ...NOVEMBER).stdout.split("\n");
    expect(table.find((l) => l.startsWith("Джерело"))?.split(/\s{2,}/)).toEqual([
      "Джерело",
      "Ваші дзвінки в журналі дзвінків команди",
    ]);
    const own = report("--lang", "en", ...NOVEMBER).stdout.split("\n");
    expect(own.find((l) => l.startsWith("Source"))?.split(/\s{2,}/)).toEqual(["Source", "This PC's call log"]);
  });
});
