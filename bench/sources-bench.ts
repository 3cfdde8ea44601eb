/**
 * Microsoft 365 sources at organisation scale: 100 000 directory users by /users/delta (the first sync, a pass of
 * 100 changes, a pass with nothing changed), a shared mailbox of 12 folders, 500 organisation contacts, the user's
 * own contacts in 1, 4 and 12 folders; requests Graph received (a $batch counts once), time, and this process's
 * peak RSS (the fake Graph runs in a child process). A pass with nothing changed is a figure in requests, its
 * floor the one request any pass must make.
 * Run alone: `node --import tsx bench/sources-bench.ts`.
 */
import { join } from "node:path";
import { inTempDir } from "./temp-dir.js";
import { pathToFileURL } from "node:url";
import { openDirectory } from "../bridge/directory/directory.js";
import { parseM365Config } from "../bridge/m365/config.js";
import { DeltaStateStore } from "../bridge/store/delta-state.js";
import { directoryUsers } from "../bridge/m365/sources/directory-users.js";
import { GraphReader } from "../bridge/m365/sources/graph-reader.js";
import { orgContacts } from "../bridge/m365/sources/org-contacts.js";
import { sharedMailbox } from "../bridge/m365/sources/shared-mailbox.js";
import type { SyncSource } from "../bridge/m365/sources/source.js";
import { openDatabase } from "../bridge/store/sqlite.js";
import { signInToFakeGraph, trustFakeGraphCertificate } from "../test/fakes/graph/index.js";
import { FakeGraphProcess } from "./fake-graph-client.js";
import { recordFigure } from "./figures.js";
import { ContactSync } from "../bridge/m365/sources/contact-sync.js";
import { silentLogger } from "../bridge/log/log.js";

const USERS = 100_000;
const MB = 1024 * 1024;

/** Peak RSS while `run` runs, sampled every 10 ms. */
async function measured(fake: FakeGraphProcess, run: () => Promise<void>) {
  const before = await fake.call("requests");
  let peak = process.memoryUsage.rss();
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 10);
  const t = performance.now();
  await run();
  const ms = performance.now() - t;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage.rss());
  return { ms, requests: (await fake.call("requests")) - before, peakMb: peak / MB };
}

function line(label: string, r: { ms: number; requests: number }): string {
  const time = r.ms >= 1000 ? `${(r.ms / 1000).toFixed(2)} s` : `${r.ms.toFixed(0)} ms`;
  return `${label}: ${r.requests} request${r.requests === 1 ? "" : "s"}, ${time}`;
}

async function sourcesBench(dir: string): Promise<void> {
  await trustFakeGraphCertificate();
  const { fake, config: raw } = await FakeGraphProcess.start();
  try {
    await fake.call("users", USERS);
    await fake.call("mailbox", 12);
    await fake.call("orgContacts", 500);
    const config = parseM365Config(raw);
    const { client } = await signInToFakeGraph(config, join(dir, "cache.json"));
    const db = openDatabase(join(dir, "sources.db"));
    const directory = openDirectory(db, { defaultRegion: "UA" });
    const deps = { reader: new GraphReader(client, config.retry), directory, db, state: new DeltaStateStore(db) };
    const rssAtStart = process.memoryUsage.rss() / MB;

    const users = directoryUsers(deps);
    const full = await measured(fake, () => users.sync());
    console.log(
      `${line(`directory: first sync of ${directory.count("directory")} users`, full)}, ` +
        `peak RSS ${full.peakMb.toFixed(0)} MB (${rssAtStart.toFixed(0)} MB before)`,
    );
    await fake.call("changeUsers", 100);
    console.log(line("directory: a pass of 100 changes", await measured(fake, () => users.sync())));
    const quiet = await measured(fake, () => users.sync());
    console.log(line("directory: a pass with nothing changed", quiet));
    nothingChanged("directory (/users/delta)", quiet.requests);

    const others: [string, SyncSource][] = [
      [
        "shared mailbox (12 folders, 600 contacts)",
        sharedMailbox("reception@contoso.test", { ...deps, pageSize: 999 }),
      ],
      ["organisation contacts (500)", orgContacts(deps)],
    ];
    for (const [label, source] of others) {
      const first = await measured(fake, () => source.sync());
      const idle = await measured(fake, () => source.sync());
      console.log(`${line(`${label}: first sync`, first)}; ${line("nothing changed", idle)}`);
      nothingChanged(label, idle.requests);
    }
    const own = new ContactSync(client, directory, db, silentLogger, config.sync.pageSize, undefined, deps.reader);
    for (const count of [1, 4, 12]) {
      await fake.call("folders", count);
      const first = await measured(fake, async () => void (await own.syncAll()));
      const idle = await measured(fake, async () => void (await own.syncAll()));
      const label = `own contacts (${count} folder${count === 1 ? "" : "s"})`;
      console.log(`${line(`${label}: a pass over new folders`, first)}; ${line("nothing changed", idle)}`);
      nothingChanged(label, idle.requests);
    }
    console.log(`peak RSS of the whole run: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
    db.close();
  } finally {
    fake.stop();
  }
}

/** Issue 24's goal: one request for a pass with nothing changed, whatever the source and its folders. */
function nothingChanged(source: string, requests: number): void {
  recordFigure({
    name: `Graph requests, a pass with nothing changed: ${source}`,
    value: requests,
    floorName: "one request",
    floor: 1,
    unit: "requests",
    goalRatio: 1,
  });
}

export async function runSourcesBench(): Promise<void> {
  await inTempDir("m365-sources-bench-", sourcesBench);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runSourcesBench();
}
