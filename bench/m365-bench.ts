/**
 * Microsoft 365 sync time: 10 000 contacts in three folders from the fake Graph over HTTPS with the real SDKs,
 * then an incremental delta of 100. (Lookup latency at 100k contacts is bench/lookup.ts.)
 * Run alone: `node --import tsx bench/m365-bench.ts`.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Directory } from "../bridge/directory/directory.js";
import { silentLogger } from "../bridge/log.js";
import { M365Auth } from "../bridge/m365/auth.js";
import { parseM365Config } from "../bridge/m365/config.js";
import { ContactSync } from "../bridge/m365/contact-sync.js";
import { createGraphClient } from "../bridge/m365/graph-client.js";
import { fileCachePlugin } from "../bridge/m365/token-cache.js";
import { openDatabase } from "../bridge/store/sqlite.js";
import { FakeGraph } from "../test/fakes/graph/fake-graph.js";
import { trustFakeGraphCertificate } from "../test/fakes/graph/trust.js";

const SYNC_SIZE = 10_000;

function number(i: number): string {
  return `+38067${String(1_000_000 + i).padStart(7, "0")}`;
}

async function syncBench(dir: string): Promise<void> {
  await trustFakeGraphCertificate();
  const graph = await new FakeGraph().start();
  try {
    graph.devicePendingPolls = 0;
    const folders = [graph.defaultFolderId, graph.addFolder("Work"), graph.addFolder("Suppliers")];
    for (let i = 0; i < SYNC_SIZE; i++) {
      graph.addContact({
        parentFolderId: folders[i % folders.length],
        displayName: `Person ${i}`,
        companyName: `Company ${i % 50}`,
        mobilePhone: number(i),
        businessPhones: [`044 ${String(3_000_000 + i).slice(-7)}`],
        personalNotes: "Customer",
      });
    }
    const config = parseM365Config(graph.microsoft365Config("bench"));
    const auth = new M365Auth(config, { cachePlugin: fileCachePlugin(join(dir, "cache.json")), log: silentLogger });
    await auth.signInWithDeviceCode(() => undefined);
    const db = openDatabase(join(dir, "sync.db"));
    const directory = new Directory(db, { defaultRegion: "UA" });
    const client = createGraphClient({
      baseUrl: graph.url,
      tokens: auth,
      readRetries: 3,
      maxInlineDelaySeconds: 30,
      requestTimeoutSeconds: 30,
    });
    const sync = new ContactSync(client, directory, db, silentLogger, config.sync.pageSize);
    let t = performance.now();
    const full = await sync.syncAll();
    const fullMs = performance.now() - t;
    for (let i = 0; i < 100; i++) graph.addContact({ displayName: `Late ${i}`, mobilePhone: number(SYNC_SIZE + i) });
    t = performance.now();
    await sync.syncAll();
    const incrementalMs = performance.now() - t;
    const pages = full.folders.reduce((n, f) => n + f.pages, 0);
    console.log(
      `m365 sync: ${directory.count("outlook") - 100} contacts in ${folders.length} folders, ` +
        `${pages} pages of ${config.sync.pageSize}: ` +
        `full ${(fullMs / 1000).toFixed(2)} s, incremental (+100) ${incrementalMs.toFixed(0)} ms`,
    );
    db.close();
  } finally {
    await graph.stop();
  }
}

export async function runM365Bench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "m365-bench-"));
  try {
    await syncBench(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runM365Bench();
}
