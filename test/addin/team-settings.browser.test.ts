/**
 * The team log's settings in the pane (Ukrainian) in headless chromium, against a real bridge signed in to the fake
 * Microsoft 365 with the office's SharePoint site: the log is off; a bad address is refused in Ukrainian; the site
 * saved turns it on without a restart (config.json holds it), a call reaches the list, and the section shows the
 * rows and the last sync. Saves docs/screenshots/team-settings-uk.png.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FAKE_USER, FakeGraph, trustFakeGraphCertificate } from "../fakes/graph/index.js";
import { ensureAddinBuilt, haveChromium, launchChromium, openPane } from "../support/browser.js";
import { projectRoot } from "../../bridge/addin-api/addin-files.js";
import { until } from "../support/stdio-bridge.js";
import { startTestBridge, type TestBridge } from "./helpers.js";

const CLIENT_ID = "00000000-0000-0000-0000-00000000c11e";
const SITE = "https://contoso.sharepoint.com/sites/office";

let graph: FakeGraph;
let siteId: string;
let t: TestBridge;
let browser: Browser;
let page: Page;
let pageErrors: string[] = [];

const haveBrowser = haveChromium("the team settings browser tests");

beforeAll(async () => {
  if (!haveBrowser) return;
  await ensureAddinBuilt();
  await trustFakeGraphCertificate();
  graph = await new FakeGraph().start();
  graph.devicePendingPolls = 0;
  siteId = graph.sharePoint.addSite(SITE);
  graph.sharePoint.grant(siteId, FAKE_USER.oid);
  const microsoft365 = graph.microsoft365Config(CLIENT_ID, { sync: { contacts: false, intervalMinutes: 0.05 } });
  t = await startTestBridge("self-signed", { microsoft365 });
  await t.bridge.m365.signInWithDeviceCode(() => undefined);
  browser = await launchChromium();
  ({ page, errors: pageErrors } = await openPane(browser, t.url));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await t?.stop();
  await graph?.stop();
});

const box = () => page.getByTestId("team-settings");
const text = (testid: string) => box().getByTestId(testid).textContent();

describe.skipIf(!haveBrowser)("the team log's settings in the pane", () => {
  it("shows the log off, with the list's default name and notes shared", async () => {
    await page.waitForSelector("#m365[data-state='signed-in']");
    await expect.poll(() => box().getByTestId("team-list").inputValue()).toBe("TelefUM calls");
    expect(await text("team-state")).toBe(
      "Журнал дзвінків команди вимкнено: щоб увімкнути, вкажіть адресу сайту команди.",
    );
    expect(await box().getByTestId("team-site").inputValue()).toBe("");
    expect(await box().getByTestId("team-share-notes").isChecked()).toBe(true);
    expect(await box().locator("label[for='team-site']").textContent()).toBe("Адреса сайту команди");
  });

  it("refuses an address that is not https, in Ukrainian, and saves nothing", async () => {
    await box().getByTestId("team-site").fill("http://contoso.sharepoint.com/sites/office");
    await box().getByTestId("team-save").click();
    await page
      .locator("#toast[data-kind='error']", { hasText: "Адреса сайту команди має починатися з https://" })
      .waitFor();
    const config = JSON.parse(readFileSync(join(t.dataDir, "config.json"), "utf8"));
    expect(config.microsoft365.team).toBeUndefined();
  });

  it("Save turns the log on without a restart; a call reaches the list and the status shows it", async () => {
    await box().getByTestId("team-site").fill(SITE);
    await box().getByTestId("team-share-notes").uncheck();
    await box().getByTestId("team-save").click();
    await page.locator("#toast", { hasText: "Налаштування журналу дзвінків команди збережено." }).waitFor();
    expect(await text("team-state")).toBe("увімкнено");
    const config = JSON.parse(readFileSync(join(t.dataDir, "config.json"), "utf8"));
    expect(config.microsoft365.team).toEqual({ site: SITE, list: "TelefUM calls", shareNotes: false });
    expect(config.microsoft365.clientId).toBe(CLIENT_ID);

    t.transport.deliver("CALLHISTORY^+380675550101^out^True^2026-11-25 10:00:00^0:01:05^^");
    await t.bridge.core.idle();
    const items = () => graph.sharePoint.items(siteId, "TelefUM calls");
    await until("the call reaches the team list", () => items().length === 1, 30_000);
    await until("this PC's copy has it", () => t.bridge.m365.teamStatus()?.rows === 1, 30_000);
    await page.reload();
    await page.waitForSelector("#m365[data-state='signed-in']");
    await expect.poll(() => text("team-rows")).toBe("1");
    expect(await text("team-last-sync")).not.toBe("ніколи");
    expect(await box().getByTestId("team-site").inputValue()).toBe(SITE);
    expect(await box().getByTestId("team-share-notes").isChecked()).toBe(false);
    expect(await box().getByTestId("team-problem").count()).toBe(0);
    await box().scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(projectRoot(), "docs", "screenshots", "team-settings-uk.png") });
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
