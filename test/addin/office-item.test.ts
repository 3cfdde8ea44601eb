/** Phone numbers from the current Outlook item, with Office.js mocked by office-addin-mock. */
import { OfficeMockObject } from "office-addin-mock";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createCommands, pickNumber } from "../../src/commands/commands.js";
import { BridgeApi } from "../../src/shared/api.js";
import { currentItem, readItemPeople } from "../../src/shared/office-item.js";
import { extractPhoneNumbers } from "../../src/shared/phone-extract.js";

const BODY =
  "Добрий день! Мій мобільний +380 67 535 53 55, офіс (044) 123-45-67.\nЗамовлення №12345 від 2026-11-20, 10:30.";

const globals = globalThis as { Office?: unknown };
function installOffice(item: Record<string, unknown>, displayLanguage?: string): OfficeMockObject {
  const mock = new OfficeMockObject(
    {
      context: { mailbox: { item }, ...(displayLanguage ? { displayLanguage } : {}) },
      CoercionType: { Text: "text", Html: "html" },
      MailboxEnums: {
        ItemNotificationMessageType: { InformationalMessage: "informationalMessage", ErrorMessage: "errorMessage" },
      },
    },
    "outlook" as never,
  );
  globals.Office = mock;
  return mock;
}

const asyncValue = (value: unknown) => ({
  getAsync(callback: (result: { status: string; value: unknown }) => void) {
    callback({ status: "succeeded", value });
  },
});
const body = (text: string) => ({
  getAsync(_coercion: unknown, callback: (result: { status: string; value: unknown }) => void) {
    callback({ status: "succeeded", value: text });
  },
});

afterEach(() => {
  delete globals.Office;
});

describe("extractPhoneNumbers", () => {
  it("finds written numbers and skips dates, times and order numbers", () => {
    expect(extractPhoneNumbers(BODY)).toEqual(["+380 67 535 53 55", "(044) 123-45-67"]);
  });
  it("handles 00 prefixes, bare digits and duplicates", () => {
    expect(extractPhoneNumbers("tel 00380675355355, again 0675355355; ext 101; 067-535-53-55")).toEqual([
      "00380675355355",
    ]);
    expect(extractPhoneNumbers("Call 0931112233 or +1 (212) 555-0100")).toEqual(["0931112233", "+1 (212) 555-0100"]);
    expect(extractPhoneNumbers("ID ABC1234567890, 12.11.2026, v1.2.3")).toEqual([]);
  });
});

describe("readItemPeople with office-addin-mock", () => {
  it("reads the sender and body numbers of a message being read", async () => {
    installOffice({
      itemType: "message",
      from: { displayName: "Вася Петров", emailAddress: "Vasya@Meridian.example" },
      body: body(BODY),
    });
    const people = await readItemPeople(currentItem());
    expect(people).toEqual({
      emails: ["vasya@meridian.example"],
      names: ["Вася Петров"],
      bodyNumbers: ["+380 67 535 53 55", "(044) 123-45-67"],
    });
  });

  it("reads recipients asynchronously on a message being composed", async () => {
    installOffice({
      itemType: "message",
      from: asyncValue({ displayName: "Me", emailAddress: "me@our.example" }),
      to: asyncValue([{ displayName: "Олена", emailAddress: "olena@romashka.example" }]),
      cc: asyncValue([]),
      body: body("Мій номер 0931112233"),
    });
    const people = await readItemPeople(currentItem());
    expect(people).toEqual({ emails: ["olena@romashka.example"], names: ["Олена"], bodyNumbers: ["0931112233"] });
  });

  it("reads attendees of a meeting being organized, not the organizer", async () => {
    installOffice({
      itemType: "appointment",
      organizer: asyncValue({ displayName: "Me", emailAddress: "me@our.example" }),
      requiredAttendees: asyncValue([{ displayName: "Reception", emailAddress: "desk@romashka.example" }]),
      optionalAttendees: asyncValue([{ displayName: "Reception again", emailAddress: "DESK@romashka.example" }]),
      body: body(""),
    });
    expect(await readItemPeople(currentItem())).toEqual({
      emails: ["desk@romashka.example"],
      names: ["Reception"],
      bodyNumbers: [],
    });
  });

  it("reads the organizer of a meeting", async () => {
    installOffice({
      itemType: "appointment",
      organizer: { displayName: "Reception", emailAddress: "desk@romashka.example" },
      body: body("Dial-in: +38 044 1234567"),
    });
    const people = await readItemPeople(currentItem());
    expect(people.emails).toEqual(["desk@romashka.example"]);
    expect(people.bodyNumbers).toEqual(["+38 044 1234567"]);
  });

  it("yields nothing outside Outlook", async () => {
    expect(currentItem()).toBeUndefined();
    expect(await readItemPeople(currentItem())).toEqual({ emails: [], names: [], bodyNumbers: [] });
  });
});

