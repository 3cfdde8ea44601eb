/**
 * Issue 23, point 1: every reason a person reads is said in their language, by its code, with what was received
 * only as a quoted detail. The bad messages go through the simulator page (TelefUM played from a browser)
 * into a real bridge; the pane (320 px wide) and the simulator, in Ukrainian, Russian and English, must say why
 * in that language, and no developer English may show. And a sign-in with the network down says so.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reasonText, type Reason } from "../../bridge/api-contract/reasons.js";
import { LANGUAGES, translator, type Language } from "../../bridge/i18n/i18n.js";
import { FakeGraph, trustFakeGraphCertificate } from "../fakes/graph/index.js";
import { ensureAddinBuilt, haveChromium, launchChromium } from "../support/browser.js";
import { openNarrowPage } from "../support/pane-layout.js";
import { latinWords, readableWithoutCode } from "../support/latin-words.js";
import { startTestBridge } from "./helpers.js";

const SIDEWAYS = "CALLHISTORY^0671112233^sideways^True^2026-12-03 06:52:06^0:03:12^^";
const FILE_LINK = "file:///C:/Windows/win.ini";
/** What the codec, the openers, the API and MSAL say in English (for the log); none of it may reach a reader. */
const DEVELOPER_ENGLISH = [
  "the phone number is empty",
  'got "sideways"',
  "no contact with id",
  "not file",
  "file::",
  '# (not "',
  "number or contactId is required",
  "(BAD_",
  "BAD_NUMBER",
  "EMPTY_NUMBER",
  "network_error",
  "fetch failed",
];

let browser: Browser;
const haveBrowser = haveChromium("the reasons in the reader's language");

beforeAll(async () => {
  if (!haveBrowser) return;
  await ensureAddinBuilt();
  browser = await launchChromium();
}, 600_000);

afterAll(async () => {
  await browser?.close();
});

/** Sends one raw message from the simulator page, as TelefUM would. */
async function sendRaw(simulator: Page, text: string): Promise<void> {
  await simulator.fill("#raw", text);
  await simulator.click("#send-raw");
}

function noDeveloperEnglish(text: string, where: string): void {
  for (const phrase of DEVELOPER_ENGLISH) expect(text, `${where}: "${phrase}"`).not.toContain(phrase);
}

