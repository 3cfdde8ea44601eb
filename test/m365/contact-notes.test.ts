/**
 * Contact notes when the contacts cannot be looked up (issue 25, item 6), through a real bridge process on the
 * stdio transport and the fake Graph: the phone index of the running bridge's store is damaged, 20 calls of known
 * contacts come in, their calendar events are written at once while their contact notes wait (status says why);
 * once the index is repaired through a second connection, every note is written exactly once.
 */
import { closeSync, openSync, writeSync } from "node:fs";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import Database from "better-sqlite3";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { isCallNoteLine } from "../../bridge/m365/outbox/call-note.js";
import { OutboxStore } from "../../bridge/m365/outbox/outbox-store.js";
import { PROBLEM_TEXT } from "../../bridge/api-contract/graph-problems.js";
import { translator } from "../../bridge/i18n/i18n.js";
import { openDatabase } from "../../bridge/store/sqlite.js";
import { type FakeGraph, startFakeGraph } from "../fakes/graph/index.js";
import { type BuiltBridge, buildBridge, runCliAsync } from "../support/built-cli.js";
import {
  callHistory,
  GRAPH_CA,
  homeSignedIn,
  startStdioBridge,
  type StdioBridge,
  until,
} from "../support/stdio-bridge.js";
import { useTempDir } from "../support/temp-dir.js";
import { expectEventsOnce, outbox } from "./harness.js";

const tempDir = useTempDir("contact-notes-");
const CALLS = 20;
let build: BuiltBridge;
let graph: FakeGraph;
let bridge: StdioBridge | undefined;
let home: string;

beforeAll(async () => {
  build = await buildBridge("contact-notes");
});
afterAll(() => build?.dispose());

beforeEach(async () => {
  graph = await startFakeGraph({ devicePendingPolls: 0 });
  home = tempDir();
});
afterEach(async () => {
  await bridge?.stop();
  bridge = undefined;
  await graph.stop();
});

/** The number callHistory(i) reports. */
function callNumber(i: number): string {
  return `+38067${String(2_000_000 + i).padStart(7, "0")}`;
}

function waitingForContacts(): number {
  const db = openDatabase(join(home, "bridge.db"));
  try {
    return new OutboxStore(db).waitingForContacts();
  } finally {
    db.close();
  }
}

/** Overwrites every leaf page of the phone index in the file, under the running bridge. */
function damagePhoneIndex(): void {
  const path = join(home, "bridge.db");
  const file = new Database(path);
  // The synced contacts may still be in the WAL: put them in the file first, so the damage is what is read.
  const [checkpoint] = file.pragma("wal_checkpoint(TRUNCATE)") as { busy: number }[];
  expect(checkpoint?.busy).toBe(0);
  const pages = file
    .prepare("SELECT pageno FROM dbstat WHERE name = 'contact_phones_key' AND pagetype = 'leaf'")
    .all() as { pageno: number }[];
  const pageSize = Number(file.pragma("page_size", { simple: true }));
  file.close();
  expect(pages.length).toBeGreaterThan(0);
  const fd = openSync(path, "r+");
  for (const { pageno } of pages) writeSync(fd, Buffer.alloc(pageSize, 0x5a), 0, pageSize, (pageno - 1) * pageSize);
  closeSync(fd);
  // Another connection writes: the bridge's SQLite drops its page cache and reads the damaged pages from the file.
  const writer = new Database(path);
  writer.prepare("INSERT INTO m365_delta_state VALUES (?, ?, ?)").run("poke", "x", "y");
  writer.prepare("DELETE FROM m365_delta_state WHERE key = ?").run("poke");
  writer.close();
}

/**
 * What a support person does with a second connection: REINDEX cannot clear pages it cannot read, so the damaged
 * index leaves the schema, is built again from the table, and VACUUM drops its old pages.
 */
function repairPhoneIndex(): void {
  const path = join(home, "bridge.db");
  // Newer Node turns SQLite's defensive flag on by default, which forbids editing the schema table.
  const surgeon = new DatabaseSync(path, { timeout: 5000, defensive: false } as ConstructorParameters<
    typeof DatabaseSync
  >[1]);
  const { sql } = surgeon.prepare("SELECT sql FROM sqlite_schema WHERE name = 'contact_phones_key'").get() as {
    sql: string;
  };
  surgeon.exec(
    "PRAGMA writable_schema = ON; DELETE FROM sqlite_schema WHERE name = 'contact_phones_key'; " +
      "PRAGMA writable_schema = OFF;",
  );
  surgeon.close();
  const db = new DatabaseSync(path, { timeout: 5000 });
  db.exec(sql);
  db.exec("VACUUM");
  expect(db.prepare("PRAGMA quick_check").get()).toEqual({ quick_check: "ok" });
  db.close();
}

async function status(): Promise<Record<string, unknown>> {
  const run = await runCliAsync(build.cli, ["status", "--home", home], GRAPH_CA);
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout) as Record<string, unknown>;
}

function callLines(notes: string | null | undefined): string[] {
  return (notes ?? "").split(/\r?\n/).filter(isCallNoteLine);
}

