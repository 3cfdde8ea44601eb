/**
 * Two bridges on one read-only data folder share its fallback journal's path: each claims a slot of its own, so
 * neither drops the other's calls; once the folder is writable, one takes the store, and what the other kept is
 * stored once at the next start.
 */
import { execFileSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { CallJournal } from "../../bridge/calls/call-journal.js";
import { openDatabase } from "../../bridge/store/sqlite.js";
import { type BuiltBridge, buildBridge } from "../support/built-cli.js";
import { callHistory, startStdioBridge, until, type StdioBridge } from "../support/stdio-bridge.js";
import { useTempDir } from "../support/temp-dir.js";

const tempDir = useTempDir("journal-slots-");
let build: BuiltBridge;
const running: StdioBridge[] = [];
const mounts: string[] = [];

beforeAll(async () => {
  build = await buildBridge("journal-slots");
}, 120_000);
afterEach(async () => {
  for (const b of running.splice(0)) await b.stop();
  for (const dir of mounts.splice(0)) execFileSync("umount", ["-l", dir]);
});
afterAll(() => build?.dispose());

async function start(home: string): Promise<StdioBridge> {
  const b = await startStdioBridge(build.cli, home);
  running.push(b);
  return b;
}

function waiting(b: StdioBridge, count: number): boolean {
  return b.lines.some((l) => String(l.msg).includes(`CALLHISTORY: ${count} calls wait in the fallback journal`));
}

function numbersIn(path: string): string[] {
  return new CallJournal(path).read().entries.map((e) => e.text.split("^")[1]!);
}

describe("two bridges on one read-only folder", () => {
  it("keep calls in journal slots of their own; every call is stored once when the folder is writable", async () => {
    const home = tempDir();
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=16m", "tmpfs", home]);
    mounts.push(home);
    const journal = join(tempDir(), "calls.log");
    writeFileSync(join(home, "config.json"), JSON.stringify({ seedDemo: false, fallbackJournal: journal }));
    openDatabase(join(home, "bridge.db")).close();
    execFileSync("mount", ["-o", "remount,ro", home]);

    const first = await start(home);
    const second = await start(home);
    for (let i = 0; i < 6; i++) first.send(callHistory(800 + i));
    for (let i = 0; i < 4; i++) second.send(callHistory(900 + i));
    await until("6 calls in the first's journal", () => waiting(first, 6));
    await until("4 calls in the second's journal", () => waiting(second, 4));
    const secondSlot = journal.replace(/\.log$/, "-2.log");
    expect(numbersIn(journal)).toEqual([0, 1, 2, 3, 4, 5].map((i) => callHistory(800 + i).split("^")[1]));
    expect(numbersIn(secondSlot)).toEqual([0, 1, 2, 3].map((i) => callHistory(900 + i).split("^")[1]));

    // Writable again while both run: one takes the store and stores its own calls; the other's stay in its slot.
    execFileSync("mount", ["-o", "remount,rw", home]);
    await until("one store writable again", () =>
      [first, second].some((b) => b.lines.some((l) => l.msg === "store writable again")),
    );
    const taker = first.lines.some((l) => l.msg === "store writable again") ? first : second;
    const other = taker === first ? second : first;
    const [takerSlot, otherSlot, takerCalls, otherCalls] =
      taker === first ? [journal, secondSlot, 6, 4] : [secondSlot, journal, 4, 6];
    await until("the taker's calls stored", () => calls(home).length === takerCalls);
    // The slot is dropped once its calls are stored (just after): wait for it, never longer than `until` allows.
    await until("the taker's slot dropped", () => !existsSync(takerSlot));
    expect(numbersIn(otherSlot)).toHaveLength(otherCalls);
    expect(waiting(other, otherCalls)).toBe(true);

    for (const b of running.splice(0)) await b.stop();
    // The next bridge claims the first slot and takes in what the other left in the second.
    await start(home);
    await until("all 10 stored", () => calls(home).length === 10);
    expect(new Set(calls(home)).size).toBe(10);
    await until("both slots dropped", () => !existsSync(journal) && !existsSync(secondSlot));
    expect(new Set(calls(home)).size).toBe(10);
  });
});

function calls(home: string): string[] {
  if (!existsSync(join(home, "calls.db"))) return [];
  const db = new Database(join(home, "calls.db"), { readonly: true });
  try {
    return (db.prepare("SELECT number FROM calls").all() as { number: string }[]).map((r) => r.number);
  } finally {
    db.close();
  }
}
