/**
 * The SMS composer's counter in chromium at 320 px, in Ukrainian, Russian and English: characters against the limit
 * and SMS parts as a phone counts them (GSM 7-bit 160/153, UCS-2 70/67, an emoji two), and a pasted 5,000 characters
 * shown as over the limit, never cut silently, not sent until cut or shortened.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Language } from "../../bridge/i18n/i18n.js";
import { ensureAddinBuilt, haveChromium, launchChromium } from "../support/browser.js";
import { openNarrowPane } from "../support/pane-layout.js";
import { fitsWidth, latinWordsOnScreen } from "../support/latin-words.js";
import { startTestBridge, type TestBridge } from "./helpers.js";

const haveBrowser = haveChromium("the SMS counter browser tests");
let t: TestBridge;
let browser: Browser;

beforeAll(async () => {
  if (!haveBrowser) return;
  await ensureAddinBuilt();
  t = await startTestBridge("self-signed");
  browser = await launchChromium();
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

/** The pane in `language` at 320 px, the composer open for the demo contact's number. */
async function composer(language: Language): Promise<Page> {
  const { page } = await openNarrowPane(browser, t.url, language);
  t.transport.deliver("CONTACT?^0675355355^1^1^");
  await page.locator("#call-card").getByTestId("sms").first().click();
  await page.locator("#sms").waitFor({ state: "visible" });
  return page;
}

/** Pastes `text` into the composer as a clipboard paste does (one input event, no key presses). */
async function paste(page: Page, text: string): Promise<void> {
  await page.locator("#sms-text").fill(text);
}

const counter = (page: Page) => page.textContent("#sms-count");

const EXPECTED = {
  uk: {
    empty: "0 / 1 000 · 0 SMS",
    gsm: "Латиницею: 160 символів в одному SMS, 153 — у кожній частині довгого.",
    ucs2: "З кирилицею чи емодзі: 70 символів в одному SMS, 67 — у кожній частині довгого.",
    emoji: "Кожен емодзі рахується як 2 символи: 😀",
    over: "На 4 000 символів довше, ніж можна (1 000). Скоротіть текст, щоб надіслати.",
    cut: "Обрізати до 1 000",
  },
  ru: {
    empty: "0 / 1 000 · 0 SMS",
    gsm: "Латиницей: 160 символов в одном SMS, 153 — в каждой части длинного.",
    ucs2: "С кириллицей или эмодзи: 70 символов в одном SMS, 67 — в каждой части длинного.",
    emoji: "Каждый эмодзи считается за 2 символа: 😀",
    over: "На 4 000 символов длиннее, чем можно (1 000). Сократите текст, чтобы отправить.",
    cut: "Обрезать до 1 000",
  },
  en: {
    empty: "0 / 1,000 · 0 SMS",
    gsm: "Latin letters: 160 characters in one SMS, 153 in each part of a long one.",
    ucs2: "With Cyrillic or emoji: 70 characters in one SMS, 67 in each part of a long one.",
    emoji: "Each emoji counts as 2 characters: 😀",
    over: "4,000 characters over the limit of 1,000. Shorten the text to send it.",
    cut: "Cut to 1,000",
  },
} as const;

/** Intl puts a no-break space between thousands in uk and ru; the expectations above are written with a plain one. */
const plain = (text: string | null) => text?.replace(/[\u00a0\u202f]/g, " ");

describe.skipIf(!haveBrowser).each(["uk", "ru", "en"] as const)("the SMS counter in %s at 320 px", (language) => {
  const words = EXPECTED[language];
  const thousand = language === "en" ? "1,000" : "1 000";
  let page: Page;

  beforeAll(async () => {
    page = await composer(language);
  });
  afterAll(() => page?.context().close());

  it("counts GSM 7-bit: 160 in one SMS, 161 make two; the extension table's € takes two", async () => {
    expect(plain(await counter(page))).toBe(words.empty);
    await paste(page, "a".repeat(160));
    expect(plain(await counter(page))).toBe(`160 / ${thousand} · 1 SMS`);
    expect(await page.textContent("#sms-alphabet")).toBe(words.gsm);
    await paste(page, "a".repeat(161));
    expect(plain(await counter(page))).toBe(`161 / ${thousand} · 2 SMS`);
    await paste(page, `${"a".repeat(158)}€`);
    expect(plain(await counter(page))).toBe(`159 / ${thousand} · 1 SMS`);
    await paste(page, `${"a".repeat(159)}€`);
    expect(plain(await counter(page))).toBe(`160 / ${thousand} · 2 SMS`);
  });

  it("counts Cyrillic as UCS-2: 70 in one SMS, 71 make two", async () => {
    await paste(page, "ж".repeat(70));
    expect(plain(await counter(page))).toBe(`70 / ${thousand} · 1 SMS`);
    expect(await page.textContent("#sms-alphabet")).toBe(words.ucs2);
    await paste(page, "ж".repeat(71));
    expect(plain(await counter(page))).toBe(`71 / ${thousand} · 2 SMS`);
    expect(await page.isHidden("#sms-emoji")).toBe(true);
  });

  it("says an emoji takes two characters", async () => {
    await paste(page, "Привіт 😀");
    expect(plain(await counter(page))).toBe(`9 / ${thousand} · 1 SMS`);
    expect(await page.textContent("#sms-emoji")).toBe(words.emoji);
  });

  it("5,000 pasted characters stay whole, show how much is over, do not send; Cut keeps 1,000", async () => {
    const before = t.transport.sent.length;
    await paste(page, "ж".repeat(5000));
    expect(await page.inputValue("#sms-text")).toHaveLength(5000);
    expect(plain(await counter(page))).toBe(`${language === "en" ? "5,000" : "5 000"} / ${thousand} · 75 SMS`);
    expect(plain(await page.textContent("#sms-over-text"))).toBe(words.over);
    expect(plain(await page.getByTestId("sms-cut").textContent())).toBe(words.cut);
    await page.getByTestId("sms-send").click({ force: true });
    expect(t.transport.sent.slice(before).filter((m) => m.startsWith("SENDSMS"))).toEqual([]);
    // The composer (a long text in the call card's SMS log is the card's own layout, not the composer's).
    expect(await fitsWidth(page, "#sms")).toBe(true);
    if (language !== "en") expect(await latinWordsOnScreen(page, "#sms")).toEqual([]);

    await page.getByTestId("sms-cut").click();
    expect(await page.inputValue("#sms-text")).toBe("ж".repeat(1000));
    expect(plain(await counter(page))).toBe(`${thousand} / ${thousand} · 15 SMS`);
    expect(await page.isHidden("#sms-over")).toBe(true);
    await page.getByTestId("sms-send").click();
    await expect
      .poll(() => t.transport.sent.slice(before), { timeout: 10_000 })
      .toContain(`SENDSMS^0675355355^${"ж".repeat(1000)}^1^`);
  });
});
