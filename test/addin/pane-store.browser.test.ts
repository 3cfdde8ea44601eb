/** The pane says, and keeps saying, when the bridge had to replace a damaged store. */
import { closeSync, mkdirSync, openSync, writeSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDirectory } from "../../bridge/directory/directory.js";
import { backupStore } from "../../bridge/store/store-backup.js";
import { openDatabase } from "../../bridge/store/sqlite.js";
import { ensureAddinBuilt, haveChromium, launchChromium, openPane } from "../support/browser.js";
import { contact } from "../support/store.js";
import { startTestBridge, type TestBridge } from "./helpers.js";

let t: TestBridge;
let browser: Browser;
const haveBrowser = haveChromium("the pane's store notice");

/** A store with one contact, yesterday's backup of it, then pages 2-3 of the store overwritten. */
function damagedStoreWithBackup(dataDir: string): void {
  const db = openDatabase(join(dataDir, "bridge.db"));
  openDirectory(db, { defaultRegion: "UA" }).upsert(contact("Вася Петров", ["0675355355"]));
  mkdirSync(join(dataDir, "backups"));
  backupStore(db, join(dataDir, "backups"), new Date("2026-11-24T12:00:00Z"));
  db.close();
  const fd = openSync(join(dataDir, "bridge.db"), "r+");
  writeSync(fd, Buffer.alloc(8192, 0x5a), 0, 8192, 4096);
  closeSync(fd);
}

beforeAll(async () => {
  if (!haveBrowser) return;
  await ensureAddinBuilt();
  t = await startTestBridge("self-signed", { prepare: damagedStoreWithBackup });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

describe.skipIf(!haveBrowser)("the store notice in the pane", () => {
  it("names where the damaged store went and which backup came back; the contact answers again", async () => {
    const { page } = await openPane(browser, t.url);
    const notice = page.locator("#store-problem");
    await notice.waitFor({ state: "visible" });
    const text = await notice.textContent();
    const aside = join(t.dataDir, "bridge.damaged-");
    expect(text).toContain(`it was moved to ${aside}`);
    const backup = join(t.dataDir, "backups", "bridge-2026-11-24.db");
    // The contact index alone was damaged: the calls live in calls.db, untouched.
    const moved = text?.match(/moved to (\S+) and/)?.[1];
    expect(text).toBe(
      `The contact index ${join(t.dataDir, "bridge.db")} was damaged: it was moved to ${moved} and restored from ` +
        `the backup ${backup}; Microsoft 365 contacts come back by a full sync. The calls were not touched.`,
    );
    t.transport.deliver("CONTACT?^0675355355^1^1^");
    await t.bridge.core.idle();
    expect(t.transport.sent.at(-1)).toMatch(/^CONTACT\^0675355355\^1\^1\^Вася Петров\^\^\^\d+\^$/);
  });
});
