/**
 * The task pane in headless chromium against a running bridge: search → Call, live incoming call card over the
 * WebSocket, SMS composer, chooser for a shared number, new-contact form and the history chart.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureAddinBuilt, haveChromium, launchChromium, openPane } from "../support/browser.js";
import { startTestBridge, type TestBridge } from "./helpers.js";

let t: TestBridge;
let browser: Browser;
let page: Page;
let pageErrors: string[] = [];

/** Waits until the transport has sent `text` (the pane's request is async). */
async function sentToTelefum(text: string): Promise<void> {
  await expect.poll(() => t.transport.sent, { timeout: 10_000 }).toContain(text);
}

const haveBrowser = haveChromium("the task pane browser tests");

beforeAll(async () => {
  if (!haveBrowser) return; // the tests below are skipped
  await ensureAddinBuilt();
  t = await startTestBridge("self-signed");
  browser = await launchChromium();
  ({ page, errors: pageErrors } = await openPane(browser, t.url));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

describe.skipIf(!haveBrowser)("task pane in chromium", () => {
  it("loads over HTTPS with the pairing token and runs standalone (no Office host)", async () => {
    expect(await page.getAttribute("body", "data-mode")).toBe("standalone");
    expect(await page.getAttribute('meta[name="telefum-bridge-token"]', "content")).toBe(t.token);
    expect(await page.evaluate(() => typeof Office)).toBe("object");
    const served = await page.request.get(`${t.url}/taskpane.html`);
    expect(served.headers()["cache-control"]).toBe("no-store");
    expect(served.headers()["content-security-policy"]).toContain("frame-ancestors 'self' https://*.office.com");
    expect(pageErrors).toEqual([]);
  });

  it("a foreign web page can neither read the token nor make the bridge dial", async () => {
    // A page from another origin (plain HTTP on 127.0.0.1) tries every trick a browser allows.
    const evil = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<!doctype html><title>evil</title>");
    });
    await new Promise<void>((resolve) => evil.listen(0, "127.0.0.1", resolve));
    const evilPage = await page.context().newPage();
    try {
      await evilPage.goto(`http://127.0.0.1:${(evil.address() as AddressInfo).port}/`);
      const outcome = await evilPage.evaluate(async (bridge) => {
        const results: string[] = [];
        const attempt = async (label: string, run: () => Promise<Response>): Promise<void> => {
          try {
            const res = await run();
            results.push(
              `${label}:${res.type}:${res.status}:${res.type === "opaque" ? "" : (await res.text()).slice(0, 40)}`,
            );
          } catch {
            results.push(`${label}:blocked`);
          }
        };
        await attempt("read-pane", () => fetch(`${bridge}/taskpane.html`));
        await attempt("json-call", () =>
          fetch(`${bridge}/api/call`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: '{"number":"0675355355"}',
          }),
        );
        await attempt("simple-call", () =>
          fetch(`${bridge}/api/call`, { method: "POST", mode: "no-cors", body: '{"number":"0675355355"}' }),
        );
        await attempt("guess-token", () =>
          fetch(`${bridge}/api/call`, {
            method: "POST",
            headers: { "content-type": "application/json", "x-bridge-token": "guess" },
            body: '{"number":"0675355355"}',
          }),
        );
        const socket = await new Promise<string>((resolve) => {
          const ws = new WebSocket(`${bridge.replace("https:", "wss:")}/api/events`);
          ws.onopen = () => resolve("open");
          ws.onerror = () => resolve("refused");
        });
        results.push(`socket:${socket}`);
        return results;
      }, t.url);
      // Every readable answer is refused; nothing went to TelefUM.
      for (const line of outcome) expect(line, line).toMatch(/:blocked$|:opaque:0:$|socket:refused/);
      expect(t.transport.sent.filter((text) => text.startsWith("CALL^"))).toEqual([]);
    } finally {
      await evilPage.close();
      await new Promise((resolve) => evil.close(resolve));
    }
  });

  it("ribbon Call (function file) dials the sender's number through the bridge", async () => {
    const commands = await page.context().newPage();
    try {
      await commands.goto(`${t.url}/commands.html`);
      await commands.waitForFunction(
        () => typeof (window as unknown as { callFromItem?: unknown }).callFromItem === "function",
      );
      const before = t.transport.sent.length;
      // Plays Outlook: a read message from Вася (whose contact has the number), then the ribbon button.
      const completed = await commands.evaluate(
        () =>
          new Promise<boolean>((resolve) => {
            const item = {
              from: { displayName: "Вася Петров", emailAddress: "vasya@meridian.example" },
              body: {
                getAsync: (_type: unknown, callback: (r: { status: string; value: string }) => void) =>
                  callback({ status: "succeeded", value: "" }),
              },
            };
            // office.js's own Office.context is read-only: stand in an Office whose context has the item.
            const w = window as unknown as { Office: object };
            w.Office = Object.create(w.Office, { context: { value: { mailbox: { item } } } }) as object;
            const run = (window as unknown as { callFromItem(event: { completed(): void }): void }).callFromItem;
            run({ completed: () => resolve(true) });
          }),
      );
      expect(completed).toBe(true);
      expect(t.transport.sent.slice(before)).toEqual(["CALL^0675355355^"]);
    } finally {
      await commands.close();
    }
  });

  it("searches a contact and Call makes the bridge send CALL to TelefUM", async () => {
    await page.fill("#search-input", "Вася");
    const row = page.locator("#search-results li.contact", { hasText: "Вася Петров" });
    await row.waitFor();
    await expect.poll(() => row.locator(".number").first().textContent()).toBe("067 535 53 55");
    await row.getByTestId("call").first().click();
    await sentToTelefum("CALL^0675355355^");
    await page.locator("#toast", { hasText: "Надіслано до TelefUM: подзвонити на 067 535 53 55." }).waitFor();
  });

  it("shows the incoming call card live over the WebSocket", async () => {
    t.transport.deliver("CONTACT?^0675355355^1^1^");
    const card = page.locator("#call-card");
    await card.locator(".contact-name", { hasText: "Вася Петров" }).waitFor();
    expect(await card.getByTestId("call-number").textContent()).toBe("067 535 53 55");
    expect(await card.locator(".note").textContent()).toBe("Хороший человек");
    expect(t.transport.sent).toContain('CONTACT^0675355355^1^1^Вася Петров^Агенство "Меридиан"^Хороший человек^1^');
  });

  it("composes an SMS (text + device) and asks TelefUM for templates", async () => {
    await page.locator("#call-card").getByTestId("sms").first().click();
    await page.locator("#sms").waitFor({ state: "visible" });
    expect(await page.inputValue("#sms-number")).toBe("067 535 53 55");
    await page.fill("#sms-text", "Передзвоніть, будь ласка");
    await page.selectOption("#sms-device", "5");
    await page.getByTestId("sms-send").click();
    await sentToTelefum("SENDSMS^0675355355^Передзвоніть, будь ласка^5^");
    await page.locator("#sms").waitFor({ state: "hidden" });

    await page.locator("#call-card").getByTestId("sms").first().click();
    await page.selectOption("#sms-device", "2");
    await page.fill("#sms-text", "Другий телефон");
    await page.getByTestId("sms-send").click();
    await sentToTelefum("SENDSMS^0675355355^Другий телефон^2^");

    await page.locator("#call-card").getByTestId("sms").first().click();
    await page.getByTestId("sms-template").click();
    await sentToTelefum("SENDSMSSHABL^0675355355^");
  });

  it("warns before sending SMS text TelefUM cannot carry, and sends its best fit", async () => {
    await page.locator("#call-card").getByTestId("sms").first().click();
    await page.fill("#sms-text", "Дякую 🙂 café");
    expect(await page.textContent("#sms-warning")).toBe(
      "TelefUM спростить або пропустить те, чого не може показати: 🙂 é",
    );
    await page.fill("#sms-text", "Дякую, «кафе» — 5 €");
    expect(await page.isHidden("#sms-warning")).toBe(true);
    await page.fill("#sms-text", "Дякую 🙂 café");
    await page.selectOption("#sms-device", "1");
    await page.getByTestId("sms-send").click();
    // Over the simulator the text goes as it is; under Wine, cp1251 gets "Дякую cafe" (test/win32).
    await sentToTelefum("SENDSMS^0675355355^Дякую 🙂 café^1^");
  });

  it("offers the chooser for a number three contacts share, remembers the choice and opens the contact", async () => {
    t.transport.deliver("CONTACT?^0441234567^2^1^");
    const card = page.locator("#call-card");
    await card.getByText("Контактів із цим номером: 3").waitFor();
    await card.getByTestId("open-chooser").click();
    const chooser = page.locator("#chooser");
    await chooser.waitFor({ state: "visible" });
    const rows = await chooser
      .locator("li.choice")
      .evaluateAll((items) =>
        items.map((li) => [".contact-name", ".muted", ".note"].map((c) => li.querySelector(c)?.textContent)),
      );
    expect(rows.sort()).toEqual(
      [
        ["Reception", "ТОВ Ромашка", "Front desk"],
        ["Іван Сидоренко", "ТОВ Ромашка", "Директор"],
        ["Олена Коваль", "ТОВ Ромашка", "Бухгалтерія"],
      ].sort(),
    );
    await chooser.locator("li.choice", { hasText: "Олена Коваль" }).getByTestId("choose").click();
    await chooser.waitFor({ state: "hidden" });
    const olena = t.bridge.directory.search("Олена Коваль")[0]!;
    expect(t.bridge.directory.chosenFor("0441234567")).toBe(olena.id);
    // /api/choose also opened the chosen contact (the pane is the card opener here): her card, not the three.
    await card.locator(".badge", { hasText: "Контакт" }).waitFor();
    expect(await card.locator(".contact-name").allTextContents()).toEqual(["Олена Коваль"]);
    // TelefUM now gets the contact the user chose first.
    t.transport.deliver("CONTACT?^0441234567^1^1^");
    await t.bridge.core.idle();
    expect(olena.id).toBe("2");
    expect(t.transport.sent.at(-1)).toBe(
      "CONTACT^0441234567^1^1^Олена Коваль(…)^ТОВ Ромашка(…)^Бухгалтерія(…)^2, 3, 4^",
    );
    // CARD with those ids opens her directly, "choose another" and "forget" one click away.
    t.transport.deliver(`CARD^${t.transport.sent.at(-1)!.split("^")[7]}^`);
    await chooser.locator("#remembered-choice").waitFor();
    expect(await chooser.locator("#remembered-choice").textContent()).toBe(
      "Контакт Олена Коваль запамʼятано для номера 044 123 45 67.",
    );
    await chooser.getByTestId("forget-choice").click();
    await expect.poll(() => t.bridge.directory.chosenFor("0441234567")).toBeUndefined();
    // The bridge forgets before the pane has its answer: wait for the pane to show all three again.
    await expect.poll(() => chooser.locator("li.choice").count()).toBe(3);
    await chooser.getByRole("button", { name: "Скасувати" }).click();
    // A pane is connected: nothing went to the default browser.
    expect(t.opened).toEqual([]);
  });

  it("opens the chooser when TelefUM sends CARD with several ids", async () => {
    t.bridge.directory.forgetChoice("0441234567");
    t.transport.deliver("CONTACT?^0441234567^1^1^");
    await t.bridge.core.idle();
    const ids = t.bridge.directory.lookupAll("0441234567").map((c) => c.id);
    t.transport.deliver(`CARD^${ids.join(", ")}^`);
    const chooser = page.locator("#chooser");
    await chooser.waitFor({ state: "visible" });
    // The bridge forgets before the pane has its answer: wait for the pane to show all three again.
    await expect.poll(() => chooser.locator("li.choice").count()).toBe(3);
    await chooser.getByRole("button", { name: "Скасувати" }).click();
  });

  it("CREATECARD opens the new-contact form in the pane with the number filled in", async () => {
    t.transport.deliver("CREATECARD^0931112299^");
    await page.locator("#new-contact").waitFor({ state: "visible" });
    expect(await page.inputValue("#nc-number")).toBe("0931112299");
    await page.locator("#new-contact").getByRole("button", { name: "Скасувати" }).click();
    // Activity: when, and what happened in words (the command's name is the log's).
    const line = page.locator("#activity-list li", {
      hasText: "відкрито форму нового контакту для 0931112299 — панель",
    });
    await line.waitFor();
    expect(await line.textContent()).toMatch(/^\d{2}:\d{2} · відкрито форму нового контакту для 0931112299 — панель$/);
  });

  it("lists a message TelefUM sent that the bridge could not understand", async () => {
    t.transport.deliver("HELLO^pane^");
    const row = page.locator("#not-understood-list li", { hasText: "HELLO^pane^" });
    await row.waitFor();
    expect(await row.getAttribute("data-code")).toBe("UNKNOWN_COMMAND");
    expect(await row.locator("code").textContent()).toBe("HELLO^pane^");
    expect(await row.locator(".reason").textContent()).toBe("TelefUM надіслав команду, якої міст не приймає: «HELLO».");
  });

  it("creates a contact for an unknown caller from the prefilled form", async () => {
    t.transport.deliver("CONTACT?^0931112233^1^2^");
    const card = page.locator("#call-card");
    await card.getByTestId("unknown-caller").waitFor();
    await card.getByTestId("create-contact").click();
    await page.locator("#new-contact").waitFor({ state: "visible" });
    expect(await page.inputValue("#nc-number")).toBe("0931112233");
    await page.fill("#nc-name", "Марія Нова");
    await page.fill("#nc-company", "ФОП Нова");
    await page.fill("#nc-note", "Постачальник");
    await page.getByTestId("nc-save").click();
    await page.locator("#new-contact").waitFor({ state: "hidden" });
    await card.locator(".contact-name", { hasText: "Марія Нова" }).waitFor();
    const [created] = t.bridge.directory.lookup("0931112233");
    expect(created).toMatchObject({ name: "Марія Нова", company: "ФОП Нова", note: "Постачальник" });
  });

  it("draws the call history chart and updates it when TelefUM logs a call", async () => {
    const now = new Date();
    const pad = (n: number): string => String(n).padStart(2, "0");
    const today = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
    t.transport.deliver(`CALLHISTORY^0675355355^in^True^${today} 09:15:00^0:02:05^C:\\rec\\a.wav^`);
    t.transport.deliver(`CALLHISTORY^0441234567^in^False^${today} 09:20:00^0:00:00^^`);
    t.transport.deliver(`CALLHISTORY^0931112233^out^True^${today} 09:30:00^0:00:40^^`);
    const chart = page.getByTestId("history-chart");
    await expect.poll(() => page.locator(`rect.bar[data-day="${today}"]`).count(), { timeout: 10_000 }).toBe(3);
    expect(await chart.locator("title").first().textContent()).toBe(
      "Дзвінки за днями, останні 14 днів: усього 3 дзвінки",
    );
    const items = await page.locator("#history-list li span").allTextContents();
    expect(items[0]).toMatch(/^\d{1,2} [а-яіїєґ]+\., 09:30 · вихідний · Марія Нова · 40 с$/);
    expect(items.some((text) => text.includes(" · пропущений · "))).toBe(true);
    await page.locator("#history-list li", { hasText: "Вася Петров" }).getByTestId("history-call").click();
    await sentToTelefum("CALL^0675355355^");
    expect(pageErrors).toEqual([]);
  });
});