describe("contact notes when the contacts cannot be looked up", () => {
  it("the phone index damaged: 20 events at once, notes wait (status says why), then each written once", async () => {
    const ids = Array.from(
      { length: CALLS },
      (_, i) => graph.addContact({ displayName: `Person ${i}`, mobilePhone: callNumber(i) }).id,
    );
    await homeSignedIn(home, graph, { calls: { missedCallTask: false } });
    bridge = await startStdioBridge(build.cli, home);
    const b = bridge;
    await until("the first sync", () => b.lines.some((l) => l.msg === "Microsoft 365 sync done"));
    b.send(`CONTACT?^${callNumber(0)}^1^1^`);
    await until("the first reply", () => b.replies.length === 1);
    expect(b.replies[0]).toMatch(/^CONTACT\^\+380672000000\^1\^1\^Person 0\^/);

    damagePhoneIndex();
    b.send(`CONTACT?^${callNumber(0)}^1^1^`);
    await until("the second reply", () => b.replies.length === 2);
    expect(b.replies[1]).toBe("NOCONTACT^+380672000000^1^1^");
    for (let i = 0; i < CALLS; i++) b.send(callHistory(i));
    await until("20 events, 20 calls waiting", () => graph.events.length === CALLS && waitingForContacts() === CALLS);
    expectEventsOnce(graph, CALLS);
    // The events name the number (nobody is known yet); no note was touched.
    expect(graph.events.filter((e) => /^→ \+38067200\d{4} \(/.test(String(e.subject)))).toHaveLength(CALLS);
    expect(graph.requests("PATCH", /\/me\/contacts\//)).toEqual([]);
    const waitingSince = b.lines.length;
    await new Promise((resolve) => setTimeout(resolve, 3000));
    // The outbox's backoff (0.2 s doubling to 2 s here), each row on its own: a few tries each, not a hot loop.
    const retries = b.lines.slice(waitingSince).filter((l) => l.msg === "call will be written to the mailbox later");
    expect(retries.length).toBeLessThanOrEqual(CALLS * 6);
    expect(String(retries[0]?.reason)).toBe("its contacts cannot be looked up (the contact index cannot be read)");
    expect(
      b.lines.filter((l) => l.msg === "the call's contacts cannot be looked up: its contact note waits"),
    ).toHaveLength(CALLS);
    const waiting = await status();
    expect(waiting).toMatchObject({ signedIn: true, problem: "contactIndex" });
    expect(waiting.outbox).toEqual({ pending: CALLS, done: 0, failed: 0, waitingForContacts: CALLS });
    // The reason a person reads, in each language (the detail stays in the log).
    expect(translator("uk").t(PROBLEM_TEXT.contactIndex)).toMatch(/^Не вдається прочитати контакти/);
    expect(translator("ru").t(PROBLEM_TEXT.contactIndex)).toMatch(/^Не удаётся прочитать контакты/);
    expect(translator("en").t(PROBLEM_TEXT.contactIndex)).toMatch(/^The contacts on this PC cannot be read/);

    repairPhoneIndex();
    await until("every note written", () => outbox(home).done === CALLS, 30_000);
    for (const [i, id] of ids.entries()) {
      const lines = callLines(graph.contact(id)?.personalNotes);
      expect(lines, `Person ${i}`).toHaveLength(1);
      expect(lines[0]).toContain(callNumber(i));
    }
    expect(graph.requests("PATCH", /\/me\/contacts\//)).toHaveLength(CALLS);
    expectEventsOnce(graph, CALLS);
    expect(waitingForContacts()).toBe(0);
    const after = await status();
    expect(after.problem).toBeUndefined();
    expect(after.outbox).toEqual({ pending: 0, done: CALLS, failed: 0 });

    // A number nobody has is done at once, not waiting; the index answers again.
    b.send(callHistory(50));
    b.send(`CONTACT?^${callNumber(1)}^1^1^`);
    await until("the call written", () => outbox(home).done === CALLS + 1);
    expect(waitingForContacts()).toBe(0);
    expect(b.replies[2]).toMatch(/^CONTACT\^\+380672000001\^1\^1\^Person 1\^/);
  }, 90_000);

  it("notes that waited are due at the next start, not after their backoff", async () => {
    const ids = Array.from(
      { length: 3 },
      (_, i) => graph.addContact({ displayName: `Person ${i}`, mobilePhone: callNumber(i) }).id,
    );
    await homeSignedIn(home, graph, { calls: { missedCallTask: false } });
    bridge = await startStdioBridge(build.cli, home);
    const b = bridge;
    await until("the first sync", () => b.lines.some((l) => l.msg === "Microsoft 365 sync done"));
    damagePhoneIndex();
    for (let i = 0; i < 3; i++) b.send(callHistory(i));
    await until("3 calls waiting", () => graph.events.length === 3 && waitingForContacts() === 3);
    await b.stop();
    bridge = undefined;
    // As after a long wait: the rows' backoff has grown to an hour.
    const db = openDatabase(join(home, "bridge.db"));
    db.prepare("UPDATE m365_outbox SET next_attempt_at = ? WHERE state = 'pending'").run(Date.now() + 3_600_000);
    db.close();
    repairPhoneIndex();
    bridge = await startStdioBridge(build.cli, home);
    await until("every note written after the start", () => outbox(home).done === 3, 30_000);
    for (const id of ids) expect(callLines(graph.contact(id)?.personalNotes)).toHaveLength(1);
    expectEventsOnce(graph, 3);
  }, 90_000);
});
