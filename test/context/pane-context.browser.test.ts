/**
 * The call card's context, notes and missed calls in headless chromium (Ukrainian locale), against real bridges:
 * one on local data alone, one signed in to the fake Microsoft 365.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeGraph, trustFakeGraphCertificate } from "../fakes/graph/index.js";
import { ensureAddinBuilt, haveChromium, launchChromium, openPane } from "../support/browser.js";
import { startContextBridge, type ContextBridge } from "./context-bridge.js";

const CLIENT_ID = "00000000-0000-0000-0000-00000000c11e";
const haveBrowser = haveChromium("the call context browser tests");
/** The meeting the fake mailbox holds, two days ahead: one value, so a slow run cannot cross a minute. */
const meetingStart = new Date(Date.now() + 2 * 86_400_000);
const UK_MONTHS = [
  "січ.",
  "лют.",
  "бер.",
  "квіт.",
  "трав.",
  "черв.",
  "лип.",
  "серп.",
  "вер.",
  "жовт.",
  "лист.",
  "груд.",
];

/** A moment in the pane's one format, written out here: "25 лист., 10:00" ("25 лист. 2026 р., 10:00" another year). */
function ukMoment(at: Date): string {
  const year = at.getFullYear() === new Date().getFullYear() ? "" : ` ${at.getFullYear()} р.`;
  const clock = `${String(at.getHours()).padStart(2, "0")}:${String(at.getMinutes()).padStart(2, "0")}`;
  return `${at.getDate()} ${UK_MONTHS[at.getMonth()]}${year}, ${clock}`;
}
const nov25 = (clock: string): string => ukMoment(new Date(`2026-11-25T${clock}:00`));

let graph: FakeGraph;
let dirs: string[] = [];
let local: ContextBridge;
let online: ContextBridge;
let browser: Browser;
let page: Page;
let pageErrors: string[] = [];