describe("ribbon commands", () => {
  function fakeApi(contacts: unknown[] = []) {
    const calls: { path: string; body: unknown; token: string | null }[] = [];
    const fetchImpl = (async (input: string | URL | Request, init?: RequestInit) => {
      const url = new URL(String(input));
      const headers = new Headers(init?.headers);
      calls.push({
        path: url.pathname + url.search,
        body: init?.body ? JSON.parse(String(init.body)) : undefined,
        token: headers.get("x-bridge-token"),
      });
      const answer = url.pathname === "/api/contacts" ? { contacts } : { sent: "ok" };
      return new Response(JSON.stringify(answer), { status: 200, headers: { "content-type": "application/json" } });
    }) as typeof fetch;
    return { api: new BridgeApi("https://localhost:3000", "tok", fetchImpl), calls };
  }

  it("Call dials the sender's contact number, notifies, and completes the event", async () => {
    const notifications: unknown[] = [];
    installOffice({
      from: { displayName: "Вася", emailAddress: "vasya@meridian.example" },
      body: body("no numbers here"),
      notificationMessages: {
        replaceAsync: (_key: string, details: unknown, callback: () => void) => {
          notifications.push(details);
          callback();
        },
      },
    });
    const { api, calls } = fakeApi([
      { id: "1", email: "vasya@meridian.example", phones: [{ number: "+380 67 535 53 55", kind: "mobile" }] },
    ]);
    const event = { completed: vi.fn() };
    await createCommands(api, () => currentItem() ?? undefined).callFromItem(
      event as unknown as Office.AddinCommands.Event,
    );
    expect(calls.map((c) => c.path)).toEqual(["/api/contacts?q=vasya%40meridian.example", "/api/call"]);
    expect(calls[1]).toMatchObject({ body: { number: "+380 67 535 53 55" }, token: "tok" });
    expect(notifications).toEqual([
      expect.objectContaining({ type: "informationalMessage", message: "Sent to TelefUM: call 067 535 53 55." }),
    ]);
    expect(event.completed).toHaveBeenCalledOnce();
  });

  it("SMS falls back to the first number in the body and opens TelefUM's templates", async () => {
    installOffice({
      from: { displayName: "X", emailAddress: "x@unknown.example" },
      body: body(BODY),
      notificationMessages: { replaceAsync: (_k: string, _d: unknown, cb: () => void) => cb() },
    });
    const { api, calls } = fakeApi([]);
    const event = { completed: vi.fn() };
    await createCommands(api, () => currentItem() ?? undefined).smsFromItem(
      event as unknown as Office.AddinCommands.Event,
    );
    expect(calls.at(-1)).toMatchObject({ path: "/api/sms-template", body: { number: "+380 67 535 53 55" } });
    expect(event.completed).toHaveBeenCalledOnce();
  });

  it("speaks Outlook's display language: Ukrainian and Russian notifications", async () => {
    const notifications: { message: string }[] = [];
    const messages = {
      replaceAsync: (_k: string, d: { message: string }, cb: () => void) => {
        notifications.push(d);
        cb();
      },
    };
    const { api } = fakeApi([
      { id: "1", email: "vasya@meridian.example", phones: [{ number: "+380 67 535 53 55", kind: "mobile" }] },
    ]);
    const from = { displayName: "Вася", emailAddress: "vasya@meridian.example" };
    installOffice({ from, body: body(""), notificationMessages: messages }, "uk-UA");
    await createCommands(api, () => currentItem() ?? undefined).callFromItem({ completed: vi.fn() } as never);
    installOffice({ body: body("nothing"), notificationMessages: messages }, "ru-RU");
    await createCommands(api, () => currentItem() ?? undefined).smsFromItem({ completed: vi.fn() } as never);
    expect(notifications.map((n) => n.message)).toEqual([
      "Надіслано до TelefUM: подзвонити на 067 535 53 55.",
      "В этом элементе нет номера телефона. Откройте панель TelefUM, чтобы найти контакт.",
    ]);
  });

  it("reports an item without numbers and still completes", async () => {
    const notifications: { type: string }[] = [];
    installOffice({
      body: body("nothing"),
      notificationMessages: {
        replaceAsync: (_k: string, d: { type: string }, cb: () => void) => {
          notifications.push(d);
          cb();
        },
      },
    });
    const { api, calls } = fakeApi();
    const event = { completed: vi.fn() };
    await createCommands(api, () => currentItem() ?? undefined).callFromItem(
      event as unknown as Office.AddinCommands.Event,
    );
    expect(calls).toEqual([]);
    expect(notifications.map((n) => n.type)).toEqual(["errorMessage"]);
    expect(event.completed).toHaveBeenCalledOnce();
    expect(await pickNumber(api, { emails: [], names: [], bodyNumbers: [] })).toBeUndefined();
  });
});
