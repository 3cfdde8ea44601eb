/**
 * The team call log in the pane, in headless chromium against a real bridge whose bridge.db holds team rows: the
 * call card's team history and the team's missed calls in Ukrainian and Russian (320 px, light and dark), a call
 * returned by a colleague leaving the list live, and "I'll call back" while the team log is off (409) said clearly.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRoot } from "../../bridge/addin-api/addin-files.js";
import { openDatabase } from "../../bridge/store/sqlite.js";
import { TeamCopy } from "../../bridge/team/team-copy.js";
import { startContextBridge, type ContextBridge } from "../context/context-bridge.js";
import { ensureAddinBuilt, haveChromium, launchChromium } from "../support/browser.js";
import { IGOR, teamRow } from "./team-rows.js";

const haveBrowser = haveChromium("the team call log browser tests");
const SHOTS = join(projectRoot(), "docs", "screenshots");
const OTHER = "+380501112233";

/** Local "yyyy-mm-dd hh:mm" `minutes` before now: rows whose "today" and "ago" the test can name. */
function minutesAgo(minutes: number): string {
  const d = new Date(Date.now() - minutes * 60_000);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
function yesterdayAt(time: string): string {
  const d = new Date(Date.now() - 86_400_000);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${time}`;
}

let dir: string;
let bridge: ContextBridge;
let browser: Browser;

beforeAll(async () => {
  if (!haveBrowser) return;
  await ensureAddinBuilt();
  dir = mkdtempSync(join(tmpdir(), "pane-team-"));
  const db = openDatabase(join(dir, "bridge.db"));
  new TeamCopy(db).apply([
    teamRow(yesterdayAt("15:00"), {
      itemId: "talk",
      durationSeconds: 250,
      notes: "Просив надіслати рахунок",
      recordingUrl: "https://contoso.sharepoint.com/rec/1.mp3",
    }),
    teamRow(minutesAgo(25), { itemId: "missed", ...IGOR, answered: false, contactName: "Вася Петров" }),
    teamRow(minutesAgo(180), {
      itemId: "claimed",
      numberKey: OTHER,
      number: "0501112233",
      answered: false,
      contactName: "Ірина Коваль",
      company: "Меридіан",
      claimedBy: "Олена Коваль",
      claimedById: "user-olena",
      claimedAt: new Date().toISOString(),
    }),
  ]);
  db.close();
  bridge = await startContextBridge(dir, { seedDemo: false });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await bridge?.bridge.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function pane(locale: string, colorScheme: "light" | "dark"): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({
    ignoreHTTPSErrors: true,
    locale,
    colorScheme,
    viewport: { width: 320, height: 760 },
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(`${bridge.url}/taskpane.html`);
  await page.waitForSelector("body[data-ready='true']");
  await page.waitForSelector("#status[data-state='connected']");
  return { page, errors };
}

const texts = (page: Page, selector: string) => page.locator(selector).allInnerTexts();

describe.skipIf(!haveBrowser)("the team call log in the pane", () => {
  it("uk, light: the card says who spoke with the caller and when; the missed list who missed whom", async () => {
    const { page, errors } = await pane("uk-UA", "light");
    bridge.transport.deliver("CONTACT?^0675355355^1^1^");
    const history = page.getByTestId("team-history");
    await history.locator("[data-testid='team-call']").nth(1).waitFor();
    const lines = await texts(page, "[data-testid='team-call']");
    // The one moment and duration format of every screen (i18n.ts): "3 груд., 10:12", "4 хв 10 с".
    expect(lines[0]).toMatch(/^Ігор пропустив дзвінок \d{1,2} [а-яіїєґ]+\.( \d{4} р\.)?, \d{2}:\d{2}$/);
    expect(lines[1]).toMatch(
      /^Олена говорила \d{1,2} [а-яіїєґ]+\.( \d{4} р\.)?, 15:00, 4 хв 10 с\nПросив надіслати рахунок\nзапис$/,
    );
    expect(await history.getByTestId("team-recording").getAttribute("href")).toBe(
      "https://contoso.sharepoint.com/rec/1.mp3",
    );
    const missed = page.locator("#team-missed");
    await missed.locator("[data-testid='team-missed-call']").nth(1).waitFor();
    expect(await missed.locator("h2").textContent()).toBe("Пропущені дзвінки команди");
    expect(await texts(page, "[data-testid='team-missed-call'] .team-caller")).toEqual([
      "Вася Петров",
      "Ірина Коваль, Меридіан",
    ]);
    expect(await texts(page, "[data-testid='team-missed-call'] .muted")).toEqual([
      expect.stringMatching(/^Пропустив Ігор, \d{1,2} [а-яіїєґ]+\.( \d{4} р\.)?, \d{2}:\d{2}$/),
      expect.stringMatching(/^Пропустила Олена, \d{1,2} [а-яіїєґ]+\.( \d{4} р\.)?, \d{2}:\d{2}$/),
    ]);
    expect(await texts(page, "[data-testid='team-claimed']")).toEqual(["", "Передзвонить Олена"]);
    // Only the open one offers "I'll call back"; both offer Call, named for the caller for a screen reader.
    expect(await missed.getByTestId("team-claim").count()).toBe(1);
    expect(await missed.getByTestId("team-call-back").first().getAttribute("aria-label")).toBe(
      "Подзвонити: Вася Петров",
    );
    await history.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, "team-card-uk.png") });
    await missed.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, "team-missed-uk.png") });

    // Call goes to TelefUM as every call does; the keyboard reaches it.
    await missed.getByTestId("team-call-back").first().focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => bridge.transport.sent.at(-1)).toBe("CALL^0675355355^");

    // The team log is off on this bridge: "I'll call back" says so and the call stays open.
    await missed.getByTestId("team-claim").click();
    await expect
      .poll(() => page.locator("#toast").textContent())
      .toBe("«Передзвоню» зараз не працює: журнал дзвінків команди вимкнено або ви не ввійшли в Microsoft 365.");
    expect(await missed.getByTestId("team-claim").count()).toBe(1);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 60_000);

  it("ru, dark: the same in Russian; a call returned by a colleague leaves the list at once", async () => {
    const { page, errors } = await pane("ru-RU", "dark");
    bridge.transport.deliver("CONTACT?^0675355355^1^1^");
    await page.locator("[data-testid='team-call']").nth(1).waitFor();
    const lines = await texts(page, "[data-testid='team-call']");
    expect(lines[0]).toMatch(/^Ігор пропустил звонок \d{1,2} [а-яё]+\.( \d{4} г\.)?, \d{2}:\d{2}$/);
    expect(lines[1]).toMatch(
      /^Олена говорила \d{1,2} [а-яё]+\.( \d{4} г\.)?, 15:00, 4 мин 10 с\nПросив надіслати рахунок\nзапись$/,
    );
    await page.locator("[data-testid='team-missed-call']").nth(1).waitFor();
    expect(await texts(page, "[data-testid='team-missed-call'] .muted")).toEqual([
      expect.stringMatching(/^Пропустил Ігор, \d{1,2} [а-яё]+\.( \d{4} г\.)?, \d{2}:\d{2}$/),
      expect.stringMatching(/^Пропустила Олена, \d{1,2} [а-яё]+\.( \d{4} г\.)?, \d{2}:\d{2}$/),
    ]);
    expect(await texts(page, "[data-testid='team-claimed']")).toEqual(["", "Перезвонит Олена"]);

    // Olena calls the caller back from her PC; her bridge's delta reaches this copy and the sync says so.
    new TeamCopy(bridge.bridge.db).apply([
      teamRow(minutesAgo(1), { itemId: "returned", direction: "out", durationSeconds: 95 }),
    ]);
    bridge.bridge.team.changed();
    await expect
      .poll(() => texts(page, "[data-testid='team-missed-call'] .team-caller"))
      .toEqual(["Ірина Коваль, Меридіан"]);
    await expect.poll(() => texts(page, "[data-testid='team-call']")).toHaveLength(3);
    expect((await texts(page, "[data-testid='team-call']"))[0]).toMatch(
      /^Олена говорила \d{1,2} [а-яё]+\.( \d{4} г\.)?, \d{2}:\d{2}, 1 мин 35 с$/,
    );
    expect(errors).toEqual([]);
    await page.context().close();
  }, 60_000);
});
