/**
 * Recovery of the call outbox: 50 calls queue while Graph fails one way (500, 503 with Retry-After, a hung
 * socket, a refused token, a proxy's HTML 200), then Graph recovers; the figure is the time from the recovery to
 * the last queued call written, with the requests Graph saw meanwhile. The real core, session, outbox and SDKs
 * against the fake Graph over HTTPS, with short retry settings (printed) so a run takes seconds, not minutes.
 * Then the request economy of a backlog: calls of known contacts queued while the network is down, drained once it
 * is back; the figure is the HTTP requests per call (a $batch counts once), its floor one request a call.
 * Run alone: `node --import tsx bench/m365-recovery.ts`.
 */
import { mkdtempSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { inTempDir } from "./temp-dir.js";
import { pathToFileURL } from "node:url";
import { CallLog } from "../bridge/calls/call-log.js";
import { BridgeCore } from "../bridge/core/bridge-core.js";
import { openDirectory } from "../bridge/directory/directory.js";
import { silentLogger } from "../bridge/log/log.js";
import { parseM365Config } from "../bridge/m365/config.js";
import { attachMicrosoft365 } from "../bridge/m365/index.js";
import { OutboxStore } from "../bridge/m365/outbox/outbox-store.js";
import { fileCachePlugin } from "../bridge/m365/auth/token-cache.js";
import { openDatabase } from "../bridge/store/sqlite.js";
import { LoopbackTransport } from "../bridge/transport/loopback.js";
import { type FakeGraph, type Fault, signInToFakeGraph, startFakeGraph } from "../test/fakes/graph/index.js";
import { recordFigure } from "./figures.js";

const CALLS = 50;
const FAULT_MS = 4000;
const RETRY = { outboxBaseSeconds: 1, outboxMaxSeconds: 8, requestTimeoutSeconds: 2 };
const EVENTS = /\/events$/;
const BACKLOG = 1000;

interface FaultKind {
  name: string;
  /** Makes Graph fail; returns the recovery. */
  inject(graph: FakeGraph): () => void;
}

/** Graph answers every event POST with the fault until it recovers. */
function failing(fault: Omit<Fault, "path" | "method" | "times">): FaultKind["inject"] {
  return (graph) => {
    graph.inject({ method: "POST", path: EVENTS, times: Number.POSITIVE_INFINITY, ...fault });
    return () => graph.clearFaults();
  };
}

const KINDS: FaultKind[] = [
  { name: "500", inject: failing({ status: 500 }) },
  { name: "503 + Retry-After 3", inject: failing({ status: 503, retryAfterSeconds: 3 }) },
  { name: "hang", inject: (graph) => graph.hold(EVENTS) },
  { name: "401 (token refused)", inject: failing({ status: 401 }) },
  { name: "HTML 200 (proxy)", inject: failing({ status: 200, answer: "html" }) },
];

/** A bridge signed in to the fake Graph on a fresh store in `home`: core, loopback TelefUM and Microsoft 365. */
async function signedInBridge(raw: unknown, home: string) {
  const cacheFile = join(home, "cache.json");
  await signInToFakeGraph(parseM365Config(raw), cacheFile);
  const db = openDatabase(join(home, "bridge.db"));
  const directory = openDirectory(db, { defaultRegion: "UA" });
  const transport = new LoopbackTransport();
  const core = new BridgeCore({ directory, callLog: new CallLog(db), transport });
  await core.start();
  const m365 = await attachMicrosoft365({
    config: parseM365Config(raw),
    dataDir: home,
    recordings: { folders: [home], maxBytes: 20 * 1024 * 1024 },
    db,
    directory,
    core,
    log: silentLogger,
    cachePlugin: fileCachePlugin(cacheFile),
  });
  return { db, directory, transport, core, m365 };
}

async function recovery(kind: FaultKind, dir: string): Promise<string> {
  const graph = await startFakeGraph({ devicePendingPolls: 0 });
  const home = mkdtempSync(join(dir, "run-"));
  const raw = graph.microsoft365Config("bench", { retry: RETRY, calls: { missedCallTask: false } });
  const { db, transport, core, m365 } = await signedInBridge(raw, home);
  try {
    const recover = kind.inject(graph);
    for (let i = 0; i < CALLS; i++) {
      const minute = String(i % 60).padStart(2, "0");
      transport.deliver(`CALLHISTORY^+38067${3_000_000 + i}^out^True^2026-11-25 10:${minute}:00^0:01:00^^`);
    }
    await core.idle();
    await sleep(FAULT_MS);
    const duringFault = graph.requests("POST", EVENTS).length;
    const outbox = new OutboxStore(db);
    const t0 = performance.now();
    recover();
    while (outbox.counts().done < CALLS) {
      if (performance.now() - t0 > 120_000) throw new Error(`${kind.name}: not recovered after 120 s`);
      await sleep(10);
    }
    const ms = performance.now() - t0;
    const posts = graph.requests("POST", EVENTS).length;
    const events = new Set(graph.events.map((e) => e.transactionId)).size;
    return (
      `${kind.name.padEnd(22)} recovery → last of ${CALLS} calls written: ${(ms / 1000).toFixed(2)} s; ` +
      `event POSTs during ${FAULT_MS / 1000} s of fault ${duringFault}, after ${posts - duringFault}; ` +
      `events ${events}/${graph.events.length}`
    );
  } finally {
    await m365.stop();
    await core.stop();
    db.close();
    await graph.stop();
  }
}

/** A backlog of `BACKLOG` calls (a quarter missed) from 10 known contacts, drained after an outage. */
async function backlogRequests(dir: string): Promise<void> {
  const graph = await startFakeGraph({ devicePendingPolls: 0 });
  const home = mkdtempSync(join(dir, "backlog-"));
  const raw = graph.microsoft365Config("bench", { retry: RETRY });
  for (let i = 0; i < 10; i++) graph.addContact({ displayName: `Client ${i}`, mobilePhone: `+38067${4_000_000 + i}` });
  const { db, transport, core, m365 } = await signedInBridge(raw, home);
  try {
    await m365.syncNow();
    graph.networkDown = true;
    for (let i = 0; i < BACKLOG; i++) {
      const start = new Date(Date.UTC(2026, 10, 25, 8, i)).toISOString().slice(0, 19).replace("T", " ");
      const answered = i % 4 === 0 ? "False" : "True";
      transport.deliver(`CALLHISTORY^+38067${4_000_000 + (i % 10)}^in^${answered}^${start}^0:00:30^^`);
    }
    await core.idle();
    const outbox = new OutboxStore(db);
    const mark = graph.log.length;
    const t0 = performance.now();
    graph.networkDown = false;
    while (outbox.counts().done < BACKLOG) {
      if (performance.now() - t0 > 300_000) throw new Error("backlog: not drained after 300 s");
      await m365.flushOutbox();
    }
    const ms = performance.now() - t0;
    const requests = graph.log.slice(mark).filter((e) => !e.batched && e.path.startsWith("/v1.0/")).length;
    const events = new Set(graph.events.map((e) => e.transactionId)).size;
    console.log(
      `backlog of ${BACKLOG} calls of known contacts (a quarter missed): drained in ${(ms / 1000).toFixed(2)} s, ` +
        `${requests} requests (the first call's calendar and list included); events ${events}/${graph.events.length}`,
    );
    recordFigure({
      name: `Graph requests per call, a backlog of ${BACKLOG} calls drained`,
      value: requests / BACKLOG,
      floorName: "one request a call",
      floor: 1,
      unit: "requests",
      goalRatio: 2.01,
    });
  } finally {
    await m365.stop();
    await core.stop();
    db.close();
    await graph.stop();
  }
}

export async function runRecoveryBench(): Promise<void> {
  console.log(`retry settings: ${JSON.stringify(RETRY)}`);
  await inTempDir("m365-recovery-", async (dir) => {
    for (const kind of KINDS) console.log(await recovery(kind, dir));
    await backlogRequests(dir);
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runRecoveryBench();
}
