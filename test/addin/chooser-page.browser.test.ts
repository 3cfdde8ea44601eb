/**
 * Finding 1: the chooser page (`/chooser`) with a hostile number, in chromium. The number reaches the page only as
 * escaped text and attributes, the page's script is a file, and the CSP refuses any inline script: the payload
 * that read the token and dialled runs nowhere, while the page still does its job.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chooserPath } from "../../bridge/pages/page-urls.js";
import { haveChromium, launchChromium } from "../support/browser.js";
import { startTestBridge, type TestBridge } from "./helpers.js";

const haveBrowser = haveChromium("the chooser page browser test");
let t: TestBridge;
let browser: Browser;

/** What the attacker put into the number: read the token, send CALL to TelefUM. */
const PAYLOAD =
  "</script><script>window.pwned=1;fetch('/api/call',{method:'POST',headers:{'content-type':'application/json'," +
  "'x-bridge-token':document.querySelector('meta').content},body:JSON.stringify({number:'0900'})})</script>" +
  '"><img src=x onerror="window.pwned=2">';

beforeAll(async () => {
  if (!haveBrowser) return;
  t = await startTestBridge("self-signed");
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

async function openChooser(number: string): Promise<{ page: Page; errors: string[]; blocked: string[] }> {
  const context = await browser.newContext({ ignoreHTTPSErrors: true });
  const page = await context.newPage();
  const errors: string[] = [];
  const blocked: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.text().includes("Content Security Policy")) blocked.push(message.text());
  });
  const ids = t.bridge.directory.lookupAll("0441234567").map((c) => c.id);
  await page.goto(`${t.url}${chooserPath(ids, number)}`);
  await page.waitForLoadState("load");
  return { page, errors, blocked };
}

describe.skipIf(!haveBrowser)("the chooser page in chromium", () => {
  it("shows a hostile number as text and runs none of it: no CALL reaches TelefUM", async () => {
    const { page } = await openChooser(`0441234567${PAYLOAD}`);
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBe(undefined);
    expect(await page.locator("h1").textContent()).toContain(`0441234567${PAYLOAD}?`);
    const buttons = page.locator("button[data-id]");
    expect(await buttons.first().getAttribute("data-number")).toBe(`0441234567${PAYLOAD}`);
    expect(await page.locator("img").count()).toBe(0);
    // The page's own script did run: a click answers, and the hostile number is refused as a number.
    await buttons.first().click();
    await expect.poll(() => page.getAttribute("#status", "data-kind")).toBe("error");
    // The reason in the page's words, the refused value only quoted (cut), never run.
    expect(await page.locator("#status").textContent()).toContain("is not a phone number: only digits");
    expect(t.transport.sent.filter((m) => m.startsWith("CALL^"))).toEqual([]);
    await page.context().close();
  });

  it("refuses an inline script even if one got into the page", async () => {
    const { page, blocked } = await openChooser("0441234567");
    await page.evaluate(() => {
      // What a future injection bug would amount to: an inline script element in the page.
      const script = document.createElement("script");
      script.textContent = "window.pwned = 3";
      document.body.append(script);
    });
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBe(undefined);
    await expect.poll(() => blocked.length).toBeGreaterThan(0);
    await page.context().close();
  });

  it("still chooses: the click remembers the contact for the number", async () => {
    const { page, errors } = await openChooser("0441234567");
    const ids = t.bridge.directory.lookupAll("0441234567").map((c) => c.id);
    await page.locator(`button[data-id="${ids[1]}"]`).click();
    await expect.poll(() => page.getAttribute("#status", "data-kind")).toBe("success");
    expect(t.bridge.directory.chosenFor("0441234567")).toBe(ids[1]);
    expect(errors).toEqual([]);
    t.bridge.directory.forgetChoice("0441234567");
    await page.context().close();
  });
});
