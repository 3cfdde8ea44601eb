/**
 * Beyond caller ID, signed in to Microsoft 365, through a real bridge and the fake Graph over HTTPS: the card's
 * context from the mailbox (last emails, meetings, open missed-call tasks, calls logged elsewhere with their
 * recording), an unknown number found in an email signature and created as a contact that TelefUM then gets, notes
 * and SMS written into the contact's notes and the "Calls" event, and a call back closing the To Do task.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeGraph, type GraphContact, trustFakeGraphCertificate } from "../fakes/graph/index.js";
import { startContextBridge, type ContextBridge } from "./context-bridge.js";

const CLIENT_ID = "00000000-0000-0000-0000-00000000c11e";
const IRYNA = "0975550101";
const DAY = 86_400_000;

let graph: FakeGraph;
let dir: string;
let t: ContextBridge;
let iryna: GraphContact;
let irynaId: string;

/** Graph's UTC dateTime `days` from now, to the second. */
const utcAt = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 19);
/** TelefUM's local `yyyy-mm-dd hh:mm:ss`, `days` from now. */
function telefumAt(days: number): string {
  const d = new Date(Date.now() + days * DAY);
  const pad = (n: number) => String(n).padStart(2, "0");
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ` +
    `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
  );
}

async function signedInBridge(dataDir: string, extra: Record<string, unknown> = {}): Promise<ContextBridge> {
  const bridge = await startContextBridge(dataDir, {
    microsoft365: graph.microsoft365Config(CLIENT_ID, { calls: { missedCallTask: true } }),
    ...extra,
  });
  await bridge.bridge.m365.signInWithDeviceCode(() => undefined);
  await bridge.bridge.m365.syncNow();
  return bridge;
}

async function context(number: string): Promise<Record<string, unknown>> {
  const [status, body] = await t.api("GET", `/api/context?number=${encodeURIComponent(number)}`);
  expect(status).toBe(200);
  return body as Record<string, unknown>;
}

beforeAll(async () => {
  await trustFakeGraphCertificate();
  graph = await new FakeGraph().start();
  graph.devicePendingPolls = 0;
  iryna = graph.addContact({
    displayName: "Ірина Коваль",
    companyName: "Contoso",
    mobilePhone: "+380 97 555 01 01",
    emailAddresses: [{ name: "Ірина Коваль", address: "iryna@contoso.test" }],
  });
  dir = mkdtempSync(join(tmpdir(), "context-m365-"));
  t = await signedInBridge(dir);
  irynaId = t.bridge.directory.findByExternalId("outlook", iryna.id)!.id;
}, 60_000);

