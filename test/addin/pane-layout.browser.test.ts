/**
 * Every state of the pane at Outlook's narrowest, 320 px, in Ukrainian, Russian and English, in chromium against a
 * real bridge (the fake Microsoft 365 for its section, team rows in this PC's copy for the team views): the page is
 * never wider than the pane and every button keeps its natural width on one line (support/pane-layout.ts). The
 * history's Call button, the SMS buttons and the missed list's Call and Done are looked at closely.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LANGUAGES, translator, type Language } from "../../bridge/i18n/i18n.js";
import { openDatabase } from "../../bridge/store/sqlite.js";
import { TeamCopy } from "../../bridge/team/team-copy.js";
import { FakeGraph, trustFakeGraphCertificate } from "../fakes/graph/index.js";
import { ensureAddinBuilt, haveChromium, launchChromium } from "../support/browser.js";
import { layoutProblems, openNarrowPane } from "../support/pane-layout.js";
import { IGOR, teamRow } from "../team/team-rows.js";
import { startTestBridge, type TestBridge } from "./helpers.js";
import { join } from "node:path";

let graph: FakeGraph;
let t: TestBridge;
let browser: Browser;

const haveBrowser = haveChromium("the pane at 320 px");

function today(time: string): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${time}`;
}

beforeAll(async () => {
  if (!haveBrowser) return;
  await ensureAddinBuilt();
  await trustFakeGraphCertificate();
  graph = await new FakeGraph().start();
  t = await startTestBridge("self-signed", {
    microsoft365: graph.microsoft365Config("00000000-0000-0000-0000-0000000001a8"),
    // The team's copy: a call Olena took, one Igor missed, one Olena will call back.
    prepare: (dataDir) => {
      const db = openDatabase(join(dataDir, "bridge.db"));
      new TeamCopy(db).apply([
        teamRow(today("08:00"), { itemId: "talk", durationSeconds: 250, notes: "Просив надіслати рахунок" }),
        teamRow(today("08:10"), { itemId: "missed", ...IGOR, answered: false, contactName: "Вася Петров" }),
        teamRow(today("08:20"), {
          itemId: "claimed",
          numberKey: "+380501112233",
          number: "0501112233",
          answered: false,
          contactName: "Олена Коваль",
          company: "ТОВ Ромашка",
          claimedBy: "Олена Коваль",
          claimedById: "user-olena",
          claimedAt: new Date().toISOString(),
        }),
      ]);
      db.close();
    },
  });
  t.transport.deliver(`CALLHISTORY^0675355355^in^True^${today("09:15:00")}^0:02:05^^`);
  t.transport.deliver(`CALLHISTORY^0441234567^in^False^${today("09:20:00")}^0:00:00^^`);
  t.transport.deliver(`CALLHISTORY^0931112233^out^True^${today("09:30:00")}^0:00:40^^`);
  t.transport.deliver(`CALLHISTORY^0507654321^in^False^${today("09:40:00")}^0:00:00^^`);
  await t.bridge.core.idle();
  browser = await launchChromium();
}, 400_000);

afterAll(async () => {
  await browser?.close();
  await t?.stop();
  await graph?.stop();
});

/** A button's width and the width its label needs. */
function widths(page: Page, selector: string): Promise<{ box: number; label: number }[]> {
  return page.locator(selector).evaluateAll((buttons) =>
    buttons.map((button) => {
      const range = document.createRange();
      range.selectNodeContents(button);
      return { box: button.getBoundingClientRect().width, label: range.getBoundingClientRect().width };
    }),
  );
}

/** The top of each element, rounded: the same number means the same row. */
function tops(page: Page, selector: string): Promise<number[]> {
  return page.locator(selector).evaluateAll((els) => els.map((el) => Math.round(el.getBoundingClientRect().top)));
}

