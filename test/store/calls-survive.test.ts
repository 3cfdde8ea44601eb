/**
 * Issue 25, the store side, through real bridge processes against the fake Graph: a damaged contact index does not
 * take the calls with it; calls the store cannot take (full disk, read-only folder) wait in the fallback journal,
 * survive a stop and a kill -9 during replay, and are written exactly once; a full disk at start still answers.
 */
import { execFileSync } from "node:child_process";
import { closeSync, existsSync, openSync, readFileSync, writeFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { CallJournal } from "../../bridge/calls/call-journal.js";
import { CallLog } from "../../bridge/calls/call-log.js";
import { openDirectory } from "../../bridge/directory/directory.js";
import { OutboxStore } from "../../bridge/m365/outbox/outbox-store.js";
import { openDatabase } from "../../bridge/store/sqlite.js";
import { FakeGraph, trustFakeGraphCertificate } from "../fakes/graph/index.js";
import { type BuiltBridge, buildBridge, runCliAsync } from "../support/built-cli.js";
import {
  callHistory,
  GRAPH_CA,
  homeSignedIn,
  startStdioBridge,
  until,
  type StdioBridge,
} from "../support/stdio-bridge.js";
import { contact } from "../support/store.js";
import { fillDisk, mountSmallDisk } from "../support/small-disk.js";
import { useTempDir } from "../support/temp-dir.js";

const tempDir = useTempDir("calls-survive-");
const JOURNAL_STORED = "CALLHISTORY: Every call that waited in the fallback journal is now in the call log.";
let build: BuiltBridge;
let graph: FakeGraph;
const running: StdioBridge[] = [];
const mounts: string[] = [];

beforeAll(async () => {
  build = await buildBridge("calls-survive");
  await trustFakeGraphCertificate();
  graph = await new FakeGraph().start();
  graph.devicePendingPolls = 0;
});
afterEach(async () => {
  for (const b of running.splice(0)) await b.stop();
  for (const dir of mounts.splice(0)) execFileSync("umount", ["-l", dir]);
  graph.clearFaults();
});
afterAll(async () => {
  build?.dispose();
  await graph?.stop();
});

async function start(home: string): Promise<StdioBridge> {
  const b = await startStdioBridge(build.cli, home);
  running.push(b);
  return b;
}

async function stop(b: StdioBridge): Promise<void> {
  await b.stop();
  running.splice(running.indexOf(b), 1);
}

function smallDisk(kib: number): string {
  const dir = mountSmallDisk(tempDir(), kib);
  mounts.push(dir);
  return dir;
}

/** The calls in the local call log and the outbox's counts, read the way the bridge reads them. */
function stored(home: string): { calls: number; outbox: Record<string, number>; receivedAt: string[] } {
  const db = openDatabase(join(home, "bridge.db"));
  try {
    const calls = new CallLog(db).recent({ limit: 1000 });
    return { calls: calls.length, outbox: new OutboxStore(db).counts(), receivedAt: calls.map((c) => c.receivedAt) };
  } finally {
    db.close();
  }
}

/** How many calls calls.db holds right now, read beside the running bridge (WAL lets it read while it writes). */
function storedNow(home: string): number {
  if (!existsSync(join(home, "calls.db"))) return 0;
  const db = new Database(join(home, "calls.db"), { readonly: true });
  try {
    return (db.prepare("SELECT count(*) AS n FROM calls").get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/** The events the fake Graph holds for this test's calls, each transaction id once. */
function written(since: number): number {
  const mine = graph.events.slice(since);
  expect(new Set(mine.map((e) => e.transactionId)).size).toBe(mine.length);
  return mine.length;
}

describe("a damaged contact index", () => {
  it("is replaced from its backup while 10 queued calls stay in calls.db and are written once", async () => {
    const home = tempDir();
    await homeSignedIn(home, graph);
    const db = openDatabase(join(home, "bridge.db"));
    const directory = openDirectory(db, { defaultRegion: "UA" });
    db.transaction(() => {
      for (let i = 0; i < 3000; i++) directory.upsert(contact(`Person ${i}`, [`+38050${String(3_000_000 + i)}`]));
    });
    db.close();
    const before = graph.events.length;
    graph.inject({ method: "POST", path: /\/events$/, status: 503, times: Number.POSITIVE_INFINITY });
    const first = await start(home); // backs both files up
    for (let i = 0; i < 10; i++) first.send(callHistory(200 + i));
    await until("10 calls queued", () => stored(home).outbox.pending === 10);
    await stop(first);

    // Damage the phone index's leaf pages, as in the issue.
    const file = new Database(join(home, "bridge.db"), { readonly: true });
    const pages = file
      .prepare("SELECT pageno FROM dbstat WHERE name = 'contact_phones_key' AND pagetype = 'leaf'")
      .all() as { pageno: number }[];
    file.close();
    const fd = openSync(join(home, "bridge.db"), "r+");
    for (const { pageno } of pages) writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, (pageno - 1) * 4096);
    closeSync(fd);

    graph.clearFaults();
    const b = await start(home);
    expect(b.lines.find((l) => l.msg === "damaged store replaced")?.restoredFrom).toMatch(/bridge-[\d-]+\.db$/);
    b.send("CONTACT?^+380503000007^1^1^");
    await until("the reply", () => b.replies.length === 1);
    expect(b.replies[0]).toMatch(/^CONTACT\^\+380503000007\^1\^1\^Person 7\^/);
    await until("10 calls written", () => written(before) === 10, 30_000);
    await until("the outbox done", () => stored(home).outbox.done === 10);
    expect(stored(home).calls).toBe(10);
  });
});

describe("a damaged calls file", () => {
  it("is rebuilt from every readable row: calls on sound pages survive, the backup fills the rest", async () => {
    const home = tempDir();
    writeFileSync(join(home, "config.json"), JSON.stringify({ seedDemo: false }));
    const first = await start(home);
    for (let i = 0; i < 300; i++) first.send(callHistory(i));
    await until("300 calls", () => stored(home).calls === 300);
    await stop(first);
    const file = new Database(join(home, "calls.db"), { readonly: true });
    const leaves = file
      .prepare("SELECT pageno FROM dbstat WHERE name = 'calls' AND pagetype = 'leaf' ORDER BY pageno")
      .all() as { pageno: number }[];
    file.close();
    expect(leaves.length).toBeGreaterThan(3);
    const fd = openSync(join(home, "calls.db"), "r+");
    writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, (leaves[1]!.pageno - 1) * 4096);
    closeSync(fd);

    const b = await start(home);
    const rebuilt = b.lines.find((l) => l.msg === "damaged calls file rebuilt");
    expect(Number(rebuilt?.salvaged)).toBeGreaterThan(200);
    expect(existsSync(String(rebuilt?.movedAside))).toBe(true);
    // The backup written at the first start (before any call) adds nothing; every sound page's call is kept.
    expect(stored(home).calls).toBe(Number(rebuilt?.salvaged));
    b.send("CONTACT?^0501234567^1^1^");
    await until("the reply", () => b.replies.length === 1);
  });
});

describe("calls the store cannot take", () => {
  it("a full disk: 10 calls wait in the fallback journal across a stop, written once at the next start", async () => {
    const home = smallDisk(4096);
    await homeSignedIn(home, graph);
    const before = graph.events.length;
    const b = await start(home);
    const filler = fillDisk(home);
    for (let i = 0; i < 10; i++) {
      b.send(callHistory(400 + i));
      b.send(`CONTACT?^050000${String(i).padStart(4, "0")}^1^1^`);
    }
    await until("10 answers", () => b.replies.length === 10);
    await until("10 calls in the journal", () =>
      b.lines.some((l) => String(l.msg).includes("CALLHISTORY: 10 calls wait in the fallback journal")),
    );
    await stop(b);
    execFileSync("rm", [filler]);

    const restarted = new Date().toISOString();
    const again = await start(home);
    await until("10 calls written", () => written(before) === 10, 30_000);
    await until("the journal emptied", () => again.lines.some((l) => String(l.msg).includes(JOURNAL_STORED)));
    expect(stored(home).calls).toBe(10);
    // Each keeps the time TelefUM reported it, not the time of the replay.
    expect(stored(home).receivedAt.filter((at) => at < restarted)).toHaveLength(10);
  });

  it("a read-only folder: calls go to the journal with a warning, written once when it is writable", async () => {
    const home = smallDisk(8192);
    await homeSignedIn(home, graph);
    openDatabase(join(home, "bridge.db")).close();
    const before = graph.events.length;
    execFileSync("mount", ["-o", "remount,ro", home]);
    const b = await start(home);
    for (let i = 0; i < 5; i++) b.send(callHistory(500 + i));
    b.send("CONTACT?^0501234567^1^1^");
    await until("the reply", () => b.replies.length === 1);
    await until("5 calls in the journal", () =>
      b.lines.some((l) => String(l.msg).includes("CALLHISTORY: 5 calls wait in the fallback journal")),
    );
    await stop(b);
    // `bridge status` counts them from the journal itself (a one-shot command never replays it).
    const status = await runCliAsync(build.cli, ["status", "--home", home], GRAPH_CA);
    expect(JSON.parse(status.stdout).journal).toMatchObject({ waiting: 5 });
    execFileSync("mount", ["-o", "remount,rw", home]);
    await start(home);
    await until("5 calls written", () => written(before) === 5, 30_000);
    expect(stored(home).calls).toBe(5);
  });

  it("a read-only folder made writable under a running bridge: its calls reach the mailbox, no restart", async () => {
    const home = smallDisk(8192);
    await homeSignedIn(home, graph);
    openDatabase(join(home, "bridge.db")).close();
    const before = graph.events.length;
    execFileSync("mount", ["-o", "remount,ro", home]);
    const b = await start(home);
    for (let i = 0; i < 4; i++) b.send(callHistory(600 + i));
    await until("4 calls in the journal", () =>
      b.lines.some((l) => String(l.msg).includes("CALLHISTORY: 4 calls wait in the fallback journal")),
    );
    execFileSync("mount", ["-o", "remount,rw", home]);
    await until("the store writable again", () => b.lines.some((l) => l.msg === "store writable again"), 30_000);
    // The outbox worker starts now (it could not with a read-only store): every call written, once.
    await until("4 calls written", () => written(before) === 4, 30_000);
    b.send(callHistory(610));
    await until("a fifth call written at once", () => written(before) === 5, 30_000);
    expect(stored(home).calls).toBe(5);
  });

  it("kill -9 during the replay: the next start stores each call once", async () => {
    const home = smallDisk(65536);
    const journal = join(smallDisk(65536), "calls.log");
    writeFileSync(join(home, "config.json"), JSON.stringify({ seedDemo: false, fallbackJournal: journal }));
    // A journal a run left behind, big enough that its replay takes a while (written the way the bridge writes it).
    const left = new CallJournal(journal);
    const total = 5000;
    for (let i = 0; i < total; i++) {
      // Distinct numbers, one start time: callHistory's times run out after 16 hours of calls.
      const text = `CALLHISTORY^+38068${String(1_000_000 + i)}^out^True^2026-11-25 09:30:00^0:01:05^^`;
      left.append({ text, receivedAt: new Date(Date.UTC(2026, 10, 25, 8, 0, i)).toISOString() });
    }
    const replaying = await start(home);
    // Killed once the call log shows some of the journal's calls stored, but not all.
    await until("the replay under way", () => storedNow(home) > 0, 30_000);
    await replaying.kill();
    running.splice(running.indexOf(replaying), 1);
    const atKill = storedNow(home);
    expect(atKill).toBeGreaterThan(0);
    expect(atKill).toBeLessThan(total);
    // The journal still holds every call: it is dropped only after the pass that stored them.
    expect(new CallJournal(journal).read().entries).toHaveLength(total);
    const last = await start(home);
    await until("the journal emptied", () => last.lines.some((l) => String(l.msg).includes(JOURNAL_STORED)), 60_000);
    const db = new Database(join(home, "calls.db"), { readonly: true });
    try {
      const keys = db.prepare("SELECT number || start AS k FROM calls").all() as { k: string }[];
      expect(keys).toHaveLength(total);
      expect(new Set(keys.map((r) => r.k)).size).toBe(total);
    } finally {
      db.close();
    }
    expect(existsSync(journal)).toBe(false);
  });

  it("a full disk at start: starts, answers lookups, says what is full, never to delete the store", async () => {
    const home = smallDisk(4096);
    writeFileSync(join(home, "config.json"), JSON.stringify({ seedDemo: false, language: "en" }));
    const db = openDatabase(join(home, "bridge.db"));
    openDirectory(db, { defaultRegion: "UA" }).upsert(contact("Вася Петров", ["0675355355"]));
    db.close();
    fillDisk(home);
    const b = await start(home);
    const readOnly = b.lines.find((l) => l.msg === "store opened read-only");
    expect(readOnly).toMatchObject({ folder: home });
    expect(Number(readOnly?.neededMb)).toBeGreaterThan(0);
    const problem = b.lines.find((l) => l.msg === "store");
    expect(String(problem?.problem)).toMatch(/^The disk of .+ is full: 0 MB free, the bridge needs \d+ MB more there/);
    expect(JSON.stringify(b.lines)).not.toMatch(/delete the file/i);
    b.send("CONTACT?^0675355355^1^1^");
    await until("the reply", () => b.replies.length === 1);
    expect(b.replies[0]).toMatch(/^CONTACT\^0675355355\^1\^1\^Вася Петров\^/);
    expect(readFileSync(join(home, "config.json"), "utf8")).toContain("seedDemo");
  });
});
