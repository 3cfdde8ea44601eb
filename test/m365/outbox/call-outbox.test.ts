import { execFileSync } from "node:child_process";
/** CALLHISTORY through the real core, the outbox, the real SDKs and the fake Graph into the mailbox. */
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { looksLikeMp3Frame } from "../../../bridge/m365/mailbox/mp3-encoder.js";
import { mobile, startHarness, type Harness, webBridge, signedInWebBridge, deliver } from "../harness.js";
import { makeWav } from "../../support/wav.js";

let h: Harness;

beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

describe("CALLHISTORY → outbox → mailbox", () => {
  it("answered call: a line in the contact's notes and one event in the Calls calendar", async () => {
    const anna = h.graph.addContact({ displayName: "Anna", personalNotes: "VIP customer", mobilePhone: mobile(1) });
    const r = await signedInWebBridge(h);
    await deliver(r, `CALLHISTORY^${mobile(1)}^in^True^2026-11-25 10:00:00^0:05:12^^`);
    await r.m365.flushOutbox();

    expect(h.graph.contact(anna.id)!.personalNotes).toBe(
      `VIP customer\r\n☎ 2026-11-25 10:00:00 · incoming · answered · 5 min 12 sec · ${mobile(1)}`,
    );
    const calls = h.graph.calendars.find((c) => c.name === "Calls")!;
    expect(h.graph.events).toMatchObject([
      {
        calendarId: calls.id,
        subject: "← Anna (answered, 5 min 12 sec)",
        start: { dateTime: "2026-11-25T10:00:00" },
        end: { dateTime: "2026-11-25T10:05:12" },
      },
    ]);
    expect(h.graph.events[0]!.transactionId).toMatch(/^telefum-in-/);
    expect(h.graph.tasks).toEqual([]);
    expect((await r.m365.status()).outbox).toEqual({ pending: 0, done: 1, failed: 0 });
    // the local note (TelefUM's one-liner) is not polluted by call lines after a sync
    await r.m365.syncNow();
    expect(h.directory.findByExternalId("outlook", anna.id)!.note).toBe("VIP customer");
  });

  it("missed incoming call: a To Do follow-up, created once despite a 429 with Retry-After", async () => {
    h.graph.addContact({ displayName: "Bohdan", mobilePhone: mobile(2) });
    const r = await signedInWebBridge(h);
    h.graph.inject({ method: "POST", path: /\/todo\/lists\/[^/]+\/tasks$/, status: 429, retryAfterSeconds: 1 });
    await deliver(r, `CALLHISTORY^${mobile(2)}^in^False^2026-11-25 11:30:00^0:00:00^^`);
    await r.m365.flushOutbox();
    expect(h.graph.tasks).toHaveLength(1);
    expect(h.graph.tasks[0]).toMatchObject({
      listId: "list-tasks",
      title: `Call back Bohdan (${mobile(2)})`,
      importance: "high",
    });
    expect(h.graph.requests("POST", /tasks$/).map((x) => x.status)).toEqual([429, 201]);
    expect(h.graph.earlyRetries).toBe(0);
    expect(h.graph.events).toHaveLength(1);
  });

  it("writes the mailbox in the bridge's language: Дзвінки calendar, subject, note line, To Do task", async () => {
    const bohdan = h.graph.addContact({ displayName: "Богдан", personalNotes: "", mobilePhone: mobile(3) });
    const r = await signedInWebBridge(h, {}, "uk");
    await deliver(r, `CALLHISTORY^${mobile(3)}^in^False^2026-11-25 11:30:00^0:00:00^^`);
    await r.m365.flushOutbox();
    const calendar = h.graph.calendars.find((c) => c.name === "Дзвінки")!;
    expect(calendar).toBeDefined();
    expect(h.graph.events).toMatchObject([
      { calendarId: calendar.id, subject: "← Богдан (пропущений, 0 с)", categories: ["Пропущений дзвінок"] },
    ]);
    expect(h.graph.contact(bohdan.id)!.personalNotes).toBe(
      `☎ 2026-11-25 11:30:00 · вхідний · пропущений · 0 с · ${mobile(3)}`,
    );
    expect(h.graph.tasks).toMatchObject([{ title: `Передзвонити: Богдан (${mobile(3)})` }]);
    expect(h.graph.tasks[0]!.body).toMatchObject({
      content: expect.stringMatching(/^Пропущений дзвінок 25 лист\.( 2026 р\.)?, 11:30 \(0 с\)\.\nTelefUM call /),
    });
  });

  it("is idempotent across lost answers and a restart: one note line, one event", async () => {
    const anna = h.graph.addContact({ displayName: "Anna", mobilePhone: mobile(1) });
    let r = await signedInWebBridge(h);
    // The PATCH and the event POST (in the same round of the call) reach the mailbox, but their answers are lost;
    // Graph says come back in 1 s.
    h.graph.inject({
      method: "PATCH",
      path: /^\/v1\.0\/me\/contacts\//,
      status: 503,
      retryAfterSeconds: 1,
      afterApply: true,
    });
    h.graph.inject({ method: "POST", path: /\/events$/, status: 503, retryAfterSeconds: 1, afterApply: true });
    await deliver(r, `CALLHISTORY^${mobile(1)}^out^True^2026-11-25 12:00:00^0:01:00^^`);
    // "Crash": stop everything and close the database mid-way.
    await h.stopBridges();
    h.reopenDb();
    r = await webBridge(h);
    await r.m365.flushOutbox();

    const lines = (h.graph.contact(anna.id)!.personalNotes ?? "").split("\r\n").filter((l) => l.startsWith("☎"));
    expect(lines).toEqual([`☎ 2026-11-25 12:00:00 · outgoing · answered · 1 min · ${mobile(1)}`]);
    expect(h.graph.requests("PATCH", /^\/v1\.0\/me\/contacts\//)).toHaveLength(1);
    expect(h.graph.requests("POST", /\/events$/)).toHaveLength(2);
    expect(h.graph.events).toHaveLength(1);
    expect(h.graph.earlyRetries).toBe(0);
    expect((await r.m365.status()).outbox).toEqual({ pending: 0, done: 1, failed: 0 });

    // TelefUM repeating the same CALLHISTORY changes nothing.
    await deliver(r, `CALLHISTORY^${mobile(1)}^out^True^2026-11-25 12:00:00^0:01:00^^`);
    await r.m365.flushOutbox();
    expect(h.graph.events).toHaveLength(1);
  });

  it("a permanent refusal (403) parks the call as failed with its reason; retryFailedCalls sends it", async () => {
    h.graph.addContact({ displayName: "Anna", mobilePhone: mobile(1) });
    const r = await signedInWebBridge(h);
    h.graph.inject({ method: "POST", path: /\/events$/, status: 403 });
    await deliver(r, `CALLHISTORY^${mobile(1)}^out^True^2026-11-25 16:00:00^0:00:10^^`);
    await r.m365.flushOutbox();
    expect((await r.m365.status()).outbox).toEqual({ pending: 0, done: 0, failed: 1 });
    expect(h.graph.events).toHaveLength(0);
    expect(r.m365.retryFailedCalls()).toBe(1);
    await r.m365.flushOutbox();
    expect((await r.m365.status()).outbox).toEqual({ pending: 0, done: 1, failed: 0 });
    expect(h.graph.events).toHaveLength(1);
    // the note step was done the first time and is not repeated
    expect(h.graph.requests("PATCH", /^\/v1\.0\/me\/contacts\//)).toHaveLength(1);
  });

  it("a recording file that is gone: the call is logged without it", async () => {
    const anna = h.graph.addContact({ displayName: "Anna", mobilePhone: mobile(1) });
    const r = await signedInWebBridge(h, { calls: { recording: "mp3" } });
    await deliver(r, `CALLHISTORY^${mobile(1)}^out^True^2026-11-25 17:00:00^0:00:10^${join(h.dir, "missing.wav")}^`);
    await r.m365.flushOutbox();
    expect(h.graph.driveItems.size).toBe(0);
    expect(h.graph.contact(anna.id)!.personalNotes).not.toContain("recording");
    expect(h.graph.events).toHaveLength(1);
  });

  it("recording: WAV uploaded to OneDrive in ranges through an upload session, link in the note", async () => {
    const anna = h.graph.addContact({ displayName: "Anna", mobilePhone: mobile(1) });
    const r = await signedInWebBridge(h, { calls: { recording: "wav", uploadChunkBytes: 327_680 } });
    const wav = makeWav(8, 44_100);
    const file = join(h.dir, "rec.wav");
    writeFileSync(file, wav);
    await deliver(r, `CALLHISTORY^${mobile(1)}^in^True^2026-11-25 10:00:00^0:00:08^${file}^`);
    await r.m365.flushOutbox();

    const items = [...h.graph.driveItems.values()];
    expect(items.map((i) => i.path)).toEqual([`TelefUM/Recordings/2026-11-25 10-00-00 ${mobile(1)} incoming.wav`]);
    expect(items[0]!.content.equals(wav)).toBe(true);
    expect(h.graph.requests("PUT", /^\/upload\//)).toHaveLength(3);
    const link = h.graph.links[0]!;
    expect(link).toMatchObject({ type: "view", scope: "organization" });
    expect(h.graph.contact(anna.id)!.personalNotes).toContain(`recording: ${link.webUrl}`);
    expect(String((h.graph.events[0]!.body as { content: string }).content)).toContain(link.webUrl);
  });

  it("recording: only WAV/MP3 audio in the recordings folder is read; the call is still logged, with why", async () => {
    const anna = h.graph.addContact({ displayName: "Anna", mobilePhone: mobile(1) });
    const lines: { msg: string; call?: string; reason?: string }[] = [];
    const log = (_level: string, msg: string, data?: Record<string, unknown>) =>
      lines.push({ msg, ...(data as { call?: string; reason?: string }) });
    await h.signIn();
    const r = await h.startBridge({ config: { calls: { recording: "wav" } }, attach: { log } });
    await r.m365.syncNow();
    const outside = mkdtempSync(join(tmpdir(), "not-recordings-"));
    try {
      const secret = join(outside, "id_rsa.wav");
      writeFileSync(secret, makeWav(1, 8_000)); // audio, but outside the folder
      const key = join(h.dir, "key.wav");
      writeFileSync(key, "-----BEGIN OPENSSH PRIVATE KEY-----\n"); // inside, named .wav, not audio
      const link = join(h.dir, "link.wav");
      symlinkSync(secret, link); // inside by name, outside once resolved
      const fifo = join(h.dir, "x.wav");
      execFileSync("mkfifo", [fifo]); // opening it for reading would wait for a writer: the outbox must not
      const cases: [string, string][] = [
        [secret, "the recording is outside the recordings folder (recording.folders)"],
        ["\\\\attacker.example\\share\\call.wav", "a network (UNC) or device path is never read"],
        ["//attacker.example/share/call.wav", "a network (UNC) or device path is never read"],
        [key, "the file is not WAV audio"],
        [link, "the recording is outside the recordings folder (recording.folders)"],
        [`${h.dir}/../../etc/shadow.wav`, 'a path with ".." is not read'],
        ["/etc/shadow", "only .wav and .mp3 recordings are read"],
        [join(h.dir, "bridge.db"), "only .wav and .mp3 recordings are read"],
        [fifo, "the recording is not a regular file"],
      ];
      for (const [i, [path]] of cases.entries()) {
        await deliver(r, `CALLHISTORY^${mobile(1)}^in^True^2026-11-25 11:0${i}:00^0:00:05^${path}^`);
      }
      await r.m365.flushOutbox();
      expect(h.graph.driveItems.size).toBe(0);
      expect(h.graph.links).toEqual([]);
      expect(h.graph.events).toHaveLength(cases.length);
      expect(h.graph.contact(anna.id)!.personalNotes).not.toContain("recording");
      const refused = lines.filter((l) => l.msg === "call recording refused, logging the call without it");
      expect(refused.map((l) => l.reason)).toEqual(cases.map(([, reason]) => reason));
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it("recording: MP3 option uploads a valid MP3 stream", async () => {
    h.graph.addContact({ displayName: "Anna", mobilePhone: mobile(1) });
    const r = await signedInWebBridge(h, { calls: { recording: "mp3", mp3Kbps: 32 } });
    const wav = makeWav(3, 8_000);
    const file = join(h.dir, "rec.wav");
    writeFileSync(file, wav);
    await deliver(r, `CALLHISTORY^${mobile(1)}^out^True^2026-11-25 10:00:00^0:00:03^${file}^`);
    await r.m365.flushOutbox();
    const item = [...h.graph.driveItems.values()][0]!;
    expect(item.name).toBe(`2026-11-25 10-00-00 ${mobile(1)} outgoing.mp3`);
    expect(looksLikeMp3Frame(item.content)).toBe(true);
    expect(item.size).toBeLessThan(wav.length / 3);
  });
});