describe.skipIf(!haveBrowser)("the pane at 320 px", () => {
  it.each(LANGUAGES)("%s: no state is wider than the pane or squeezes a button", async (language: Language) => {
    const words = translator(language);
    const { page, errors, close } = await openNarrowPane(browser, t.url, language);
    const problems: string[] = [];
    const check = async (state: string): Promise<void> => void problems.push(...(await layoutProblems(page, state)));
    try {
      await page.waitForSelector("#m365[data-state='signed-out']");
      await page.locator("#history-list li.call").nth(3).waitFor();
      await page.locator("[data-testid='team-missed-call']").nth(1).waitFor();
      await check("idle");

      // The history: each Call button as wide as its label, beside its line.
      const history = await widths(page, "[data-testid='history-call']");
      expect(history).toHaveLength(4);
      for (const { box, label } of history) expect(box).toBeGreaterThanOrEqual(label);
      expect(new Set(history.map((w) => Math.round(w.box))).size).toBe(1);

      // The missed list: Call and Done of a row on one line together.
      const rows = page.locator("#missed-calls [data-testid='missed-call']");
      await rows.nth(1).waitFor();
      for (const row of await rows.all()) {
        const [call, done] = await tops(page, `[data-call-id='${await row.getAttribute("data-call-id")}'] .btn`);
        expect(done).toBe(call);
      }
      expect(await rows.first().getByTestId("missed-done").textContent()).toBe(words.t("missed.done"));
      // The team's missed calls, one claimed by a colleague.
      expect((await page.getByTestId("team-claimed").allTextContents()).filter(Boolean)).toHaveLength(1);

      await page.fill("#search-input", "Вася");
      await page.locator("#search-results li.contact").first().waitFor();
      await check("search");

      t.transport.deliver("CONTACT?^0675355355^1^1^");
      await page.locator("#call-card .contact-name").first().waitFor();
      await page.getByTestId("team-history").locator("[data-testid='team-call']").first().waitFor();
      await check("one contact, with the team's calls");

      t.transport.deliver("CONTACT?^0441234567^2^1^");
      await page.getByTestId("open-chooser").waitFor();
      await check("several contacts");
      await page.getByTestId("open-chooser").click();
      await page.locator("#chooser").waitFor({ state: "visible" });
      await check("chooser");
      await page.locator("#chooser .btn").last().click();

      t.transport.deliver("CONTACT?^0931112299^1^2^");
      await page.getByTestId("create-contact").waitFor();
      await check("no contact");
      t.transport.deliver(`CONTACT?^${"7".repeat(5000)}^1^1^`);
      await page.getByTestId("unusable-number").waitFor();
      await check("5,000-digit number");

      t.transport.deliver("CONTACT?^0931112299^1^2^");
      await page.getByTestId("create-contact").click();
      await page.locator("#new-contact").waitFor({ state: "visible" });
      await check("new contact");
      await page.locator("#new-contact .btn").last().click();

      // The SMS buttons: each row they take filled edge to edge, none squeezed.
      await page.locator("#search-results").getByTestId("sms").first().click();
      await page.locator("#sms").waitFor({ state: "visible" });
      await check("sms");
      const sms = await page.locator("#sms .row .btn").evaluateAll((buttons) =>
        buttons.map((b) => {
          const box = b.getBoundingClientRect();
          const row = (b.parentElement as HTMLElement).getBoundingClientRect();
          return { top: Math.round(box.top), left: box.left - row.left, right: row.right - box.right };
        }),
      );
      for (const top of new Set(sms.map((b) => b.top))) {
        const line = sms.filter((b) => b.top === top);
        expect(line[0]!.left).toBeLessThan(1);
        expect(line.at(-1)!.right).toBeLessThan(1);
      }
      await page.locator("#sms .btn").last().click();

      await page.locator("#reports").scrollIntoViewIfNeeded();
      await page.waitForFunction(() => document.querySelector("[data-testid=tile-calls] .tile-value")?.textContent);
      await page.evaluate(() => {
        for (const details of document.querySelectorAll("#reports details"))
          (details as HTMLDetailsElement).open = true;
      });
      await check("reports");

      const release = graph.hold(/\/oauth2\/v2\.0\/token$/);
      try {
        await page.getByTestId("m365-signin").click();
        await page.waitForSelector("#m365[data-state='signing-in']");
        await check("Microsoft 365 signing in");
        await page.getByTestId("m365-cancel").click();
        await page.waitForSelector("#m365[data-state='signed-out']");
      } finally {
        release();
      }
      expect(problems).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});