beforeAll(async () => {
  if (!haveBrowser) return;
  await ensureAddinBuilt();
  await trustFakeGraphCertificate();
  graph = await new FakeGraph().start();
  graph.devicePendingPolls = 0;
  dirs = [mkdtempSync(join(tmpdir(), "pane-context-")), mkdtempSync(join(tmpdir(), "pane-context-"))];
  local = await startContextBridge(dirs[0]!, {});
  online = await startContextBridge(dirs[1]!, {
    microsoft365: graph.microsoft365Config(CLIENT_ID, { calls: { missedCallTask: true } }),
  });
  await online.bridge.m365.signInWithDeviceCode(() => undefined);
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await local?.bridge.stop();
  await online?.bridge.stop();
  await graph?.stop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const card = () => page.locator("#call-card");

describe.skipIf(!haveBrowser)("the call card beyond caller ID, local data alone", () => {
  beforeAll(async () => {
    ({ page, errors: pageErrors } = await openPane(browser, local.url));
    await local.api("POST", "/api/contacts", { number: "0671112233", name: "Вася Петров", company: "Меридиан" });
  });

  it("keeps what is typed in the notes box and shows it with the call once logged", async () => {
    local.transport.deliver("CONTACT?^0671112233^1^1^");
    await card().locator(".contact-name", { hasText: "Вася Петров" }).waitFor();
    await card().getByTestId("context-no-calls").waitFor();
    expect(await card().getByTestId("context-no-calls").textContent()).toBe("Дзвінків ще не було.");
    await card().getByTestId("call-notes").fill("Просить рахунок");
    await expect.poll(() => card().getByTestId("call-notes-state").textContent()).toBe("збережено");

    // A reloaded pane goes on with the same note.
    await page.reload();
    await page.waitForSelector("#status[data-state='connected']");
    local.transport.deliver("CONTACT?^0671112233^1^1^");
    await expect.poll(() => card().getByTestId("call-notes").inputValue()).toBe("Просить рахунок");

    local.transport.deliver("CALLHISTORY^0671112233^in^True^2026-11-25 10:00:00^0:02:00^^");
    await expect
      .poll(() => card().getByTestId("context-call").allTextContents())
      .toEqual([`${nov25("10:00")} · вхідний · 2 хв · Просить рахунок`]);
    expect(pageErrors).toEqual([]);
  });

  it("lists an SMS sent from the card", async () => {
    await card().getByTestId("sms").first().click();
    await page.fill("#sms-text", "Рахунок надіслано");
    await page.getByTestId("sms-send").click();
    await expect
      .poll(() => card().getByTestId("sms-line").allTextContents())
      .toEqual([expect.stringMatching(/^\d{1,2} [а-яіїєґ]+\.( \d{4} р\.)?, \d\d:\d\d · Рахунок надіслано$/)]);
  });

  it("lists missed calls with Call and Done until called back", async () => {
    const missed = page.locator("#missed-calls");
    local.transport.deliver("CALLHISTORY^0671112233^in^False^2026-11-25 11:00:00^0:00:00^^");
    local.transport.deliver("CALLHISTORY^0509998877^in^False^2026-11-25 11:05:00^0:00:00^^");
    await expect
      .poll(() => missed.locator("[data-testid='missed-call'] > span").allTextContents())
      .toEqual([`${nov25("11:05")} · 050 999 88 77`, `${nov25("11:00")} · Вася Петров`]);
    await missed
      .locator("[data-testid='missed-call']", { hasText: "Вася Петров" })
      .getByTestId("missed-call-back")
      .click();
    await expect.poll(() => local.transport.sent).toContain("CALL^0671112233^");
    local.transport.deliver("CALLHISTORY^0671112233^out^True^2026-11-25 11:10:00^0:01:00^^");
    await expect
      .poll(() => missed.locator("[data-testid='missed-call'] > span").allTextContents())
      .toEqual([`${nov25("11:05")} · 050 999 88 77`]);
    await missed.getByTestId("missed-done").click();
    await missed.getByTestId("missed-none").waitFor();
    // Done is not a call back: the pane says what was done, and the empty list claims no more than it knows.
    await page.locator("#toast", { hasText: "Позначено як опрацьований (без передзвону): 050 999 88 77." }).waitFor();
    const none = "Немає пропущених дзвінків, що чекають на відповідь.";
    expect(await missed.getByTestId("missed-none").textContent()).toBe(none);
  });
});

describe.skipIf(!haveBrowser)("the call card beyond caller ID, signed in to Microsoft 365", () => {
  beforeAll(async () => {
    const them = { name: "Ірина Коваль", address: "iryna@contoso.test" };
    const me = { name: "Anna Operator", address: "anna@contoso.test" };
    graph.addContact({
      displayName: "Ірина Коваль",
      mobilePhone: "+380 97 555 01 01",
      emailAddresses: [them],
    });
    await online.bridge.m365.syncNow();
    graph.addMessage({
      subject: "Договір",
      body: "Добрий день",
      from: them,
      toRecipients: [me],
      receivedDateTime: "2026-11-20T09:00:00Z",
    });
    const soon = meetingStart.toISOString().slice(0, 19);
    const after = new Date(meetingStart.getTime() + 3_600_000).toISOString().slice(0, 19);
    graph.addEvent({ subject: "Підписання", start: soon, end: after, attendees: [them.address] });
    graph.addMessage({
      subject: "Рахунок №17",
      body: 'Добрий день!\n\n--\nОлег Данилюк\nТОВ "Фабрикам"\nтел. (067) 535-53-55',
      from: { name: "Олег Данилюк", address: "oleg@fabrikam.test" },
      toRecipients: [me],
      receivedDateTime: "2026-11-12T08:00:00Z",
    });
    ({ page, errors: pageErrors } = await openPane(browser, online.url));
  });

  it("shows the last emails and the next meeting, each opening its Outlook on the web link", async () => {
    online.transport.deliver("CONTACT?^0975550101^1^1^");
    await card().locator(".contact-name", { hasText: "Ірина Коваль" }).waitFor();
    await card().getByTestId("mail-line").first().waitFor();
    expect(await card().getByTestId("mail-line").allTextContents()).toEqual([
      `${ukMoment(new Date("2026-11-20T09:00:00Z"))} ← Договір`,
    ]);
    expect(await card().getByTestId("mail-line").getAttribute("href")).toBe(graph.messages[0]!.webLink);
    expect(await card().getByTestId("meeting-line").textContent()).toBe(`${ukMoment(meetingStart)} Підписання`);
    const popup = page.waitForEvent("popup");
    await card().getByTestId("mail-line").click();
    expect((await popup).url()).toBe(graph.messages[0]!.webLink);
    expect(pageErrors).toEqual([]);
  });

  it("offers the person found in a mail signature and creates them in one click; TelefUM then gets them", async () => {
    online.transport.deliver("CONTACT?^0675355355^1^1^");
    await card().getByTestId("unknown-caller").waitFor();
    const found = card().getByTestId("suggestion");
    await found.waitFor();
    expect(await found.textContent()).toBe(
      'Олег Данилюк oleg@fabrikam.testТОВ "Фабрикам"тел. (067) 535-53-55Створити контакт',
    );
    await found.getByTestId("create-from-mail").click();
    await card().locator(".contact-name", { hasText: "Олег Данилюк" }).waitFor();
    const id = online.bridge.directory.lookup("0675355355")[0]!.id;
    await online.deliver("CONTACT?^0675355355^1^1^");
    expect(online.transport.sent.at(-1)).toBe(`CONTACT^0675355355^1^1^Олег Данилюк^ТОВ "Фабрикам"^^${id}^`);
  });
});
