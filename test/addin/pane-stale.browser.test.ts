/**
 * The pane never says what is no longer true, in Ukrainian, Russian and English, in chromium against a real bridge:
 * a chooser for one number goes when another number calls; "Incoming call" turns into how the call ended once
 * TelefUM logs it; Done on a missed call says it was marked done (not that everyone was called back); Activity
 * shows when and with whom (names, not the index's ids); Call says what the bridge knows, that it was sent to TelefUM.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { displayNumber } from "../../bridge/directory/phone-forms.js";
import { LANGUAGES, translator, type Language } from "../../bridge/i18n/i18n.js";
import { ensureAddinBuilt, haveChromium, launchChromium } from "../support/browser.js";
import { layoutProblems, openNarrowPane } from "../support/pane-layout.js";
import { startTestBridge, type TestBridge } from "./helpers.js";

let t: TestBridge;
let browser: Browser;

const haveBrowser = haveChromium("the pane's stale states");

/** Each language its own numbers, so one bridge serves all three without one's calls in another's lists. */
const NUMBERS: Record<Language, { unknown: string; missed: string; hour: string }> = {
  uk: { unknown: "0931110001", missed: "0931110002", hour: "10" },
  ru: { unknown: "0931110011", missed: "0931110012", hour: "11" },
  en: { unknown: "0931110021", missed: "0931110022", hour: "12" },
};
/** A time of day as each language writes it: 09:15, 9:15 AM. */
// One clock on every screen: 24 hours, in English too (i18n.ts).
const TIME: Record<Language, RegExp> = { uk: /^\d{2}:\d{2}$/, ru: /^\d{2}:\d{2}$/, en: /^\d{2}:\d{2}$/ };

function today(time: string): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${time}`;
}

beforeAll(async () => {
  if (!haveBrowser) return;
  await ensureAddinBuilt();
  t = await startTestBridge("self-signed");
  browser = await launchChromium();
}, 400_000);

afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

const badge = (page: Page) => page.locator("#call-card .call-heading .badge");

describe.skipIf(!haveBrowser)("the pane's stale states", () => {
  it.each(LANGUAGES)("%s: nothing stays that is no longer true", async (language: Language) => {
    const words = translator(language);
    // CALLHISTORY is idempotent: each language's calls at their own hour are new calls.
    const { unknown, missed, hour } = NUMBERS[language];
    const { page, errors, close } = await openNarrowPane(browser, t.url, language);
    const problems: string[] = [];
    try {
      // A chooser for a shared number stays while that number calls again, and goes when another one calls.
      t.transport.deliver("CONTACT?^0441234567^1^1^");
      await page.getByTestId("open-chooser").click();
      const chooser = page.locator("#chooser");
      await chooser.waitFor({ state: "visible" });
      problems.push(...(await layoutProblems(page, "chooser")));
      t.transport.deliver("CONTACT?^0441234567^1^2^");
      await t.bridge.core.idle();
      await page.getByTestId("open-chooser").waitFor();
      expect(await chooser.isVisible()).toBe(true);
      t.transport.deliver("CONTACT?^0675355355^1^1^");
      await chooser.waitFor({ state: "hidden" });
      await page.waitForFunction(
        () => document.querySelector("[data-testid='call-number']")?.textContent === "067 535 53 55",
      );

      // "Incoming call" while it rings; once TelefUM logs it, how it ended.
      expect(await badge(page).textContent()).toBe(words.t("callCard.incoming"));
      t.transport.deliver(`CALLHISTORY^0675355355^in^True^${today(`${hour}:15:00`)}^0:02:05^^`);
      await expect.poll(() => badge(page).textContent()).toBe(words.t("callCard.ended"));
      t.transport.deliver(`CONTACT?^${unknown}^1^1^`);
      await page.getByTestId("create-contact").waitFor();
      expect(await badge(page).textContent()).toBe(words.t("callCard.incoming"));
      t.transport.deliver(`CALLHISTORY^${unknown}^in^False^${today(`${hour}:20:00`)}^0:00:00^^`);
      await expect.poll(() => badge(page).textContent()).toBe(words.t("callCard.missedCall"));
      problems.push(...(await layoutProblems(page, "call ended")));

      // Done without calling back: said as marked done; the empty list claims nobody was called back.
      t.transport.deliver(`CALLHISTORY^${missed}^in^False^${today(`${hour}:25:00`)}^0:00:00^^`);
      const missedCalls = page.locator("#missed-calls");
      const shown = displayNumber(missed); // "093 111 00 02": the one way the pane shows a number
      const row = missedCalls.locator("[data-testid='missed-call']", { hasText: shown });
      await row.waitFor();
      problems.push(...(await layoutProblems(page, "missed calls")));
      await row.getByTestId("missed-done").click();
      await page.locator("#toast", { hasText: words.t("missed.markedDone", { who: shown }) }).waitFor();
      await expect.poll(() => row.count()).toBe(0);
      for (const done of await missedCalls.getByTestId("missed-call").all())
        await done.getByTestId("missed-done").click();
      await missedCalls.getByTestId("missed-none").waitFor();
      expect(await missedCalls.getByTestId("missed-none").textContent()).toBe(words.t("missed.none"));

      // Activity: the time and the person, never the index's id.
      const vasya = t.bridge.directory.lookup("0675355355")[0]!;
      t.transport.deliver(`CARD^${vasya.id}^`);
      const line = page.locator("#activity-list li").first();
      await expect.poll(() => line.textContent()).toContain("Вася Петров");
      const [time, said] = (await line.textContent())!.split(" · ");
      expect(time).toMatch(TIME[language]);
      expect(said).toBe(words.t("notice.openedContact", { who: "Вася Петров", where: words.t("place.pane") }));
      expect(await line.locator("time").getAttribute("datetime")).toMatch(/^\d{4}-\d\d-\d\dT/);

      // Call: what the bridge knows is that TelefUM was sent the request.
      await page.locator("#call-card").getByTestId("call").first().click();
      await expect.poll(() => t.transport.sent).toContain("CALL^0675355355^");
      const sent = words.t("pane.calling", { number: "067 535 53 55" });
      await page.locator("#toast", { hasText: sent }).waitFor();
      expect(sent).toMatch(/TelefUM/);
      expect(problems).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});
