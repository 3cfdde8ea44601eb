/**
 * The store failing under a running bridge (a real process on the stdio transport): a full disk (a small tmpfs),
 * pages damaged while it runs, a read-only folder, a damaged file at start, a second bridge on the same folder.
 * TelefUM gets an answer every time, and every call is written exactly once after recovery.
 */
import { execFileSync } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, rmSync, writeFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
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
import { outbox } from "../m365/harness.js";
import { fillDisk, mountSmallDisk } from "../support/small-disk.js";
import { useTempDir } from "../support/temp-dir.js";

const tempDir = useTempDir("store-faults-");
let build: BuiltBridge;
let graph: FakeGraph;
const running: StdioBridge[] = [];
const mounts: string[] = [];

beforeAll(async () => {
  build = await buildBridge("store-faults");
  await trustFakeGraphCertificate();
  graph = await new FakeGraph().start();
  graph.devicePendingPolls = 0;
});
afterEach(async () => {
  for (const b of running.splice(0)) await b.stop();
  for (const dir of mounts.splice(0)) execFileSync("umount", ["-l", dir]);
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

/** A small tmpfs of its own (the tests run as root, here and in CI). */
function smallDisk(kib: number): string {
  const dir = mountSmallDisk(tempDir(), kib);
  mounts.push(dir);
  return dir;
}

describe("a full disk", () => {
  it("keeps the calls that arrive meanwhile, answers every lookup, backs off, and writes each call once", async () => {
    const home = smallDisk(4096);
    await homeSignedIn(home, graph);
    const eventsBefore = graph.events.length;
    // One call waits in the outbox (Graph unavailable) while the disk fills: its passes must back off.
    graph.inject({ method: "POST", path: /\/events$/, status: 503, times: Number.POSITIVE_INFINITY });
    const b = await start(home);
    b.send(callHistory(100));
    await until("the first attempt", () => graph.requests("POST", /\/events$/).length > 0);
    const filler = fillDisk(home);
    const postsBefore = graph.requests("POST", /\/events$/).length;
    for (let i = 0; i < 20; i++) {
      b.send(callHistory(i));
      b.send(`CONTACT?^050000${String(i).padStart(4, "0")}^1^1^`);
    }
    await until("20 answers", () => b.replies.length === 20);
    expect(b.replies.every((r) => r.startsWith("NOCONTACT^050000"))).toBe(true);
    await until("20 calls kept", () => b.lines.filter((l) => l.msg === "CALLHISTORY failed").length === 20);
    expect(b.lines.find((l) => l.msg === "CALLHISTORY failed")?.reason).toBe(
      "the call could not be stored (database or disk is full); kept in the fallback journal with 0 other(s) and " +
        "stored again soon",
    );
    await new Promise((resolve) => setTimeout(resolve, 3000));
    // Passes back off (0.2 s doubling here, 30 s by default) instead of spinning.
    expect(graph.requests("POST", /\/events$/).length - postsBefore).toBeLessThanOrEqual(6);
    expect(b.lines.some((l) => /cannot rollback/.test(JSON.stringify(l)))).toBe(false);

    rmSync(filler);
    graph.clearFaults();
    // Held calls are stored again within 10 s (their retry delay's cap), then written.
    await until("21 calls written", () => graph.events.length - eventsBefore === 21, 30_000);
    const mine = graph.events.slice(eventsBefore);
    expect(new Set(mine.map((e) => e.transactionId)).size).toBe(21);
    await until("the outbox done", () => outbox(home).done === 21);
    const db = openDatabase(join(home, "bridge.db"));
    expect(new CallLog(db).recent({ limit: 100 })).toHaveLength(21);
    db.close();
  });
});

describe("pages damaged while the bridge runs", () => {
  it("answers every one of 300 lookups: NOCONTACT where the index cannot be read, and logs it", async () => {
    const home = tempDir();
    writeFileSync(join(home, "config.json"), JSON.stringify({ seedDemo: false }));
    const db = openDatabase(join(home, "bridge.db"));
    const directory = openDirectory(db, { defaultRegion: "UA" });
    db.transaction(() => {
      for (let i = 0; i < 30_000; i++) directory.upsert(contact(`Person ${i}`, [`+38050${String(3_000_000 + i)}`]));
    });
    db.close();
    const b = await start(home);
    // Overwrite every tenth leaf page of the phone index under the running bridge.
    const file = new Database(join(home, "bridge.db"), { readonly: true });
    const pages = file
      .prepare("SELECT pageno FROM dbstat WHERE name = 'contact_phones_key' AND pagetype = 'leaf' ORDER BY pageno")
      .all() as { pageno: number }[];
    const pageSize = Number(file.pragma("page_size", { simple: true }));
    file.close();
    const fd = openSync(join(home, "bridge.db"), "r+");
    for (const { pageno } of pages.filter((_, i) => i % 10 === 0))
      writeSync(fd, Buffer.alloc(pageSize, 0x5a), 0, pageSize, (pageno - 1) * pageSize);
    closeSync(fd);
    // Another process writes: the bridge's SQLite drops its page cache and reads the damaged pages from the file.
    const writer = new Database(join(home, "bridge.db"));
    writer.prepare("INSERT INTO m365_delta_state VALUES (?, ?, ?)").run("poke", "x", "y");
    writer.close();

    for (let i = 0; i < 300; i++) b.send(`CONTACT?^+38050${3_000_000 + ((i * 97) % 30_000)}^1^1^`);
    await until("300 answers", () => b.replies.length === 300);
    const failed = b.lines.filter((l) => l.msg === "CONTACT? failed");
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.length).toBeLessThan(300);
    expect(String(failed[0]!.reason)).toMatch(/^lookup of \+38050\d{7} failed: database disk image is malformed$/);
    expect(b.replies.filter((r) => r.startsWith("NOCONTACT^")).length).toBe(failed.length);
    expect(b.replies.filter((r) => /^CONTACT\^\+38050\d{7}\^1\^1\^Person \d+\^\^\^\d+\^$/.test(r)).length).toBe(
      300 - failed.length,
    );
  });
});

describe("a store that cannot be used as it is", () => {
  it("a damaged file is moved aside with the date, and local contacts come back from the last backup", async () => {
    const home = tempDir();
    writeFileSync(join(home, "config.json"), JSON.stringify({ seedDemo: false }));
    const db = openDatabase(join(home, "bridge.db"));
    openDirectory(db, { defaultRegion: "UA" }).upsert(contact("Вася Петров", ["0675355355"]));
    db.close();
    const first = await start(home); // backs the store up at start
    expect(first.lines.find((l) => l.msg === "store backed up")?.file).toMatch(
      /backups\/bridge-\d{4}-\d{2}-\d{2}\.db$/,
    );
    await first.stop();
    running.length = 0;

    const fd = openSync(join(home, "bridge.db"), "r+");
    writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, 4096); // page 2 and on: the tables' roots
    writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, 8192);
    closeSync(fd);

    const b = await start(home);
    const replaced = b.lines.find((l) => l.msg === "damaged store replaced");
    expect(replaced?.movedAside).toMatch(/bridge\.damaged-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z\.db$/);
    expect(existsSync(String(replaced?.movedAside))).toBe(true);
    expect(replaced?.restoredFrom).toMatch(/bridge-\d{4}-\d{2}-\d{2}\.db$/);
    b.send("CONTACT?^0675355355^1^1^");
    await until("the reply", () => b.replies.length === 1);
    expect(b.replies[0]).toMatch(/^CONTACT\^0675355355\^1\^1\^Вася Петров\^\^\^\d+\^$/);
  });

  it("a read-only folder: the store opens read-only, still answers, and says why with its path", async () => {
    const home = smallDisk(8192);
    writeFileSync(join(home, "config.json"), JSON.stringify({ seedDemo: false }));
    const db = openDatabase(join(home, "bridge.db"));
    openDirectory(db, { defaultRegion: "UA" }).upsert(contact("Вася Петров", ["0675355355"]));
    db.close();
    execFileSync("mount", ["-o", "remount,ro", home]);

    const b = await start(home);
    const readOnly = b.lines.find((l) => l.msg === "store opened read-only");
    expect(readOnly).toMatchObject({ path: join(home, "bridge.db") });
    expect(String(readOnly?.reason)).toMatch(/readonly|read-only|unable to open/i);
    b.send("CONTACT?^0675355355^1^1^");
    b.send(callHistory(1));
    b.send("CONTACT?^0501234567^1^1^");
    await until("2 replies", () => b.replies.length === 2);
    expect(b.replies[0]).toMatch(/^CONTACT\^0675355355\^1\^1\^Вася Петров\^\^\^\d+\^$/);
    expect(b.replies[1]).toBe("NOCONTACT^0501234567^1^1^");
  });

  it("a store that cannot be opened at all names its path, the cause and a remedy", async () => {
    const home = tempDir();
    mkdirSync(join(home, "bridge.db")); // a folder where the file should be
    const result = await runCliAsync(build.cli, ["start", "--transport", "stdio", "--no-http", "--home", home]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`cannot open the store ${join(home, "bridge.db")}: `);
  });
});

