/**
 * The pane's Microsoft 365 section in headless chromium, against a real bridge signed in to the fake Microsoft 365:
 * device code sign-in from the pane, the first sync, Sync now, a lookup answered with the synced contact, sign-out.
 * And a bridge without Microsoft 365 still shows the section: what signing in gives and who can set it up.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FAKE_USER, FakeGraph, trustFakeGraphCertificate } from "../fakes/graph/index.js";
import { type Language, translator } from "../../bridge/i18n/i18n.js";
import { ensureAddinBuilt, haveChromium, launchChromium, openPane } from "../support/browser.js";
import { fitsWidth, latinWordsOnScreen } from "../support/latin-words.js";
import { startTestBridge, type TestBridge } from "./helpers.js";

const CLIENT_ID = "00000000-0000-0000-0000-00000000c11e";

let graph: FakeGraph;
let t: TestBridge;
let plain: TestBridge;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let pageErrors: string[] = [];

const haveBrowser = haveChromium("the Microsoft 365 pane browser tests");

beforeAll(async () => {
  if (!haveBrowser) return;
  await ensureAddinBuilt();
  // The bridge runs in this process: MSAL and the Graph client must trust the fake's certificate.
  await trustFakeGraphCertificate();
  graph = await new FakeGraph().start();
  graph.devicePendingPolls = 2;
  graph.addContact({ displayName: "Ірина Коваль", companyName: "Contoso", mobilePhone: "+380 97 555 01 01" });
  t = await startTestBridge("self-signed", { microsoft365: graph.microsoft365Config(CLIENT_ID) });
  plain = await startTestBridge("self-signed");
  browser = await launchChromium();
  ({ page, errors: pageErrors } = await openPane(browser, t.url));
  context = page.context();
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await t?.stop();
  await plain?.stop();
  await graph?.stop();
});

const section = () => page.locator("#m365");
const text = (testid: string) => section().getByTestId(testid).textContent();

describe.skipIf(!haveBrowser)("Microsoft 365 in the task pane", () => {
  it("shows the section, not signed in", async () => {
    await page.waitForSelector("#m365[data-state='signed-out']");
    expect(await section().isVisible()).toBe(true);
    expect(await text("m365-account")).toBe("Ви не ввійшли");
    // One status block per source: Outlook contacts' count and last sync only in their own row, never twice.
    const contactsRow = section().getByTestId("m365-source-contacts");
    expect(await contactsRow.getByTestId("m365-source-count").textContent()).toBe("0");
    expect(await section().getByTestId("m365-contacts").count()).toBe(0);
    // biome-ignore lint/performance/useDomNodeTextContent: what is rendered is what is said twice or not
    const shown = await section().innerText();
    expect(shown.match(/Контакти Outlook/g)).toHaveLength(1);
    const details = await section().getByTestId("m365-source-detail").allTextContents();
    const perSource = details.filter((detail) => detail.startsWith("Остання синхронізація")).length;
    expect(shown.match(/Остання синхронізація/g)?.length ?? 0).toBe(perSource);
    // What signing in gives, above Sign in.
    expect(await section().getByTestId("m365-offer").locator("li").allTextContents()).toEqual([
      "Контакти організації та ваші контакти Outlook у картці абонента",
      "Дзвінки записуються в календар вашої поштової скриньки",
      "Записи розмов зберігаються у OneDrive",
      "Журнал дзвінків команди: хто дзвонив і хто передзвонить",
    ]);
    expect(await section().getByTestId("m365-setup").count()).toBe(0);
    expect(await section().getByTestId("m365-sync").count()).toBe(0);
  });

  it("Sign in shows the device code and the sign-in link, then the account and the synced contacts", async () => {
    // The token service keeps the first poll unanswered until the code has been seen on the page.
    const release = graph.hold(/\/oauth2\/v2\.0\/token$/);
    try {
      // A first attempt, cancelled: back to Sign in.
      await section().getByTestId("m365-signin").click();
      await page.waitForSelector("#m365[data-state='signing-in']");
      await section().getByTestId("m365-cancel").click();
      await page.waitForSelector("#m365[data-state='signed-out']");
      expect((await t.bridge.m365.status()).deviceCode).toBeUndefined();

      await section().getByTestId("m365-signin").click();
      await page.waitForSelector("#m365[data-state='signing-in']");
      expect(await text("m365-account")).toBe("Вхід…");
      expect(await text("m365-code")).toBe("FAKE-CODE");
      expect(await text("m365-message")).toBe("Відкрийте сторінку входу та введіть код нижче.");
      const link = section().getByTestId("m365-verify");
      expect(await link.getAttribute("href")).toBe(`${graph.url}/devicelogin`);
      expect(await link.getAttribute("target")).toBe("_blank");
      expect(await section().getByTestId("m365-signin").count()).toBe(0);
      // The bridge reports the waiting code too (a reloaded pane shows it again).
      expect((await t.bridge.m365.status()).deviceCode?.userCode).toBe("FAKE-CODE");
    } finally {
      release();
    }
    // The fake approves after two "authorization_pending" polls; the pane polls the status until then.
    await page.waitForSelector("#m365[data-state='signed-in']", { timeout: 30_000 });
    expect(await text("m365-account")).toBe(`Ви ввійшли як ${FAKE_USER.upn}`);
    const contactsRow = section().getByTestId("m365-source-contacts");
    await expect.poll(() => contactsRow.getByTestId("m365-source-count").textContent(), { timeout: 30_000 }).toBe("1");
    await expect
      .poll(() => contactsRow.getByTestId("m365-source-detail").textContent(), { timeout: 30_000 })
      .toMatch(/^Остання синхронізація: (?!ніколи)/);
    expect(await section().getByTestId("m365-offer").count()).toBe(0);
    expect(await text("m365-outbox")).toBe("0 в черзі, 0 з помилкою");
    expect(await section().getByTestId("m365-device").count()).toBe(0);
    expect(graph.requests("POST", /devicecode$/)).toHaveLength(2);
  });

  it("Sync now brings a new Outlook contact, and TelefUM's lookup answers with it", async () => {
    const added = graph.addContact({
      displayName: "Богдан Мельник",
      companyName: "Fabrikam",
      mobilePhone: "+380 97 555 02 02",
    });
    await section().getByTestId("m365-sync").click();
    const count = section().getByTestId("m365-source-contacts").getByTestId("m365-source-count");
    await expect.poll(() => count.textContent(), { timeout: 30_000 }).toBe("2");
    await page.locator("#toast", { hasText: "Синхронізовано: 2 контакти Outlook" }).waitFor();

    const local = t.bridge.directory.findByExternalId("outlook", added.id);
    expect(local).toBeDefined();
    t.transport.deliver("CONTACT?^0975550202^1^1^");
    const reply = `CONTACT^0975550202^1^1^Богдан Мельник^Fabrikam^^${local!.id}^`;
    await expect.poll(() => t.transport.sent, { timeout: 10_000 }).toContain(reply);
  });

  it("lists each source with its count and a switch; Outlook contacts switched off leave the lookups", async () => {
    const row = (key: string) => section().getByTestId(`m365-source-${key}`);
    await expect.poll(() => row("contacts").getByTestId("m365-source-count").textContent()).toBe("2");
    expect(await row("contacts").locator("label").textContent()).toBe(" Контакти Outlook");
    expect(await row("contacts").getByTestId("m365-source-detail").textContent()).toMatch(
      /^Остання синхронізація: (?!ніколи)/,
    );
    expect(await row("directory").getByTestId("m365-source-switch").isChecked()).toBe(false);
    expect(await row("directory").getByTestId("m365-source-detail").textContent()).toBe("Вимкнено");

    await row("contacts").getByTestId("m365-source-switch").uncheck();
    await expect.poll(() => row("contacts").getAttribute("data-enabled")).toBe("false");
    expect(await row("contacts").getByTestId("m365-source-count").textContent()).toBe("0");
    t.transport.deliver("CONTACT?^0975550202^1^1^");
    await expect.poll(() => t.transport.sent.at(-1), { timeout: 10_000 }).toBe("NOCONTACT^0975550202^1^1^");

    await row("contacts").getByTestId("m365-source-switch").check();
    await expect
      .poll(() => row("contacts").getByTestId("m365-source-count").textContent(), { timeout: 30_000 })
      .toBe("2");
  });

  it("a call Outlook refused shows as failed, and Retry failed calls sends it", async () => {
    graph.inject({ method: "POST", path: /\/events$/, status: 403, times: 1 });
    t.transport.deliver("CALLHISTORY^0975550202^in^True^2026-11-25 10:00:00^0:02:00^^");
    await t.bridge.core.idle();
    await t.bridge.m365.flushOutbox();
    await section().getByTestId("m365-sync").click(); // any action refreshes the status
    await expect.poll(() => text("m365-outbox"), { timeout: 30_000 }).toBe("0 в черзі, 1 з помилкою");
    const before = graph.events.length;
    await section().getByTestId("m365-retry").click();
    await page.locator("#toast", { hasText: "1 дзвінок знову чекає запису в Outlook" }).waitFor();
    await t.bridge.m365.flushOutbox();
    expect(graph.events).toHaveLength(before + 1);
    expect(graph.events.at(-1)).toMatchObject({ subject: expect.stringContaining("Богдан Мельник") });
    expect((await t.bridge.m365.status()).outbox).toMatchObject({ pending: 0, failed: 0 });
  });

  it("a pane loaded from 127.0.0.1 passes the same guard: Sync now works there too", async () => {
    const { page: byAddress, errors } = await openPane(browser, t.url.replace("localhost", "127.0.0.1"));
    try {
      await byAddress.waitForSelector("#m365[data-state='signed-in']");
      const answered = byAddress.waitForResponse((r) => r.url().endsWith("/api/m365/sync"));
      await byAddress.locator("#m365").getByTestId("m365-sync").click();
      expect((await answered).status()).toBe(200);
      await byAddress.locator("#toast", { hasText: "Синхронізовано: 2 контакти Outlook" }).waitFor();
      expect(errors).toEqual([]);
    } finally {
      await byAddress.context().close();
    }
  });

  it("Sign out: the section shows not signed in and offers Sign in again", async () => {
    await section().getByTestId("m365-signout").click();
    await page.waitForSelector("#m365[data-state='signed-out']");
    expect(await text("m365-account")).toBe("Ви не ввійшли");
    expect(await section().getByTestId("m365-signin").isVisible()).toBe(true);
    expect(await t.bridge.m365.status()).toMatchObject({ signedIn: false });
    expect(pageErrors).toEqual([]);
  });

  it("a bridge without Microsoft 365 answers its status (no client id) and shows why", async () => {
    const other = await context.newPage();
    try {
      const answered = other.waitForResponse((r) => r.url().endsWith("/api/m365/status"));
      await other.goto(`${plain.url}/taskpane.html`);
      const response = await answered;
      expect([response.status(), await response.json()]).toEqual([
        200,
        { enabled: false, signedIn: false, missing: "clientId" },
      ]);
      await other.waitForSelector("#m365[data-state='not-set-up']");
      expect(await other.locator("#m365").isVisible()).toBe(true);
      expect(await other.locator("#m365").getByTestId("m365-setup").textContent()).toContain(
        "Setup.exe /S /CLIENTID=…",
      );
      expect(await other.locator("#m365").getByTestId("m365-signin").count()).toBe(0);
    } finally {
      await other.close();
    }
  });
});

/** What the section says in each language: the offer's first line, and who can set Microsoft 365 up. */
const SAID: Record<Language, { locale: string; offer: string; setup: string; signIn: string }> = {
  uk: {
    locale: "uk-UA",
    offer: "Що дає вхід у Microsoft 365",
    setup:
      "Вхід ще не налаштовано: адміністратор має вказати ідентифікатор програми Microsoft Entra — під час " +
      "встановлення («Setup.exe /S /CLIENTID=…») або груповою політикою.",
    signIn: "Увійти",
  },
  ru: {
    locale: "ru-RU",
    offer: "Что даёт вход в Microsoft 365",
    setup:
      "Вход ещё не настроен: администратор должен указать идентификатор приложения Microsoft Entra — при " +
      "установке («Setup.exe /S /CLIENTID=…») или групповой политикой.",
    signIn: "Войти",
  },
  en: {
    locale: "en-US",
    offer: "What signing in to Microsoft 365 gives",
    setup:
      "Sign-in is not set up yet: your administrator has to give the Microsoft Entra application (client) ID — " +
      "at installation (Setup.exe /S /CLIENTID=…) or by group policy.",
    signIn: "Sign in",
  },
};

