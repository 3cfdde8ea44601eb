/** Shared set-up for the Microsoft 365 tests: the fake Graph over HTTPS, a temp data folder, a signed-in MSAL. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";
import { CallLog } from "../../bridge/calls/call-log.js";
import { BridgeCore } from "../../bridge/core/bridge-core.js";
import { EventHub, type BridgeEvent } from "../../bridge/core/events.js";
import { openDirectory, type Directory } from "../../bridge/directory/directory.js";
import type { Language } from "../../bridge/i18n/i18n.js";
import { attachMicrosoft365, type AttachMicrosoft365Options, type Microsoft365 } from "../../bridge/m365/index.js";
import { LoopbackTransport } from "../../bridge/transport/loopback.js";
import { silentLogger } from "../../bridge/log/log.js";
import { openDatabase, type Database } from "../../bridge/store/sqlite.js";
import { OutboxStore } from "../../bridge/m365/outbox/outbox-store.js";
import type { M365Auth } from "../../bridge/m365/auth/auth.js";
import { parseM365Config, type M365Config } from "../../bridge/m365/config.js";
import { fileCachePlugin } from "../../bridge/m365/auth/token-cache.js";
import { type FakeGraph, signInToFakeGraph, startFakeGraph } from "../fakes/graph/index.js";

export const CLIENT_ID = "00000000-0000-0000-0000-00000000c11e";

/** A bridge core with the Microsoft 365 module attached, on the harness's store and token cache file. */
export interface HarnessBridge {
  core: BridgeCore;
  m365: Microsoft365;
  transport: LoopbackTransport;
  events: BridgeEvent[];
  /** What the module asked to open in a browser. */
  urls: string[];
  /** What it asked to run (classic Outlook). */
  commands: { file: string; args: string[] }[];
}

export interface HarnessBridgeOptions {
  /** Merged into the `microsoft365` config section. */
  config?: Record<string, unknown>;
  attach?: Partial<AttachMicrosoft365Options>;
}

export interface Harness {
  graph: FakeGraph;
  dir: string;
  db: Database;
  directory: Directory;
  rawConfig(extra?: Record<string, unknown>): Record<string, unknown>;
  config(extra?: Record<string, unknown>): M365Config;
  cacheFile: string;
  signIn(config?: M365Config): Promise<M365Auth>;
  reopenDb(): Database;
  /** Starts a bridge; close() (or stopBridges()) stops it. */
  startBridge(options?: HarnessBridgeOptions): Promise<HarnessBridge>;
  /** Stops every bridge started so far, as a crash or restart would. */
  stopBridges(): Promise<void>;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const graph = await startFakeGraph({ devicePendingPolls: 0 });
  const dir = mkdtempSync(join(tmpdir(), "m365-test-"));
  const dbPath = join(dir, "bridge.db");
  let db = openDatabase(dbPath);
  const directory = openDirectory(db, { defaultRegion: "UA", language: "en" });
  const cacheFile = join(dir, "msal-cache.json");
  let bridges: HarnessBridge[] = [];
  const harness: Harness = {
    graph,
    dir,
    db,
    directory,
    cacheFile,
    rawConfig(extra = {}) {
      return graph.microsoft365Config(CLIENT_ID, extra);
    },
    config(extra = {}) {
      return parseM365Config(harness.rawConfig(extra));
    },
    async signIn(config = harness.config()) {
      return (await signInToFakeGraph(config, cacheFile)).auth;
    },
    reopenDb() {
      db.close();
      db = openDatabase(dbPath);
      harness.db = db;
      harness.directory = openDirectory(db, { defaultRegion: "UA", language: "en" });
      return db;
    },
    async startBridge(options = {}) {
      const transport = new LoopbackTransport();
      const hub = new EventHub();
      const events: BridgeEvent[] = [];
      hub.on((e) => events.push(e));
      const core = new BridgeCore({
        directory: harness.directory,
        callLog: new CallLog(harness.db),
        transport,
        events: hub,
        // The spec's web variant (b): these tests follow a contact into Outlook.
        createCard: { mode: "create-and-open" },
      });
      await core.start();
      const urls: string[] = [];
      const commands: { file: string; args: string[] }[] = [];
      const m365 = await attachMicrosoft365({
        config: harness.config(options.config),
        dataDir: dir,
        // Recordings may come from the harness folder (the tests write them there).
        recordings: { folders: [dir], maxBytes: 20 * 1024 * 1024 },
        db: harness.db,
        directory: harness.directory,
        core,
        log: silentLogger,
        cachePlugin: fileCachePlugin(cacheFile),
        commandRunner: { run: async (file, args) => void commands.push({ file, args }) },
        openUrl: async (url) => void urls.push(url),
        ...options.attach,
      });
      const bridge = { core, m365, transport, events, urls, commands };
      bridges.push(bridge);
      return bridge;
    },
    async stopBridges() {
      for (const bridge of bridges) {
        await bridge.m365.stop();
        await bridge.core.stop();
      }
      bridges = [];
    },
    async close() {
      await harness.stopBridges();
      await graph.stop();
      try {
        harness.db.close();
      } catch {
        // already closed
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return harness;
}

/** Ukrainian mobile numbers that are all different: 067 000 00 00 + i. */
export function mobile(i: number): string {
  return `+38067${String(1_000_000 + i).padStart(7, "0")}`;
}

/** The Outlook on the web link template of webBridge's cards. */
export const WEB = "https://outlook.example/people/{id}";

/** A bridge that opens Outlook contacts on the web (WEB) and retries the outbox after a second. */
export function webBridge(h: Harness, extra: Record<string, unknown> = {}, language?: Language) {
  return h.startBridge({
    config: { card: { webUrlTemplate: WEB }, retry: { outboxBaseSeconds: 1 }, ...extra },
    attach: language ? { language } : {},
  });
}

/** Signs in once (token cache file), then starts a webBridge that picks the sign-in up from the cache, synced. */
export async function signedInWebBridge(h: Harness, extra: Record<string, unknown> = {}, language?: Language) {
  await h.signIn();
  const r = await webBridge(h, extra, language);
  expect((await r.m365.status()).signedIn).toBe(true);
  await r.m365.syncNow();
  return r;
}

/** Hands TelefUM's text to the bridge and waits until the core has answered and done with it. */
export async function deliver(r: { core: BridgeCore; transport: LoopbackTransport }, text: string) {
  r.transport.deliver(text);
  await r.core.idle();
}

/** The outbox's counts in a bridge's data folder, read through a connection of the test's own. */
export function outbox(home: string): Record<string, number> {
  const db = openDatabase(join(home, "bridge.db"));
  try {
    return new OutboxStore(db).counts();
  } finally {
    db.close();
  }
}

/** Every event once: as many as calls, no transactionId twice. */
export function expectEventsOnce(graph: FakeGraph, count: number): void {
  expect(graph.events).toHaveLength(count);
  expect(new Set(graph.events.map((e) => e.transactionId)).size).toBe(count);
}

/** The HTTP requests Graph got (a $batch counts once) since `mark`, an index into the fake's log. */
export function requestsSince(h: Harness, mark: number): string[] {
  return h.graph.log
    .slice(mark)
    .filter((e) => !e.batched && e.path.startsWith("/v1.0/"))
    .map((e) => `${e.method} ${e.path}`);
}
