/** Shared set-up for the Microsoft 365 tests: the fake Graph over HTTPS, a temp data folder, a signed-in MSAL. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Directory } from "../../bridge/directory/directory.js";
import { silentLogger } from "../../bridge/log.js";
import { openDatabase, type Database } from "../../bridge/store/sqlite.js";
import { M365Auth } from "../../bridge/m365/auth.js";
import { parseM365Config, type M365Config } from "../../bridge/m365/config.js";
import { fileCachePlugin } from "../../bridge/m365/token-cache.js";
import { FakeGraph } from "../fakes/graph/fake-graph.js";
import { trustFakeGraphCertificate } from "../fakes/graph/trust.js";

export const CLIENT_ID = "00000000-0000-0000-0000-00000000c11e";

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
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  await trustFakeGraphCertificate();
  const graph = await new FakeGraph().start();
  graph.devicePendingPolls = 0;
  const dir = mkdtempSync(join(tmpdir(), "m365-test-"));
  const dbPath = join(dir, "bridge.db");
  let db = openDatabase(dbPath);
  const directory = new Directory(db, { defaultRegion: "UA" });
  const cacheFile = join(dir, "msal-cache.json");
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
      const auth = new M365Auth(config, { cachePlugin: fileCachePlugin(cacheFile), log: silentLogger });
      await auth.signInWithDeviceCode(() => undefined);
      return auth;
    },
    reopenDb() {
      db.close();
      db = openDatabase(dbPath);
      harness.db = db;
      harness.directory = new Directory(db, { defaultRegion: "UA" });
      return db;
    },
    async close() {
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
