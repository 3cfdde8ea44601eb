/**
 * What every task-pane browser test needs: Debian's chromium (required in CI, a loud skip elsewhere),
 * the add-in built once per test run however many files ask, and a browser launched for this closed network.
 */
import { execFile } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { promisify } from "node:util";
import { chromium, type Browser, type Page } from "playwright-core";
import { projectRoot } from "../../bridge/addin-api/addin-files.js";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** True when chromium is there; throws in CI (TELEFUM_REQUIRE_BROWSER=1, set by .ci/run) when it is not. */
export function haveChromium(suite: string): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.TELEFUM_REQUIRE_BROWSER === "1")
    throw new Error(`no chromium at ${CHROMIUM} (Debian package chromium)`);
  console.warn(`!! SKIPPING ${suite}: no chromium at ${CHROMIUM}`);
  return false;
}

/**
 * Builds the add-in exactly as `npm run build:addin` does, once per vitest run: test files run in parallel
 * worker processes (one parent), so the first takes a lock and builds, the others wait and reuse it.
 */
export async function ensureAddinBuilt(): Promise<void> {
  const root = projectRoot();
  const cache = join(root, ".cache");
  mkdirSync(cache, { recursive: true });
  const lock = join(cache, "addin-build.lock");
  const stamp = join(cache, "addin-build.run");
  const run = String(process.ppid);
  for (;;) {
    if (existsSync(stamp) && readFileSync(stamp, "utf8") === run) return;
    let fd: number;
    try {
      fd = openSync(lock, "wx");
      writeFileSync(fd, String(process.pid));
    } catch {
      // Another file is building; a lock whose builder is gone (a worker killed mid-build) is taken over.
      if (!builderAlive(lock)) rmSync(lock, { force: true });
      await sleep(200);
      continue;
    }
    try {
      // Not execFileSync: a worker blocked for the whole build misses vitest's own messages (onTaskUpdate timeout).
      await promisify(execFile)(
        process.execPath,
        [join(root, "node_modules", "webpack-cli", "bin", "cli.js"), "--mode", "production"],
        { cwd: root, maxBuffer: 64 * 1024 * 1024 },
      );
      writeFileSync(stamp, run);
      return;
    } finally {
      closeSync(fd);
      rmSync(lock, { force: true });
    }
  }
}

/** Whether the process named in the build lock still runs (an empty lock is being written: alive). */
function builderAlive(lock: string): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(lock, "utf8"));
  } catch {
    return true; // gone already, or unreadable for a moment
  }
  if (!pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** `extraArgs`: flags one suite needs on top (address-space overrides, host mappings). */
export function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    // Without the background-networking flags chromium keeps dialling Google on this closed network.
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      ...extraArgs,
    ],
  });
}

/**
 * Opens the pane as a user would (Ukrainian locale, the bridge's self-signed certificate accepted) and waits
 * until it is ready and its live connection is up; `errors` collects uncaught page errors.
 */
export async function openPane(browser: Browser, url: string): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ ignoreHTTPSErrors: true, locale: "uk-UA" });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(`${url}/taskpane.html`);
  await page.waitForSelector("body[data-ready='true']");
  await page.waitForSelector("#status[data-state='connected']");
  return { page, errors };
}
