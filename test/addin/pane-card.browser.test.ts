/**
 * The call card on what TelefUM may really send, in Ukrainian, Russian and English at 320 px, in chromium against a
 * real bridge: a hidden caller ID (empty number), something that is no phone number, a 5,000-digit number and a
 * contact whose name, company and note run on for thousands of characters. The card says what it can and cannot do,
 * offers no button that would only fail, and never widens the pane; a long value is cut with its whole in a tooltip.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LANGUAGES, translator, type Language } from "../../bridge/i18n/i18n.js";
import { chooserPath, contactPath } from "../../bridge/pages/page-urls.js";
import { ensureAddinBuilt, haveChromium, launchChromium } from "../support/browser.js";
import { latinWordsOnScreen } from "../support/latin-words.js";
import { layoutProblems, openNarrowPane } from "../support/pane-layout.js";
import { contact } from "../support/store.js";
import { startTestBridge, type TestBridge } from "./helpers.js";

let t: TestBridge;
let browser: Browser;

const haveBrowser = haveChromium("the call card on bad input");
const LONG_NUMBER = "3".repeat(5000);
// Long runs without a space: the hardest case for wrapping.
const LONG_NAME = `Костянтин${"Костянтинович".repeat(200)}`;
const LONG_COMPANY = `ТОВ «${"Меридіан".repeat(300)}»`;
const LONG_NOTE = "Передзвонити після обіду щодо рахунку. ".repeat(80);

beforeAll(async () => {
  if (!haveBrowser) return;
  await ensureAddinBuilt();
  t = await startTestBridge("self-signed");
  t.bridge.directory.upsert(
    contact(LONG_NAME, ["+380 63 777 88 99"], { company: LONG_COMPANY, note: LONG_NOTE, externalId: "test:long" }),
  );
  browser = await launchChromium();
}, 400_000);

afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

/** The card's text in one test id, once the card shows `number`'s call. */
async function cardFor(page: Page, shown: string): Promise<void> {
  await page.waitForFunction(
    (text) => document.querySelector("[data-testid='call-number']")?.textContent === text,
    shown,
  );
}

describe.skipIf(!haveBrowser)("the call card on bad CONTACT?", () => {
  it.each(LANGUAGES)("%s: a hidden, a bad and a 5,000-digit number make no broken card", async (language: Language) => {
    const words = translator(language);
    const { page, errors, close } = await openNarrowPane(browser, t.url, language);
    const problems: string[] = [];
    const card = page.locator("#call-card");
    try {
      // Hidden caller ID: TelefUM sends an empty number and gets NOCONTACT.
      t.transport.deliver("CONTACT?^^1^1^");
      await cardFor(page, words.t("callCard.hidden"));
      expect(await card.getByTestId("unusable-number").textContent()).toBe(words.t("callCard.hiddenHint"));
      expect(await card.getByTestId("create-contact").count()).toBe(0);
      expect(await card.getByTestId("context").count()).toBe(0); // nothing to look up, so no error from it
      expect(await card.getByTestId("close-call").textContent()).toBe(words.t("pane.close"));
      problems.push(...(await layoutProblems(page, "hidden number")));
      if (language !== "en") expect(await latinWordsOnScreen(page, "#call-card")).toEqual([]);

      // Not a phone number: shown as it came, with why nothing can be done with it.
      t.transport.deliver("CONTACT?^067abc5355^1^1^");
      await cardFor(page, "067abc5355");
      expect(await card.getByTestId("unusable-number").textContent()).toBe(words.t("callCard.badNumber"));
      expect(await card.getByTestId("create-contact").count()).toBe(0);
      expect(await card.getByTestId("context").count()).toBe(0);
      problems.push(...(await layoutProblems(page, "bad number")));
      if (language !== "en") expect(await latinWordsOnScreen(page, "#call-card", ["abc"])).toEqual([]);

      // 5,000 digits: answered, shown on one line cut with an ellipsis, the whole number in the tooltip.
      t.transport.deliver(`CONTACT?^${LONG_NUMBER}^1^1^`);
      await cardFor(page, LONG_NUMBER);
      await expect.poll(() => t.transport.sent).toContain(`NOCONTACT^${LONG_NUMBER}^1^1^`);
      const number = card.getByTestId("call-number");
      expect(await number.getAttribute("title")).toBe(LONG_NUMBER);
      const box = await number.evaluate((el) => ({
        shown: el.clientWidth,
        whole: el.scrollWidth,
        high: el.clientHeight,
      }));
      expect(box.shown).toBeLessThan(300);
      expect(box.whole).toBeGreaterThan(box.shown);
      expect(await card.getByTestId("unusable-number").textContent()).toBe(words.t("callCard.badNumber"));
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
      problems.push(...(await layoutProblems(page, "5,000 digits")));

      // A real caller with a long name, company and note: cut to a few lines, whole in the tooltips.
      t.transport.deliver("CONTACT?^0637778899^1^1^");
      await page.locator("#call-card .contact-name").waitFor();
      const name = card.locator(".contact-name");
      expect(await name.getAttribute("title")).toBe(LONG_NAME);
      expect(await card.locator(".note").getAttribute("title")).toBe(LONG_NOTE);
      expect(await card.locator(".contact .muted").first().getAttribute("title")).toBe(LONG_COMPANY);
      const lineHeight = await name.evaluate((el) => Number.parseFloat(getComputedStyle(el).lineHeight));
      expect(await name.evaluate((el) => el.clientHeight)).toBeLessThanOrEqual(3 * lineHeight + 1);
      expect(await card.getByTestId("call").getAttribute("aria-label")).toBe(
        words.t("contact.callTitle", { number: "063 777 88 99" }),
      );
      problems.push(...(await layoutProblems(page, "long contact")));
      expect(problems).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it("the bridge's own pages wrap the same long values within 320 px", async () => {
    const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 320, height: 760 } });
    const page = await context.newPage();
    try {
      const long = t.bridge.directory.lookup("0637778899")[0]!;
      const vasya = t.bridge.directory.lookup("0675355355")[0]!;
      for (const path of [chooserPath([long.id, vasya.id], LONG_NUMBER), contactPath(long.id, LONG_NUMBER)]) {
        await page.goto(`${t.url}${path}`);
        await page.waitForLoadState("load");
        expect(await page.locator("body").textContent()).toContain(LONG_NAME.slice(0, 40));
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
      }
    } finally {
      await context.close();
    }
  });
});
