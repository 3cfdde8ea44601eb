/**
 * Microsoft 365 sync: 100 000 contacts in three folders from the fake Graph (in its own process, over HTTPS) with
 * the real SDKs; an incremental delta of 100; then a full resync while TelefUM keeps asking: how late a lookup
 * answers while the sync writes (the event loop's delay plus the lookup). Also the RSS after the sync.
 * Run alone: `node --import tsx bench/m365-bench.ts`.
 */
import { join } from "node:path";
import { inTempDir } from "./temp-dir.js";
import { pathToFileURL } from "node:url";
import { openDirectory, type Directory } from "../bridge/directory/directory.js";
import { silentLogger } from "../bridge/log/log.js";
import { parseM365Config } from "../bridge/m365/config.js";
import { ContactSync } from "../bridge/m365/sources/contact-sync.js";
import { openDatabase } from "../bridge/store/sqlite.js";
import { signInToFakeGraph, trustFakeGraphCertificate } from "../test/fakes/graph/index.js";
import { benchNumber, FakeGraphProcess } from "./fake-graph-client.js";
import { formatSummary, summarise } from "./stats.js";

const SYNC_SIZE = Number(process.env.BENCH_SYNC_SIZE ?? 100_000);

/**
 * Asks the directory every 2 ms while `work` runs; each sample is how late the timer fired plus the lookup. `own`
 * counts only the part this process spent on the CPU meanwhile (on a shared machine the rest is other processes).
 */
async function lookupsDuring(directory: Directory, work: Promise<unknown>): Promise<{ wall: number[]; own: number[] }> {
  const wall: number[] = [];
  const own: number[] = [];
  let done = false;
  void work.finally(() => (done = true));
  let k = 0;
  while (!done) {
    const cpu = process.cpuUsage();
    const due = performance.now() + 2;
    await new Promise((resolve) => setTimeout(resolve, 2));
    directory.lookup(benchNumber((k++ * 7919) % SYNC_SIZE));
    const late = Math.max(0, performance.now() - due);
    const used = process.cpuUsage(cpu);
    wall.push(late);
    own.push(Math.min(late, Math.max(0, (used.user + used.system) / 1000 - 2)));
  }
  await work;
  return { wall, own };
}

async function syncBench(dir: string): Promise<void> {
  await trustFakeGraphCertificate();
  const { fake, config: raw } = await FakeGraphProcess.start();
  try {
    await fake.call("contacts", SYNC_SIZE);
    const config = parseM365Config(raw);
    const { client } = await signInToFakeGraph(config, join(dir, "cache.json"));
    const db = openDatabase(join(dir, "sync.db"));
    const directory = openDirectory(db, { defaultRegion: "UA" });
    const sync = new ContactSync(client, directory, db, silentLogger, config.sync.pageSize);
    let t = performance.now();
    const full = await sync.syncAll();
    const fullMs = performance.now() - t;
    const rssAfterSync = process.memoryUsage().rss / 2 ** 20;
    await fake.call("lateContacts", 100);
    t = performance.now();
    await sync.syncAll();
    const incrementalMs = performance.now() - t;
    const pages = full.folders.reduce((n, f) => n + f.pages, 0);
    console.log(
      `m365 sync: ${directory.count("outlook") - 100} contacts in ${full.folders.length} folders, ` +
        `${pages} pages of ${config.sync.pageSize}: full ${(fullMs / 1000).toFixed(2)} s, ` +
        `incremental (+100) ${incrementalMs.toFixed(0)} ms; rss after the sync ${rssAfterSync.toFixed(0)} MiB`,
    );
    // A full resync (as after 410 Gone): every folder enumerated again, every contact rewritten.
    db.exec("DELETE FROM m365_delta_state");
    t = performance.now();
    const during = await lookupsDuring(directory, sync.syncAll());
    console.log(
      `${formatSummary("lookup during a full resync", summarise(during.wall))} ` +
        `(resync ${((performance.now() - t) / 1000).toFixed(2)} s)`,
    );
    console.log(formatSummary("  of which this process on the CPU", summarise(during.own)));
    db.close();
  } finally {
    fake.stop();
  }
}

export async function runM365Bench(): Promise<void> {
  await inTempDir("m365-bench-", syncBench);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runM365Bench();
}
