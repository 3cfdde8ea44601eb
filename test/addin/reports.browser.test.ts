/**
 * The pane's Reports view in chromium against a real bridge whose store holds the hand-made logs of test/reports:
 * the team's November as tiles and charts in Ukrainian (and Russian, dark), the CSV download, the printout; the
 * screenshots docs/screenshots/reports-uk.png and reports-dark-ru.png for the README.
 */
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRoot } from "../../bridge/addin-api/addin-files.js";
import { fillOwnLog, fillTeamLog } from "../reports/report-fixtures.js";
import { ensureAddinBuilt, haveChromium, launchChromium } from "../support/browser.js";
import { startTestBridge, type TestBridge } from "./helpers.js";

const SHOTS = join(projectRoot(), "docs", "screenshots");
const haveBrowser = haveChromium("the pane's Reports view");
let t: TestBridge;
let browser: Browser;

beforeAll(async () => {
  if (!haveBrowser) return;
  await ensureAddinBuilt();
  t = await startTestBridge("self-signed");
  fillOwnLog(fillTeamLog(t.bridge.db));
  browser = await launchChromium();
  mkdirSync(SHOTS, { recursive: true });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

async function teamNovember(locale: string, colorScheme: "light" | "dark"): Promise<Page> {
  const context = await browser.newContext({
    ignoreHTTPSErrors: true,
    locale,
    colorScheme,
    viewport: { width: 360, height: 900 },
  });
  const page = await context.newPage();
  await page.goto(`${t.url}/taskpane.html`);
  await page.waitForSelector("body[data-ready='true']");
  await page.fill("[data-testid=report-from]", "2026-11-01");
  await page.fill("[data-testid=report-to]", "2026-11-30");
  await page.selectOption("[data-testid=report-scope]", "team");
  await page.waitForFunction(() => document.querySelector("[data-testid=tile-calls] .tile-value")?.textContent === "9");
  return page;
}

const tile = (page: Page, name: string) => page.textContent(`[data-testid=tile-${name}] .tile-value`);

describe.skipIf(!haveBrowser)("the pane's Reports view", () => {
  it("shows the team's November in Ukrainian: tiles, five accessible charts with their numbers", async () => {
    const page = await teamNovember("uk-UA", "light");
    expect(await page.textContent("#reports h2")).toBe("Звіт про дзвінки");
    expect([await tile(page, "missed"), await tile(page, "unreturned"), await tile(page, "median")]).toEqual([
      "80 %",
      "2",
      "15 хв",
    ]);
    expect(await tile(page, "talk")).toBe("16 хв 5 с");
    const charts = await page.$$eval("#reports svg[role=img]", (svgs) =>
      svgs.map((s) => s.getAttribute("aria-label") ?? s.querySelector("title")?.textContent ?? ""),
    );
    expect(charts).toHaveLength(5);
    expect(charts.slice(1)).toEqual([
      "За працівниками",
      "За телефонами й лініями",
      "За днями тижня й годинами",
      "За тривалістю",
    ]);
    expect(await page.$$eval("[data-testid=report-heatmap] rect", (r) => r.length)).toBe(168);
    expect(
      await page.$$eval("[data-testid=report-employees] text", (texts) => texts.map((x) => x.textContent)),
    ).toEqual(["Олена Коваль", "5", "Петро Іваненко", "4"]);
    await page.locator("#reports").screenshot({ path: join(SHOTS, "reports-uk.png") });

    const [download] = await Promise.all([page.waitForEvent("download"), page.click("[data-testid=report-csv]")]);
    expect(download.suggestedFilename()).toBe("team-calls-2026-11-01-2026-11-30.csv");
    const bytes = readFileSync((await download.path()) ?? "");
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString("utf8")).toContain("\r\nОлена Коваль;5;3;2;2;1;220\r\n");

    await page.emulateMedia({ media: "print" });
    expect(await page.isVisible("#reports [data-testid=report-heatmap]")).toBe(true);
    expect(await page.isVisible("[data-testid=report-csv]")).toBe(false);
    expect(await page.isVisible("#history")).toBe(false);
    await page.context().close();
  });

  it("in Russian and the dark theme", async () => {
    const page = await teamNovember("ru-RU", "dark");
    expect(await page.textContent("#reports h2")).toBe("Отчёт о звонках");
    expect(await page.textContent("[data-testid=tile-median]")).toBe("15 минмедианное время до перезвона");
    await page.locator("#reports").screenshot({ path: join(SHOTS, "reports-dark-ru.png") });
    await page.context().close();
  });
});