afterAll(async () => {
  await t?.bridge.stop();
  await graph?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("the call card's context from Microsoft 365", () => {
  it("shows the last 5 emails, the last and next meeting, open missed-call tasks, calls logged elsewhere", async () => {
    const me = { name: "Anna Operator", address: "anna@contoso.test" };
    const them = { name: "Ірина Коваль", address: "iryna@contoso.test" };
    for (let i = 1; i <= 6; i++) {
      const incoming = i % 2 === 1;
      graph.addMessage({
        subject: `Договір ${i}`,
        body: "Добрий день",
        from: incoming ? them : me,
        toRecipients: [incoming ? me : them],
        receivedDateTime: `2026-11-0${i}T09:00:00Z`,
      });
    }
    graph.addMessage({
      subject: "Не про неї",
      body: "…",
      from: { name: "Хтось", address: "someone@else.test" },
      toRecipients: [me],
      receivedDateTime: "2026-11-10T09:00:00Z",
    });
    const [old, past, future, soon] = [-20, -3, 2, 1].map((days) => ({
      start: utcAt(days),
      end: utcAt(days + 1 / 24),
    }));
    graph.addEvent({ subject: "Давня зустріч", ...old!, attendees: [them.address] });
    const last = graph.addEvent({ subject: "Огляд", ...past!, attendees: [them.address] });
    const next = graph.addEvent({ subject: "Підписання", ...future!, attendees: [them.address] });
    graph.addEvent({ subject: "Без неї", ...soon!, attendees: ["x@else.test"] });

    // A missed call: the outbox writes its event and its To Do task.
    const missedAt = telefumAt(-1);
    await t.deliver(`CALLHISTORY^${IRYNA}^in^False^${missedAt}^0:00:00^^`);
    await t.bridge.m365.flushOutbox();
    const task = graph.tasks.at(-1)!;
    expect(task.title).toBe(`Call back Ірина Коваль (${IRYNA})`);
    // A call another PC logged in the "Calls" calendar, with its recording.
    const callsCalendar = graph.calendars.find((c) => c.name === "Calls")!;
    const elsewhereAt = telefumAt(-5);
    graph.events.push({
      id: "evt-elsewhere",
      calendarId: callsCalendar.id,
      subject: "→ Ірина Коваль (answered, 0:05:00)",
      start: { dateTime: elsewhereAt.replace(" ", "T"), timeZone: "UTC" },
      end: { dateTime: elsewhereAt.replace(" ", "T").replace(/:\d\d$/, ":59"), timeZone: "UTC" },
      body: {
        contentType: "text",
        content: `☎ ${elsewhereAt} · outgoing · answered · 0:05:00 · ${IRYNA} · recording: https://files.test/r1.mp3`,
      },
    });

    const answer = await context(IRYNA);
    expect(answer.microsoft365).toBe("signed-in");
    expect(answer.contacts).toEqual([expect.objectContaining({ id: irynaId, name: "Ірина Коваль" })]);
    expect(answer.mail).toEqual(
      [6, 5, 4, 3, 2].map((i) => ({
        id: graph.messages[i - 1]!.id,
        subject: `Договір ${i}`,
        at: `2026-11-0${i}T09:00:00Z`,
        direction: i % 2 === 1 ? "in" : "out",
        webLink: graph.messages[i - 1]!.webLink,
      })),
    );
    expect(answer.meetings).toEqual({
      last: { id: last.id, subject: "Огляд", ...past, webLink: last.webLink },
      next: { id: next.id, subject: "Підписання", ...future, webLink: next.webLink },
    });
    expect(answer.tasks).toEqual([{ id: task.id, title: `Call back Ірина Коваль (${IRYNA})` }]);
    expect(answer.calls).toEqual([
      { start: missedAt, direction: "in", answered: false, durationSeconds: 0, source: "local" },
      {
        start: elsewhereAt,
        direction: "out",
        answered: true,
        durationSeconds: 300,
        recordingUrl: "https://files.test/r1.mp3",
        source: "mailbox",
      },
    ]);
    expect(answer.unavailable).toEqual([]);
    // $search on participants, one request for all of the contact's addresses; no $orderby with it.
    const search = graph.log.filter((r) => r.path === "/v1.0/me/messages");
    expect(search.at(-1)!.status).toBe(200);
  });

  it("keeps the mailbox parts briefly: a second card for the number asks Graph nothing", async () => {
    const before = graph.log.length;
    await context(IRYNA);
    expect(graph.log.slice(before)).toEqual([]);
  });

  it("writes a note into the contact's notes and the Calls event, and follows an edit", async () => {
    const at = telefumAt(-0.01);
    await t.deliver(`CONTACT?^${IRYNA}^1^1^`);
    const [, saved] = await t.api("POST", "/api/notes", { number: IRYNA, text: "Хоче знижку" });
    const noteId = (saved as { note: { id: number } }).note.id;
    await t.deliver(`CALLHISTORY^${IRYNA}^in^True^${at}^0:03:00^^`);
    await t.bridge.m365.flushOutbox();
    await t.bridge.m365.flushFollowUps();
    const line = `☎ ${at} · incoming · answered · 3 min · ${IRYNA} · note: Хоче знижку`;
    expect(graph.contact(iryna.id)!.personalNotes!.split("\r\n")).toContain(line);
    const event = graph.events.find((e) =>
      (e.body as { content?: string } | undefined)?.content?.startsWith(`☎ ${at}`),
    )!;
    expect(event.body).toEqual({ contentType: "text", content: line });

    await t.api("POST", "/api/notes", { number: IRYNA, text: "Хоче знижку 5%", id: noteId });
    await t.bridge.m365.flushFollowUps();
    const edited = `☎ ${at} · incoming · answered · 3 min · ${IRYNA} · note: Хоче знижку 5%`;
    const lines = graph.contact(iryna.id)!.personalNotes!.split("\r\n");
    expect(lines.filter((l) => l.startsWith(`☎ ${at}`))).toEqual([edited]);
    expect(event.body).toEqual({ contentType: "text", content: edited });
  });

  it("puts every SMS sent from Outlook into the contact's notes", async () => {
    await t.api("POST", "/api/sms", { number: IRYNA, text: "Рахунок\nнадіслано", device: 5 });
    await t.api("POST", "/api/sms-template", { number: IRYNA });
    await t.bridge.m365.flushFollowUps();
    const sent = (await context(IRYNA)).sms as { sentAt: string }[];
    const local = (iso: string) => {
      const d = new Date(iso);
      const pad = (n: number) => String(n).padStart(2, "0");
      return (
        `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ` +
        `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
      );
    };
    const lines = graph
      .contact(iryna.id)!
      .personalNotes!.split("\r\n")
      .filter((l) => l.startsWith("✉"));
    expect(lines).toEqual([
      `✉ ${local(sent[1]!.sentAt)} · SMS out · ${IRYNA} · internet · Рахунок надіслано`,
      `✉ ${local(sent[0]!.sentAt)} · SMS out · ${IRYNA} · SMS from template`,
    ]);
  });

  it("clears a missed call called back and completes its To Do task", async () => {
    const missed = async () => ((await t.api("GET", "/api/missed"))[1] as { calls: { number: string }[] }).calls;
    expect((await missed()).map((c) => c.number)).toEqual([IRYNA]);
    const task = graph.tasks.at(-1)!;
    expect(task.status).toBe("notStarted");
    await t.api("POST", "/api/call", { number: IRYNA });
    await t.deliver(`CALLHISTORY^${IRYNA}^out^True^${telefumAt(0)}^0:01:00^^`);
    await t.bridge.m365.flushOutbox();
    await t.bridge.m365.flushFollowUps();
    expect(await missed()).toEqual([]);
    expect(task.status).toBe("completed");
    expect((await context(IRYNA)).tasks).toEqual([]);
  });

  it("offers the person whose signature carries an unknown number, and once created TelefUM gets them", async () => {
    const message = graph.addMessage({
      subject: "Рахунок №17",
      body: [
        "Добрий день!",
        "Надсилаю рахунок.",
        "",
        "--",
        "З повагою,",
        "Олег Данилюк",
        'ТОВ "Фабрикам"',
        "тел. (067) 535-53-55",
        "oleg@fabrikam.test",
      ].join("\n"),
      from: { name: "Олег Данилюк", address: "oleg@fabrikam.test" },
      toRecipients: [{ name: "Anna Operator", address: "anna@contoso.test" }],
      receivedDateTime: "2026-11-12T08:00:00Z",
    });
    await t.deliver("CONTACT?^0675355355^2^1^");
    expect(t.transport.sent.at(-1)).toBe("NOCONTACT^0675355355^2^1^");
    const answer = await context("0675355355");
    expect(answer.suggestions).toEqual([
      {
        name: "Олег Данилюк",
        email: "oleg@fabrikam.test",
        company: 'ТОВ "Фабрикам"',
        line: "тел. (067) 535-53-55",
        subject: "Рахунок №17",
        messageId: message.id,
        webLink: message.webLink,
      },
    ]);
    // Nothing goes to TelefUM from a guess.
    expect(t.transport.sent.at(-1)).toBe("NOCONTACT^0675355355^2^1^");

    const [status, created] = await t.api("POST", "/api/contacts", {
      number: "0675355355",
      name: "Олег Данилюк",
      email: "oleg@fabrikam.test",
      company: 'ТОВ "Фабрикам"',
    });
    expect(status).toBe(201);
    const id = (created as { contact: { id: string } }).contact.id;
    const outlook = [...graph.contacts.values()].find((c) => c.displayName === "Олег Данилюк")!;
    expect(outlook.emailAddresses).toEqual([{ name: "Олег Данилюк", address: "oleg@fabrikam.test" }]);
    await t.deliver("CONTACT?^0675355355^2^1^");
    expect(t.transport.sent.at(-1)).toBe(`CONTACT^0675355355^2^1^Олег Данилюк^ТОВ "Фабрикам"^^${id}^`);
    expect((await context("0675355355")).suggestions).toEqual([]);
  });

  it('looks in no mail for an unknown number with lookup.fromMail "off"', async () => {
    const offDir = mkdtempSync(join(tmpdir(), "context-off-"));
    const off = await signedInBridge(offDir, { lookup: { fromMail: "off" } });
    try {
      const before = graph.requests("GET", /\/me\/messages$/).length;
      const [, answer] = await off.api("GET", "/api/context?number=0931234567");
      expect(answer).toMatchObject({ microsoft365: "signed-in", contacts: [], suggestions: [], unavailable: [] });
      expect(graph.requests("GET", /\/me\/messages$/).length).toBe(before);
    } finally {
      await off.bridge.stop();
      rmSync(offDir, { recursive: true, force: true });
    }
  });
});
