/**
 * Beyond caller ID without Microsoft 365, through a real bridge (real SQLite file, real HTTPS API): notes typed
 * during a call survive a restart and join the call when CALLHISTORY arrives; SMS sent from Outlook are logged;
 * missed calls wait until called back or marked done. And a note is editable for 24 hours only.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CallNotes, NoteNotEditableError } from "../../bridge/calls/call-notes.js";
import { openDatabase } from "../../bridge/store/sqlite.js";
import { startContextBridge, type ContextBridge } from "./context-bridge.js";

const NUMBER = "0671112233";
let dir: string;
let t: ContextBridge;
let contactId: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "context-local-"));
  t = await startContextBridge(dir, {});
  const [status, created] = await t.api("POST", "/api/contacts", {
    number: NUMBER,
    name: "Вася Петров",
    company: "Меридиан",
    email: "vasya@meridian.test",
  });
  expect(status).toBe(201);
  contactId = (created as { contact: { id: string } }).contact.id;
}, 60_000);

afterAll(async () => {
  await t?.bridge.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("the call card's context, local data alone", () => {
  it("keeps a note typed during the call across a restart, and attaches it when CALLHISTORY arrives", async () => {
    await t.deliver(`CONTACT?^${NUMBER}^1^1^`);
    expect(t.transport.sent).toEqual([`CONTACT^${NUMBER}^1^1^Вася Петров^Меридиан^^${contactId}^`]);
    const [saved, first] = await t.api("POST", "/api/notes", { number: NUMBER, text: "Просить рахунок" });
    expect(saved).toBe(200);
    const note = (first as { note: { id: number } }).note;
    expect(note).toMatchObject({ number: NUMBER, text: "Просить рахунок", callId: null });

    await t.bridge.stop();
    t = await startContextBridge(dir, {});
    const [, before] = await t.api("GET", `/api/context?number=${NUMBER}`);
    expect((before as { note: unknown }).note).toMatchObject({ id: note.id, text: "Просить рахунок", callId: null });
    const [, edited] = await t.api("POST", "/api/notes", {
      number: NUMBER,
      text: "Просить рахунок за листопад",
      id: note.id,
    });
    expect((edited as { note: unknown }).note).toMatchObject({ id: note.id, text: "Просить рахунок за листопад" });

    await t.deliver(`CALLHISTORY^${NUMBER}^in^True^2026-11-25 10:00:00^0:02:00^^`);
    const [status, context] = await t.api("GET", `/api/context?number=${NUMBER}`);
    expect(status).toBe(200);
    expect(context).toEqual({
      number: NUMBER,
      contacts: [expect.objectContaining({ id: contactId, name: "Вася Петров", email: "vasya@meridian.test" })],
      microsoft365: "off",
      mail: [],
      meetings: { last: null, next: null },
      tasks: [],
      calls: [
        {
          start: "2026-11-25 10:00:00",
          direction: "in",
          answered: true,
          durationSeconds: 120,
          source: "local",
          note: "Просить рахунок за листопад",
        },
      ],
      sms: [],
      suggestions: [],
      note: null,
      unavailable: [],
    });
    // Attached, and still editable: the call's line follows.
    await t.api("POST", "/api/notes", { number: NUMBER, text: "Рахунок за листопад, до п'ятниці", id: note.id });
    const [, after] = await t.api("GET", `/api/context?contactId=${contactId}`);
    expect((after as { calls: { note?: string }[] }).calls[0]!.note).toBe("Рахунок за листопад, до п'ятниці");
  });

  it("joins a note written after hanging up to the call the card shows", async () => {
    await t.deliver(`CALLHISTORY^${NUMBER}^out^True^2026-11-25 10:30:00^0:00:40^^`);
    const call = t.bridge.callLog.recent({ number: NUMBER, limit: 1 })[0]!;
    const [status, saved] = await t.api("POST", "/api/notes", { number: NUMBER, text: "Домовились", callId: call.id });
    expect([status, (saved as { note: unknown }).note]).toEqual([200, expect.objectContaining({ callId: call.id })]);
    const [, context] = await t.api("GET", `/api/context?number=${NUMBER}`);
    expect((context as { calls: unknown[] }).calls[0]).toEqual({
      start: "2026-11-25 10:30:00",
      direction: "out",
      answered: true,
      durationSeconds: 40,
      source: "local",
      note: "Домовились",
    });
    expect(await t.api("POST", "/api/notes", { number: NUMBER, text: "x", callId: 99999 })).toEqual([
      404,
      { error: "no call 99999" },
    ]);
  });

  it("logs SMS sent from the pane and TelefUM's templates, newest first", async () => {
    const [sms] = await t.api("POST", "/api/sms", { number: NUMBER, text: "Рахунок надіслано", device: 2 });
    const [template] = await t.api("POST", "/api/sms-template", { number: NUMBER });
    expect([sms, template]).toEqual([200, 200]);
    expect(t.transport.sent.slice(-2)).toEqual([`SENDSMS^${NUMBER}^Рахунок надіслано^2^`, `SENDSMSSHABL^${NUMBER}^`]);
    const [, context] = await t.api("GET", `/api/context?number=${NUMBER}`);
    const lines = (context as { sms: { sentAt: string }[] }).sms;
    expect(lines.map(({ sentAt: _at, ...rest }) => rest)).toEqual([
      { template: true, text: "", device: null },
      { template: false, text: "Рахунок надіслано", device: 2 },
    ]);
    expect(lines.every((l) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(l.sentAt))).toBe(true);
  });

  it("lists missed calls until an answered call back or done clears them", async () => {
    await t.deliver("CALLHISTORY^0672223344^in^False^2026-11-25 09:00:00^0:00:00^^");
    await t.deliver(`CALLHISTORY^${NUMBER}^in^False^2026-11-25 11:00:00^0:00:00^^`);
    const missed = async () =>
      ((await t.api("GET", "/api/missed"))[1] as { calls: { id: number; number: string; start: string }[] }).calls;
    expect((await missed()).map((c) => [c.number, c.start])).toEqual([
      [NUMBER, "2026-11-25 11:00:00"],
      ["0672223344", "2026-11-25 09:00:00"],
    ]);
    // Calling back: not answered leaves it, answered clears it.
    await t.api("POST", "/api/call", { number: NUMBER });
    await t.deliver(`CALLHISTORY^${NUMBER}^out^False^2026-11-25 11:20:00^0:00:00^^`);
    expect((await missed()).map((c) => c.number)).toEqual([NUMBER, "0672223344"]);
    await t.deliver(`CALLHISTORY^+38${NUMBER}^out^True^2026-11-25 11:30:00^0:01:10^^`);
    const left = await missed();
    expect(left.map((c) => c.number)).toEqual(["0672223344"]);

    const [done, answer] = await t.api("POST", "/api/missed/done", { callId: left[0]!.id });
    expect([done, answer]).toEqual([200, { calls: [] }]);
    expect(await t.api("POST", "/api/missed/done", { callId: left[0]!.id })).toEqual([
      404,
      { error: `no open missed call ${left[0]!.id}` },
    ]);
    expect(await t.api("POST", "/api/missed/done", { callId: "x" })).toEqual([
      400,
      { error: '"callId" must be an id', reason: "BAD_FIELD" },
    ]);
  });

  it("refuses to change a note after 24 hours", () => {
    const db = openDatabase(join(dir, "notes-clock.db"));
    try {
      let now = new Date("2026-11-25T10:00:00Z");
      const notes = new CallNotes(db, () => now);
      const note = notes.save("0501234567", "Передзвонити");
      now = new Date("2026-11-26T09:59:00Z");
      expect(notes.save("0501234567", "Передзвонити завтра", note.id).text).toBe("Передзвонити завтра");
      now = new Date("2026-11-26T10:00:01Z");
      expect(() => notes.save("0501234567", "Запізно", note.id)).toThrow(NoteNotEditableError);
      expect(notes.get(note.id)).toMatchObject({ text: "Передзвонити завтра", version: 2 });
    } finally {
      db.close();
    }
  });
});