describe.skipIf(!haveBrowser).each(["uk", "ru", "en"] as const)(
  "the Microsoft 365 section in %s at 320 px",
  (language) => {
    const said = SAID[language];

    async function paneAt320(url: string): Promise<Page> {
      const own = await browser.newContext({
        ignoreHTTPSErrors: true,
        locale: said.locale,
        viewport: { width: 320, height: 900 },
      });
      const pane = await own.newPage();
      await pane.goto(`${url}/taskpane.html`);
      await pane.waitForSelector("body[data-ready='true']");
      return pane;
    }

    it("without a client id: what signing in gives and who can set it up, no Sign in", async () => {
      const pane = await paneAt320(plain.url);
      try {
        const m365 = pane.locator("#m365[data-state='not-set-up']");
        await m365.waitFor();
        expect(await m365.locator(".m365-offer-title").textContent()).toBe(said.offer);
        expect(await m365.locator(".m365-offer li").count()).toBe(4);
        expect(await m365.getByTestId("m365-setup").textContent()).toBe(said.setup);
        expect(await m365.getByTestId("m365-signin").count()).toBe(0);
        expect(await fitsWidth(pane)).toBe(true);
        if (language !== "en") expect(await latinWordsOnScreen(pane, "#m365")).toEqual([]);
      } finally {
        await pane.context().close();
      }
    });

    it("with a client id, signed out: what signing in gives, then Sign in; nothing said twice", async () => {
      const pane = await paneAt320(t.url);
      try {
        const m365 = pane.locator("#m365[data-state='signed-out']");
        await m365.waitFor();
        expect(await m365.locator(".m365-offer-title").textContent()).toBe(said.offer);
        expect(await m365.getByTestId("m365-setup").count()).toBe(0);
        expect(await m365.getByTestId("m365-signin").textContent()).toBe(said.signIn);
        expect(await m365.getByTestId("m365-contacts").count()).toBe(0);
        // Outlook contacts are said once, in their own source row, not again in the stats above it.
        const outlookContacts = translator(language).t("m365.contacts");
        expect(await m365.getByTestId("m365-source-contacts").locator("label").textContent()).toBe(
          ` ${outlookContacts}`,
        );
        expect(await m365.locator("#m365-stats").textContent()).not.toContain(outlookContacts);
        expect(await fitsWidth(pane)).toBe(true);
        // The team site's example address is a web address in any language.
        const example = ["https", "contoso", "sharepoint", "com", "sites", "office"];
        if (language !== "en") expect(await latinWordsOnScreen(pane, "#m365", example)).toEqual([]);
      } finally {
        await pane.context().close();
      }
    });
  },
);
