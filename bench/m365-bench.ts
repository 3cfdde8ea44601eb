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
import { type Database, openDatabase } from "../bridge/store/sqlite.js";
import { signInToFakeGraph, trustFakeGraphCertificate } from "../test/fakes/graph/index.js";
import { benchNumber, FakeGraphProcess } from "./fake-graph-client.js";
import { recordFigure } from "./figures.js";
import { formatSummary, summarise } from "./stats.js";
import { floorSync } from "./sync-floor.js";

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

/** The same loop as lookupsDuring with nothing syncing: the floor of the lookup figure during a resync. */
function idleLookups(directory: Directory, ms: number): Promise<{ wall: number[]; own: number[] }> {
  return lookupsDuring(directory, new Promise((resolve) => setTimeout(resolve, ms)));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Runs of the first sync and of its floor, alternated, each on a fresh store: medians of three. */
const RUNS = Number(process.env.BENCH_SYNC_RUNS ?? 3);

async function syncBench(dir: string): Promise<void> {
  const rssBefore = process.memoryUsage().rss / 2 ** 20;
  await trustFakeGraphCertificate();
  const { fake, config: raw } = await FakeGraphProcess.start();
  try {
    await fake.call("contacts", SYNC_SIZE);
    const config = parseM365Config(raw);
    const { auth, client } = await signInToFakeGraph(config, join(dir, "cache.json"));
    const open = (name: string): { db: Database; directory: Directory } => {
      const db = openDatabase(join(dir, `${name}.db`));
      return { db, directory: openDirectory(db, { defaultRegion: "UA" }) };
    };
    // Whichever runs first would pay for loading the phone number metadata: load it before either is timed.
    const warm = open("warm");
    warm.directory.lookup(benchNumber(0));
    warm.db.close();
    const syncTimes: number[] = [];
    const floorTimes: number[] = [];
    let synced: { db: Database; directory: Directory; sync: ContactSync } | undefined;
    let full: Awaited<ReturnType<ContactSync["syncAll"]>> | undefined;
    let rssAfterSync = 0;
    for (let run = 0; run < RUNS; run++) {
      const floorStore = open(`floor-${run}`);
      const token = await auth.getToken();
      const folderIds = await plainFolderIds(config.graphBaseUrl, token);
      let t = performance.now();
      const floorCount = await floorSync({
        graphBaseUrl: config.graphBaseUrl,
        token,
        folderIds,
        ...floorStore,
        pageSize: config.sync.pageSize,
      });
      floorTimes.push(performance.now() - t);
      if (floorCount !== SYNC_SIZE) throw new Error(`the floor wrote ${floorCount} contacts, not ${SYNC_SIZE}`);
      floorStore.db.close();

      synced?.db.close();
      const store = open(`sync-${run}`);
      const sync = new ContactSync(client, store.directory, store.db, silentLogger, config.sync.pageSize);
      t = performance.now();
      full = await sync.syncAll();
      syncTimes.push(performance.now() - t);
      rssAfterSync = process.memoryUsage().rss / 2 ** 20;
      synced = { ...store, sync };
    }
    const { db, directory, sync } = synced!;
    const fullMs = median(syncTimes);
    await fake.call("lateContacts", 100);
    let t = performance.now();
    await sync.syncAll();
    const incrementalMs = performance.now() - t;
    const pages = full!.folders.reduce((n, f) => n + f.pages, 0);
    console.log(
      `m365 sync: ${directory.count("outlook") - 100} contacts in ${full!.folders.length} folders, ` +
        `${pages} pages of ${config.sync.pageSize}: full ${(fullMs / 1000).toFixed(2)} s ` +
        `(runs ${syncTimes.map((ms) => (ms / 1000).toFixed(2)).join(", ")} s; ` +
        `floor runs ${floorTimes.map((ms) => (ms / 1000).toFixed(2)).join(", ")} s), ` +
        `incremental (+100) ${incrementalMs.toFixed(0)} ms; rss after the sync ${rssAfterSync.toFixed(0)} MiB`,
    );
    recordFigure({
      name: `initial sync of ${SYNC_SIZE / 1000}k from the fake Graph`,
      value: fullMs / 1000,
      floorName: "plain fetch + JSON + one transaction",
      floor: median(floorTimes) / 1000,
      unit: "s",
      goalRatio: 2,
    });
    // What the store may keep in memory by design: SQLite's page cache of each attached file, as configured.
    const cacheMiB = storeCacheMiB(db);
    recordFigure({
      name: `RSS grown over a ${SYNC_SIZE / 1000}k sync`,
      value: rssAfterSync - rssBefore,
      floorName: "the store's own page cache",
      floor: cacheMiB,
      unit: "MiB",
      goalRatio: 1.5,
    });
    // The same lookup loop with nothing syncing, then during a full resync (as after 410 Gone): every folder
    // enumerated again, every contact rewritten.
    const idle = summarise((await idleLookups(directory, 3000)).wall);
    db.exec("DELETE FROM m365_delta_state");
    t = performance.now();
    const during = await lookupsDuring(directory, sync.syncAll());
    const busy = summarise(during.wall);
    console.log(formatSummary("lookup with nothing syncing", idle));
    console.log(
      `${formatSummary("lookup during a full resync", busy)} (resync ${((performance.now() - t) / 1000).toFixed(2)} s)`,
    );
    console.log(formatSummary("  of which this process on the CPU", summarise(during.own)));
    const name = `lookup during a ${SYNC_SIZE / 1000}k resync`;
    recordFigure({
      name: `${name}: p99`,
      value: busy.p99Ms,
      floorName: "idle p99",
      floor: idle.p99Ms,
      unit: "ms",
      goalRatio: 2,
    });
    recordFigure({
      name: `${name}: max`,
      value: busy.maxMs,
      floorName: "idle p99",
      floor: idle.p99Ms,
      unit: "ms",
      goalRatio: 10,
    });
    db.close();
  } finally {
    fake.stop();
  }
}

/** The floor's folders by plain fetch: the default folder by its well-known name and every other one by delta. */
async function plainFolderIds(graphBaseUrl: string, token: string): Promise<string[]> {
  const get = async (url: string): Promise<Record<string, unknown>> => {
    const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    return (await response.json()) as Record<string, unknown>;
  };
  const ids = [String((await get(`${graphBaseUrl}/v1.0/me/contactFolders/contacts?$select=id`)).id)];
  let url: string | undefined = `${graphBaseUrl}/v1.0/me/contactFolders/delta?$select=id`;
  while (url) {
    const page = await get(url);
    for (const folder of page.value as { id: string }[]) if (!ids.includes(folder.id)) ids.push(folder.id);
    url = page["@odata.nextLink"] as string | undefined;
  }
  return ids;
}

function storeCacheMiB(db: Database): number {
  const files = db.prepare("PRAGMA database_list").all() as { name: string }[];
  let bytes = 0;
  for (const { name } of files) {
    const pageSize = Number((db.prepare(`PRAGMA ${name}.page_size`).get() as { page_size: number }).page_size);
    const size = Number((db.prepare(`PRAGMA ${name}.cache_size`).get() as { cache_size: number }).cache_size);
    // Negative: a size in KiB; positive: a number of pages.
    bytes += size < 0 ? -size * 1024 : size * pageSize;
  }
  return bytes / 2 ** 20;
}

export async function runM365Bench(): Promise<void> {
  await inTempDir("m365-bench-", syncBench);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runM365Bench();
}