describe("two bridges on one data folder", () => {
  it("the second says who holds the folder and exits 2 before touching anything", async () => {
    const home = tempDir();
    await homeSignedIn(home, graph);
    const first = await start(home);
    const second = await runCliAsync(
      build.cli,
      ["start", "--transport", "stdio", "--no-http", "--home", home],
      GRAPH_CA,
    );
    expect(second.status).toBe(2);
    expect(second.stderr).toMatch(
      new RegExp(
        `^error: another bridge is running on ${home} \\(pid ${first.pid} on .+, since \\d{4}-.+Z\\); stop it first`,
      ),
    );
    expect(readdirSync(home).filter((f) => f.startsWith("bridge."))).toEqual(
      expect.arrayContaining(["bridge.db", "bridge.lock", "bridge.lock.json"]),
    );
  });

  it("outbox leases: two workers racing over one file write each of 25 missed calls once", async () => {
    const { startHarness } = await import("../m365/harness.js");
    const h = await startHarness();
    try {
      await h.signIn();
      const other = openDatabase(join(h.dir, "bridge.db"));
      const config = { retry: { outboxBaseSeconds: 0.2 } };
      const one = await h.startBridge({ config });
      // A second bridge on a second connection to the same file (as if the folder lock had been bypassed).
      const two = await h.startBridge({
        config,
        attach: { db: other, directory: openDirectory(other, { defaultRegion: "UA" }) },
      });
      for (let i = 0; i < 25; i++) one.transport.deliver(callHistory(i, "missed"));
      await one.core.idle();
      await Promise.all([one.m365.flushOutbox(), two.m365.flushOutbox()]);
      await until("25 tasks", () => h.graph.tasks.length >= 25);
      await until("the outbox done", () => new OutboxStore(h.db).counts().done === 25);
      expect(h.graph.tasks).toHaveLength(25);
      expect(h.graph.events).toHaveLength(25);
      expect((await one.m365.status()).outbox).toEqual({ pending: 0, done: 25, failed: 0 });
      await h.stopBridges();
      other.close();
    } finally {
      await h.close();
    }
  });
});
