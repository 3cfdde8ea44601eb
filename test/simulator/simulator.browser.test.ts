/** The TelefUM simulator page in headless chromium: the whole TelefUM side of the flow, clicked through. */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBridge, type RunningBridge } from "../../bridge/app.js";
import { loadConfig } from "../../bridge/config/config.js";
import { silentLogger } from "../../bridge/log/log.js";
import { LoopbackTransport } from "../../bridge/transport/loopback.js";
import { haveChromium, launchChromium } from "../support/browser.js";
import { useTempDir } from "../support/temp-dir.js";

const tempDir = useTempDir();
const haveBrowser = haveChromium("the simulator page browser tests");
let bridge: RunningBridge;
/** Links the bridge opened in "the default browser" (recorded here instead). */
const opened: string[] = [];
let transport: LoopbackTransport;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  if (!haveBrowser) return;
  transport = new LoopbackTransport("simulator");
  // Plain HTTP whatever certificates this machine has: the simulator is not the add-in.
  const dataDir = tempDir();
  // CREATECARD creates at once here (the spec's variant b): the simulator shows what was created.
  const settings = { addin: { tls: "off" }, language: "en", createCard: { mode: "create-and-open" } };
  writeFileSync(join(dataDir, "config.json"), JSON.stringify(settings));
  const config = loadConfig({ dataDir, port: 0 }, {});
  bridge = await startBridge(config, { transport, log: silentLogger, openUrl: async (url) => void opened.push(url) });
  browser = await launchChromium();
  page = await (await browser.newContext()).newPage();
  await page.goto(`${bridge.http!.url}/simulator`);
  await page.locator("#status", { hasText: "connected" }).waitFor();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await bridge?.stop();
});

async function ring(number: string): Promise<void> {
  await page.fill("#number", number);
  await page.click("#ring");
}

describe.skipIf(!haveBrowser)("TelefUM simulator page", () => {
  it("rings: the bridge answers the demo contact and the page shows the caller", async () => {
    await ring("0675355355");
    await page.locator("#caller", { hasText: "Вася Петров" }).waitFor();
    expect(await page.textContent("#caller")).toBe('Вася Петров — Агенство "Меридиан" (Хороший человек)');
    expect(transport.sent).toContain('CONTACT^0675355355^1^1^Вася Петров^Агенство "Меридиан"^Хороший человек^1^');
  });

  it("opens the chooser for a number three contacts share, and the choice is remembered", async () => {
    await ring("0441234567");
    await expect.poll(() => page.textContent("#caller")).toBe("Олена Коваль(…) — ТОВ Ромашка(…) (Бухгалтерія(…))");
    await page.click("#card");
    await page.locator("#chooser-box:not([hidden]) li").first().waitFor();
    const items = page.locator("#chooser li");
    expect(await items.count()).toBe(3);
    const ids = bridge.directory.lookupAll("0441234567").map((c) => c.id);
    await items.nth(1).click();
    await expect.poll(() => bridge.directory.chosenFor("0441234567")).toBe(ids[1]);
    await ring("0441234567");
    const first = [ids[1], ...ids.filter((id) => id !== ids[1])].join(", ");
    await expect.poll(() => transport.sent.at(-1)?.split("^")[7]).toBe(first);
    bridge.directory.forgetChoice("0441234567");
  });

  it("creates a contact for an unknown caller and logs a call", async () => {
    await ring("0931112233");
    await page.locator("#caller", { hasText: "unknown caller" }).waitFor();
    await page.click("#create");
    await page.locator("#log", { hasText: "created contact New contact1" }).waitFor();
    await page.fill("#start", "2026-11-25 10:11:12");
    await page.click("#history");
    await page.locator("#log", { hasText: "call logged" }).waitFor();
    expect(bridge.callLog.recent({ number: "0931112233" })).toMatchObject([
      {
        direction: "in",
        answered: true,
        start: "2026-11-25 10:11:12",
        durationSeconds: 65,
        recordingPath: "C:\\TelefUM\\rec\\call.wav",
      },
    ]);
  });

  it("shows why a raw message was rejected, and keeps working", async () => {
    await page.fill("#raw", "CONTACT?^101^nine^1^");
    await page.click("#send-raw");
    await page.locator("#log .err", { hasText: "rejected:" }).waitFor();
    await ring("101");
    await page.locator("#caller", { hasText: "IT help desk" }).waitFor();
  });

  it("shows what TelefUM would read after cp1251: é by its best fit, the emoji left out, each marked", async () => {
    await bridge.core.sendSms("0675355355", "Café 😀 ok", 5);
    // The bridge hands the text on unchanged; the page shows it as the cp1251 transport would deliver it.
    expect(transport.sent.at(-1)).toBe("SENDSMS^0675355355^Café 😀 ok^5^");
    await page.locator("#log .out", { hasText: "SENDSMS" }).waitFor();
    const lines = page.locator("#log > div");
    expect((await lines.nth(0).textContent())?.split("  ").slice(1)).toEqual([
      "bridge → TelefUM",
      "SENDSMS^0675355355^Cafe ok^5^",
    ]);
    expect(await lines.nth(1).textContent()).toBe("replaced for cp1251: é → e");
    expect(await lines.nth(2).textContent()).toBe("left out, not in cp1251: 😀");
    expect(await page.locator("#log .note mark").allTextContents()).toEqual(["é", "😀"]);
  });
});