describe.skipIf(!haveBrowser)("reasons in the reader's language", () => {
  it.each(LANGUAGES)(
    "%s: the issue's bad messages are explained by reason, the raw text only quoted",
    async (language) => {
      const t = await startTestBridge("self-signed", { settings: { language } });
      try {
        const tr = translator(language);
        const say = (reason: Reason): string => reasonText(tr, reason);
        const { page: pane, errors } = await openNarrowPage(browser, `${t.url}/taskpane.html`, language);
        await pane.waitForSelector("body[data-ready='true']");
        await pane.waitForSelector("#status[data-state='connected']");
        const { page: simulator } = await openNarrowPage(browser, `${t.url}/simulator`, language);
        await simulator.locator("#status", { hasText: tr.t("simulator.connected") }).waitFor();

        await sendRaw(simulator, "CREATECARD^^");
        await sendRaw(simulator, SIDEWAYS);
        await sendRaw(simulator, "CARD^999^");
        await sendRaw(simulator, `CARD^${FILE_LINK}^`);
        // The hidden caller first: the last call's card is the one the pane keeps showing.
        await sendRaw(simulator, "CONTACT?^^1^1^");
        await sendRaw(simulator, "CONTACT?^067abc5355^1^1^");

        const empty = say({ code: "EMPTY_NUMBER" });
        const sideways = say({ code: "BAD_DIRECTION", params: { value: "sideways" } });
        const noContact = say({ code: "NO_CONTACT", params: { ids: "999" } });
        const fileLink = say({ code: "LINK_SCHEME", params: { scheme: "file", value: FILE_LINK } });

        // Activity: each refusal and failure by its reason; the message as received only as a quoted detail.
        const activity = pane.locator("#activity-list");
        for (const line of [
          tr.t("activity.rejected", { reason: empty }),
          tr.t("activity.rejected", { reason: sideways }),
          tr.t("activity.failed", { message: noContact }),
          tr.t("activity.failed", { message: fileLink }),
        ])
          await activity.locator("li > span", { hasText: line }).first().waitFor();
        expect(await activity.locator("code.quoted").allTextContents()).toEqual(
          expect.arrayContaining(["CREATECARD^^", SIDEWAYS]),
        );
        // The messages not understood, kept by the bridge: the reason again, found from the kept raw text.
        await pane.click("#activity summary").catch(() => undefined);
        const kept = pane.locator("#not-understood-list li");
        await kept.filter({ hasText: sideways }).first().waitFor();
        expect(await kept.filter({ hasText: empty }).count()).toBe(1);
        expect(await kept.filter({ hasText: sideways }).locator("code").textContent()).toBe(SIDEWAYS);
        // The call card of a number that is none: why, in words (the card shows the number as it came).
        const unusable = pane.getByTestId("unusable-number").filter({ hasText: tr.t("callCard.badNumber") });
        await unusable.first().waitFor();

        const literal = {
          uk: ["Контакту з ідентифікатором «999» немає.", "Не вказано номер телефону."],
          ru: ["Контакта с идентификатором «999» нет.", "Не указан номер телефона."],
          en: ["There is no contact with the id “999”.", "No phone number given."],
        }[language];
        // biome-ignore lint/performance/useDomNodeTextContent: what is rendered
        const paneText = await pane.evaluate(() => document.body.innerText);
        for (const text of literal) expect(paneText).toContain(text);
        noDeveloperEnglish(paneText, "pane");

        // The simulator's log says the same reasons in the page's language.
        const log = simulator.locator("#log .err");
        await log
          .filter({ hasText: tr.t("simulator.rejected", { error: empty }) })
          .first()
          .waitFor();
        await log.filter({ hasText: sideways }).first().waitFor();
        await log.filter({ hasText: noContact }).first().waitFor();
        const simulatorErrors = await readableWithoutCode(simulator, "#log .err");
        noDeveloperEnglish(simulatorErrors, "simulator");

        if (language !== "en") {
          const reasons = await readableWithoutCode(
            pane,
            "#activity-list li[data-kind=error], #activity-list li[data-kind=warn], #not-understood-list .reason",
          );
          expect(latinWords(reasons), `${language}: pane`).toEqual([]);
          expect(latinWords((await unusable.first().textContent()) ?? ""), `${language}: card`).toEqual([]);
          // The simulator names TelefUM's commands (it plays TelefUM); its log lines also show what was sent.
          const said = simulatorErrors.replace(/^\S+\s+/gm, "");
          const commands = ["CARD", "CREATECARD", "CALLHISTORY"];
          expect(
            latinWords(said).filter((word) => !commands.includes(word)),
            `${language}: simulator`,
          ).toEqual([]);
        }
        expect(errors).toEqual([]);
      } finally {
        await t.stop();
      }
    },
    90_000,
  );

  it.each(LANGUAGES)(
    "%s: a sign-in with the network down says so, MSAL's words only in the log",
    async (language) => {
      await trustFakeGraphCertificate();
      const graph = await new FakeGraph().start();
      const t = await startTestBridge("self-signed", {
        settings: { language },
        microsoft365: graph.microsoft365Config("00000000-0000-0000-0000-0000000023a1"),
      });
      try {
        const tr = translator(language);
        const { page: pane } = await openNarrowPage(browser, `${t.url}/taskpane.html`, language);
        await pane.waitForSelector("#m365[data-state='signed-out']");
        graph.networkDown = true;
        await pane.locator("#m365").getByTestId("m365-signin").click();
        const network = reasonText(tr, { code: "SIGNIN_NETWORK" });
        const shown = pane.getByTestId("m365-signin-error");
        await shown.waitFor();
        expect(await shown.textContent()).toBe(tr.t("m365.signInFailed", { error: network }));
        // The bridge keeps MSAL's own words for the log, and says the reason by its code.
        const status = await t.bridge.m365.status();
        expect(status.signInReason).toEqual({ code: "SIGNIN_NETWORK" });
        expect(status.signInError).toMatch(/network|fetch|ECONN/i);
        // biome-ignore lint/performance/useDomNodeTextContent: what is rendered
        noDeveloperEnglish(await pane.evaluate(() => document.body.innerText), "pane");
        if (language !== "en") expect(latinWords((await shown.textContent()) ?? "")).toEqual([]);
      } finally {
        graph.networkDown = false;
        await t.stop();
        await graph.stop();
      }
    },
    90_000,
  );
});
