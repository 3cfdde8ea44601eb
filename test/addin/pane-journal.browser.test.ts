/**
 * Calls TelefUM reports while the data folder is read-only: a real bridge process with its web server, its data
 * folder on a read-only tmpfs. `/api/status` counts them in the fallback journal and names it, the pane says so in
 * Ukrainian (1, 3, 5 calls: each plural form), and once the folder is writable again the bridge notices by itself,
 * the notice goes and each call is in the call log exactly once.
 */
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API, TOKEN_HEADER, TOKEN_META } from "../../bridge/api-contract/paths.js";
import { openDatabase } from "../../bridge/store/sqlite.js";
import { ensureAddinBuilt, haveChromium, launchChromium, openPane } from "../support/browser.js";
import { type BuiltBridge, buildBridge, startCli } from "../support/built-cli.js";
import { callHistory } from "../support/stdio-bridge.js";
import { useTempDir } from "../support/temp-dir.js";

const tempDir = useTempDir("pane-journal-");
const haveBrowser = haveChromium("the pane's journal notice");

let build: BuiltBridge;
let bridge: Awaited<ReturnType<typeof startCli>>;
let browser: Browser;
let home: string;
let journal: string;
let mounted = false;

beforeAll(async () => {
  if (!haveBrowser) return;
  [, build] = await Promise.all([ensureAddinBuilt(), buildBridge("pane-journal")]);
  home = tempDir();
  execFileSync("mount", ["-t", "tmpfs", "-o", "size=16m", "tmpfs", home]);
  mounted = true;
  journal = join(tempDir(), "journal", "calls.log");
  writeFileSync(
    join(home, "config.json"),
    JSON.stringify({ language: "uk", seedDemo: false, addin: { tls: "off" }, fallbackJournal: journal }),
  );
  openDatabase(join(home, "bridge.db")).close();
  execFileSync("mount", ["-o", "remount,ro", home]);
  bridge = await startCli(
    build.cli,
    ["--home", home, "--port", "0", "--transport", "stdio"],
    (line) => line.msg === "local web server listening",
  );
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  bridge?.child.kill("SIGTERM");
  await bridge?.exited;
  if (mounted) execFileSync("umount", ["-l", home]);
  build?.dispose();
});

/** `/api/status` as the pane asks for it, with the token the bridge wrote into the page. */
function status(page: Page): Promise<{ journal?: { waiting: number; path: string }; store?: { readOnly: boolean } }> {
  return page.evaluate(
    async ({ path, header, meta }) => {
      const token = document.querySelector<HTMLMetaElement>(`meta[name="${meta}"]`)?.content ?? "";
      return (await fetch(path, { headers: { [header]: token } })).json();
    },
    { path: API.status, header: TOKEN_HEADER, meta: TOKEN_META },
  );
}

function send(from: number, count: number): void {
  for (let i = from; i < from + count; i++) bridge.child.stdin.write(`${callHistory(700 + i)}\n`);
}

describe.skipIf(!haveBrowser)("calls waiting in the fallback journal", () => {
  it("are counted by /api/status and the pane in Ukrainian, and stored once when the folder is writable", async () => {
    const { page, errors } = await openPane(browser, String(bridge.readyLine.url));
    const notice = page.locator("#journal-waiting");
    expect(await notice.isHidden()).toBe(true);
    expect((await status(page)).store?.readOnly).toBe(true);

    send(0, 1);
    await expect
      .poll(async () => (await status(page)).journal, { timeout: 10_000 })
      .toEqual({ waiting: 1, path: journal });
    await expect
      .poll(() => notice.textContent())
      .toBe(
        `1 дзвінок чекає в резервному журналі ${journal}: його буде записано до журналу дзвінків, ` +
          "щойно сховище зможе його прийняти.",
      );
    send(1, 2);
    await expect
      .poll(() => notice.textContent())
      .toBe(
        `3 дзвінки чекають у резервному журналі ${journal}: їх буде записано до журналу дзвінків, ` +
          "щойно сховище зможе їх прийняти.",
      );
    send(3, 2);
    await expect
      .poll(() => notice.textContent())
      .toBe(
        `5 дзвінків чекають у резервному журналі ${journal}: їх буде записано до журналу дзвінків, ` +
          "щойно сховище зможе їх прийняти.",
      );
    expect((await status(page)).journal).toEqual({ waiting: 5, path: journal });
    // A pane opened now reads the same from /api/status.
    const second = await openPane(browser, String(bridge.readyLine.url));
    await expect.poll(() => second.page.locator("#journal-waiting").textContent()).toMatch(/^5 дзвінків чекають/);

    execFileSync("mount", ["-o", "remount,rw", home]);
    await notice.waitFor({ state: "hidden", timeout: 20_000 });
    expect(await status(page)).not.toHaveProperty("journal");
    expect((await status(page)).store).toBeUndefined();
    expect(bridge.lines.some((l) => l.msg === "store writable again")).toBe(true);
    const calls = new Database(join(home, "calls.db"), { readonly: true });
    try {
      const rows = calls.prepare("SELECT number, start FROM calls ORDER BY start").all() as { start: string }[];
      expect(rows).toHaveLength(5);
      expect(new Set(rows.map((r) => r.start)).size).toBe(5);
    } finally {
      calls.close();
    }
    // A call after that goes straight in.
    send(5, 1);
    await expect.poll(() => countCalls(), { timeout: 10_000 }).toBe(6);
    expect(await notice.isHidden()).toBe(true);
    expect(errors).toEqual([]);
  });
});

function countCalls(): number {
  const calls = new Database(join(home, "calls.db"), { readonly: true });
  try {
    return (calls.prepare("SELECT count(*) AS n FROM calls").get() as { n: number }).n;
  } finally {
    calls.close();
  }
}
