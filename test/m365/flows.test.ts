/** CARD, CREATECARD and CALLHISTORY through the real core, the real SDKs and the fake Graph. */
import { execFileSync } from "node:child_process";
import type { Language } from "../../bridge/i18n/i18n.js";
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { addinApi } from "../../bridge/addin-api/addin-routes.js";
import { CallLog } from "../../bridge/calls/call-log.js";
import { BridgeCore } from "../../bridge/core/bridge-core.js";
import { silentLogger } from "../../bridge/log/log.js";
import { attachMicrosoft365, microsoft365Routes, SignInRequiredError } from "../../bridge/m365/index.js";
import { parseM365Config } from "../../bridge/m365/config.js";
import { startHttpServer, type RunningHttpServer } from "../../bridge/http/server.js";
import { localApiGuards } from "../../bridge/http/local-api-guard.js";
import { sameUserConnections } from "../../bridge/same-user/connection-gate.js";
import { procNetTcpPeerCheck } from "../../bridge/same-user/proc-net-tcp.js";
import { looksLikeMp3Frame } from "../../bridge/m365/mailbox/mp3-encoder.js";
import { NotUnderstoodLog } from "../../bridge/inbox/not-understood.js";
import { seedDemoContacts } from "../../bridge/directory/demo-contacts.js";
import { PaneOrPageViews } from "../../bridge/pages/local-views.js";
import { pageRoutes } from "../../bridge/pages/page-routes.js";
import { LoopbackTransport } from "../../bridge/transport/loopback.js";
import { fakeEntryId } from "../fakes/graph/fake-graph.js";
import { mobile, startHarness, type Harness } from "./harness.js";

let h: Harness;

beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

const WEB = "https://outlook.example/people/{id}";

function bridge(extra: Record<string, unknown> = {}, language?: Language) {
  return h.startBridge({
    config: { card: { webUrlTemplate: WEB }, retry: { outboxBaseSeconds: 1 }, ...extra },
    attach: language ? { language } : {},
  });
}

/** Signs in once (token cache file), then starts a bridge that picks the sign-in up from the cache. */
async function signedInBridge(extra: Record<string, unknown> = {}, language?: Language) {
  await h.signIn();
  const r = await bridge(extra, language);
  expect((await r.m365.status()).signedIn).toBe(true);
  await r.m365.syncNow();
  return r;
}

async function deliver(r: { core: BridgeCore; transport: LoopbackTransport }, text: string) {
  r.transport.deliver(text);
  await r.core.idle();
}

describe("demo contacts", () => {
  it("are removed by the first Microsoft 365 sync and never come back", async () => {
    expect(seedDemoContacts(h.directory)).toBe(5);
    h.graph.addContact({ displayName: "Anna", mobilePhone: mobile(1) });
    await signedInBridge();
    expect(h.directory.count("local")).toBe(0);
    expect(h.directory.lookup("0675355355")).toEqual([]);
    expect(h.directory.count("outlook")).toBe(1);
    expect(seedDemoContacts(h.directory)).toBe(0);
  });
});

describe("CARD", () => {
  it("one id opens Outlook on the web at the contact", async () => {
    const anna = h.graph.addContact({ displayName: "Anna", mobilePhone: mobile(1) });
    const r = await signedInBridge();
    const local = h.directory.findByExternalId("outlook", anna.id)!;
    await deliver(r, `CARD^${local.id}^`);
    expect(r.urls).toEqual([`https://outlook.example/people/${encodeURIComponent(anna.id)}`]);
    expect(r.events.filter((e) => e.type === "failure")).toEqual([]);
  });

  it("classic Outlook: translateExchangeIds, then outlook.exe /select outlook:<EntryID>", async () => {
    const anna = h.graph.addContact({ displayName: "Anna", mobilePhone: mobile(1) });
    const r = await signedInBridge({ card: { mode: "classic", outlookPath: "C:\\Office\\OUTLOOK.EXE" } });
    const local = h.directory.findByExternalId("outlook", anna.id)!;
    await deliver(r, `CARD^${local.id}^`);
    const hex = Buffer.from(fakeEntryId(anna.id), "base64url").toString("hex").toUpperCase();
    expect(r.commands).toEqual([{ file: "C:\\Office\\OUTLOOK.EXE", args: ["/select", `outlook:${hex}`] }]);
    expect(h.graph.requests("POST", /translateExchangeIds$/).length).toBe(1);
    expect(r.urls).toEqual([]);
  });

  it("several ids: the chooser, then the remembered choice opens directly", async () => {
    const a = h.graph.addContact({
      displayName: "Olena (home)",
      companyName: "—",
      personalNotes: "wife",
      mobilePhone: mobile(7),
    });
    const b = h.graph.addContact({
      displayName: "Olena Shevchenko",
      companyName: "Contoso",
      personalNotes: "buyer",
      mobilePhone: mobile(7),
    });
    const r = await signedInBridge();
    const idA = h.directory.findByExternalId("outlook", a.id)!.id;
    const idB = h.directory.findByExternalId("outlook", b.id)!.id;
    await deliver(r, `CONTACT?^${mobile(7)}^1^1^`);
    expect(r.transport.sent.at(-1)).toContain(`${idA}, ${idB}`);

    await deliver(r, `CARD^${idA}, ${idB}^`);
    const chooser = r.events.filter((e) => e.type === "open-card");
    expect(chooser).toHaveLength(1);
    expect(chooser[0]).toMatchObject({ number: mobile(7), ids: [idA, idB] });
    expect(
      (chooser[0] as { contacts: { name: string; company: string; note: string }[] }).contacts.map((c) => [
        c.name,
        c.company,
        c.note,
      ]),
    ).toEqual([
      ["Olena (home)", "—", "wife"],
      ["Olena Shevchenko", "Contoso", "buyer"],
    ]);
    expect(r.urls).toEqual([]);

    await r.core.choose(idB, mobile(7));
    expect(r.urls).toEqual([WEB.replace("{id}", encodeURIComponent(b.id))]);
    expect(h.directory.lookup(mobile(7)).map((c) => c.id)).toEqual([idB, idA]);

    await deliver(r, `CARD^${idA}, ${idB}^`);
    expect(r.urls).toHaveLength(2);
    expect(r.urls[1]).toBe(WEB.replace("{id}", encodeURIComponent(b.id)));
    expect(r.events.filter((e) => e.type === "open-card")).toHaveLength(1);
  });
});

describe("lookups never wait for Graph", () => {
  it("CONTACT? is answered from the index while a sync hangs on Graph", async () => {
    h.graph.addContact({ displayName: "Anna", mobilePhone: mobile(1) });
    const r = await signedInBridge();
    const release = h.graph.hold(/contacts\/delta$/);
    const sync = r.m365.syncNow();
    while (!h.graph.log.some((e) => /contacts\/delta$/.test(e.path) && e.status === 0))
      await new Promise((res) => setTimeout(res, 5));
    await deliver(r, `CONTACT?^${mobile(1)}^1^1^`);
    expect(r.transport.sent.at(-1)).toMatch(/^CONTACT\^.*Anna/);
    expect((await r.m365.status()).sync).toMatchObject({ running: true });
    release();
    await sync;
  });

  it("an absent or disabled section leaves the bridge as it was", async () => {
    const transport = new LoopbackTransport();
    const core = new BridgeCore({ directory: h.directory, callLog: new CallLog(h.db), transport });
    for (const section of [undefined, { enabled: false }]) {
      const config = parseM365Config(section);
      const m365 = await attachMicrosoft365({
        config,
        dataDir: h.dir,
        recordings: { folders: [h.dir], maxBytes: 1024 },
        db: h.db,
        directory: h.directory,
        core,
        log: silentLogger,
      });
      expect(m365.enabled).toBe(false);
      expect(await m365.status()).toEqual({ enabled: false, signedIn: false });
      await expect(m365.syncNow()).rejects.toThrow(/not configured/);
    }
  });
});

describe("sign-in lifecycle", () => {
  it("sign-in plugs the Outlook card opener and creator into the core; sign-out restores the local ones", async () => {
    const anna = h.graph.addContact({ displayName: "Anna", mobilePhone: mobile(1) });
    const r = await bridge();
    const paneOpened = () => r.events.flatMap((e) => (e.type === "open-card" ? [e.ids.join(",")] : []));
    const created = (number: string) => h.directory.lookup(number).map((c) => [c.source, c.name]);
    const web = (graphId: string) => WEB.replace("{id}", encodeURIComponent(graphId));

    // Nobody signed in: the core's own adapters (the pane, the local index).
    await deliver(r, "CREATECARD^0509998801^");
    expect(created("0509998801")).toEqual([["local", "New contact 1"]]);
    const first = h.directory.lookup("0509998801")[0]!;

    await r.m365.signInWithDeviceCode(() => undefined);
    await r.m365.syncNow();
    const annaId = h.directory.findByExternalId("outlook", anna.id)!.id;
    await deliver(r, `CARD^${annaId}^`);
    await deliver(r, "CREATECARD^0509998802^");
    expect(created("0509998802")).toEqual([["outlook", "New contact 2"]]);
    const second = h.directory.lookup("0509998802")[0]!;
    expect(r.urls).toEqual([web(anna.id), web(second.externalId!)]);

    await r.m365.signOut();
    await deliver(r, `CARD^${annaId}^`);
    await deliver(r, "CREATECARD^0509998803^");
    expect(created("0509998803")).toEqual([["local", "New contact 3"]]);
    const third = h.directory.lookup("0509998803")[0]!;
    expect(paneOpened()).toEqual([first.id, annaId, third.id]);
    expect(r.urls).toHaveLength(2);
    expect(h.graph.requests("POST", /\/me\/contacts$/)).toHaveLength(1);
    expect(r.events.filter((e) => e.type === "failure")).toEqual([]);
  });

  it("a revoked sign-in falls back to local behaviour, queues calls, and a new sign-in resumes", async () => {
    h.graph.addContact({ displayName: "Anna", mobilePhone: mobile(1) });
    const r = await signedInBridge();
    h.graph.revokeAccessTokens();
    h.graph.revokeRefreshTokens();
    await expect(r.m365.syncNow()).rejects.toBeInstanceOf(SignInRequiredError);
    expect(await r.m365.status()).toMatchObject({ signedIn: false });
    expect(
      r.events.some((e) => e.type === "failure" && e.stage === "microsoft365" && /sign-in required/.test(e.message)),
    ).toBe(true);

    // Meanwhile: CREATECARD makes a local contact, CALLHISTORY waits in the outbox.
    await deliver(r, "CREATECARD^0509998877^");
    expect(h.directory.lookup("0509998877")).toMatchObject([{ source: "local", name: "New contact 1" }]);
    await deliver(r, `CALLHISTORY^${mobile(1)}^in^True^2026-11-25 15:00:00^0:00:30^^`);
    expect((await r.m365.status()).outbox).toMatchObject({ pending: 1 });

    const codes: string[] = [];
    await r.m365.signInWithDeviceCode((info) => codes.push(info.userCode));
    expect(codes).toEqual(["FAKE-CODE"]);
    await r.m365.flushOutbox();
    expect(h.graph.events).toHaveLength(1);
    expect((await r.m365.status()).outbox).toMatchObject({ pending: 0, done: 1 });
    await deliver(r, "CREATECARD^0509998800^");
    expect(h.directory.lookup("0509998800")).toMatchObject([{ source: "outlook" }]);
  });
});

describe("CARD with the local chooser page", () => {
  it("opens the page, which lists the contacts and sends the choice to /api/choose, which opens it", async () => {
    const a = h.graph.addContact({
      displayName: "Taras",
      companyName: "Lviv Coffee",
      personalNotes: "roaster",
      mobilePhone: mobile(9),
    });
    const b = h.graph.addContact({
      displayName: "Taras K.",
      companyName: "Kyiv Tea",
      personalNotes: "supplier",
      mobilePhone: mobile(9),
    });
    let http: RunningHttpServer | undefined;
    const r = await signedInBridge({ card: { webUrlTemplate: WEB, chooser: "page" } });
    const callLog = new CallLog(h.db);
    const token = "pairing-token-1";
    http = await startHttpServer({
      host: "127.0.0.1",
      port: 0,
      log: silentLogger,
      routes: [
        ...microsoft365Routes({ m365: r.m365 }),
        ...pageRoutes({ directory: h.directory, callLog, token, language: "en" }),
        ...addinApi({
          core: r.core,
          directory: h.directory,
          callLog,
          notUnderstood: new NotUnderstoodLog(h.db),
          token,
          addinDir: "",
          scheme: () => "http",
          encoding: "cp1251",
        }).routes,
      ],
      guards: localApiGuards({
        token,
        port: () => http!.port,
        url: () => http!.url,
      }),
      admit: sameUserConnections({ peerCheck: procNetTcpPeerCheck(), log: silentLogger }),
    });
    // A pane is connected, yet card.chooser "page" opens the chooser as the local page.
    const openUrl = async (url: string) => void r.urls.push(url);
    const origin = () => http!.url;
    r.core.useLocalViews(new PaneOrPageViews({ events: r.core.events, paneConnected: () => true, openUrl, origin }));
    try {
      const idA = h.directory.findByExternalId("outlook", a.id)!.id;
      const idB = h.directory.findByExternalId("outlook", b.id)!.id;
      await deliver(r, `CONTACT?^${mobile(9)}^1^1^`);
      await deliver(r, `CARD^${idA}, ${idB}^`);
      expect(r.urls).toHaveLength(1);
      expect(r.urls[0]).toBe(`${http.url}/chooser?ids=${idA}%2C${idB}&number=%2B380671000009`);
      const html = await (await fetch(r.urls[0]!)).text();
      for (const text of ["Taras", "Lviv Coffee", "roaster", "Kyiv Tea", "supplier"]) expect(html).toContain(text);
      // The API refuses the choice without the pairing token; the page carries it (no inline script) and sends it.
      expect(/<meta name="telefum-bridge-token" content="([^"]+)">/.exec(html)?.[1]).toBe(token);
      expect(html).toContain('<script src="/pages/pages.js" defer></script>');
      expect(html).not.toMatch(/<script>/);
      const refused = await fetch(`${http.url}/api/choose`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ id: idA, number: mobile(9) }),
      });
      expect(refused.status).toBe(401);

      const chosen = await fetch(`${http.url}/api/choose`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-bridge-token": token },
        body: JSON.stringify({ id: idA, number: mobile(9) }),
      });
      expect([chosen.status, await chosen.json()]).toEqual([200, { id: idA, number: mobile(9), chosen: idA }]);
      expect(r.urls[1]).toBe(WEB.replace("{id}", encodeURIComponent(a.id)));
      expect(h.directory.chosenFor(mobile(9))).toBe(idA);
      const status = (await (
        await fetch(`${http.url}/api/m365/status`, { headers: { "x-bridge-token": token } })
      ).json()) as { signedIn: boolean; sync: { contacts: number } };
      expect(status).toMatchObject({ signedIn: true, sync: { contacts: 2 } });
    } finally {
      await http.close();
    }
  });
});

describe("CREATECARD", () => {
  it("the pane's form: name, company, note and e-mail go to the new Outlook contact", async () => {
    const r = await signedInBridge();
    const contact = await r.core.createContact("+380 44 222 33 44", {
      name: "Marta Koval",
      company: "Contoso",
      note: "new lead",
      email: "marta@contoso.test",
    });
    const created = h.graph.contact(contact.externalId!)!;
    expect(created).toMatchObject({
      displayName: "Marta Koval",
      companyName: "Contoso",
      personalNotes: "new lead",
      mobilePhone: "+380 44 222 33 44",
      emailAddresses: [{ address: "marta@contoso.test" }],
    });
    expect(h.directory.lookup("0442223344")).toMatchObject([{ id: contact.id, name: "Marta Koval", note: "new lead" }]);
  });

  it("creates the contact in the mailbox with the number, indexes it and opens it", async () => {
    h.graph.addContact({ displayName: "Someone", mobilePhone: mobile(1) });
    const r = await signedInBridge();
    await deliver(r, "CREATECARD^0501234567^");
    const created = [...h.graph.contacts.values()].find((c) => c.mobilePhone === "0501234567");
    expect(created).toMatchObject({ displayName: "New contact 1", parentFolderId: h.graph.defaultFolderId });
    const local = h.directory.lookup("+380501234567");
    expect(local).toMatchObject([{ name: "New contact 1", source: "outlook", externalId: created!.id }]);
    expect(r.urls).toEqual([WEB.replace("{id}", encodeURIComponent(created!.id))]);
    expect(r.events.some((e) => e.type === "contact-created")).toBe(true);
    // the next sync does not duplicate it
    await r.m365.syncNow();
    expect(h.directory.lookup("0501234567")).toHaveLength(1);
  });
});

describe("CALLHISTORY → outbox → mailbox", () => {
  it("answered call: a line in the contact's notes and one event in the Calls calendar", async () => {
    const anna = h.graph.addContact({ displayName: "Anna", personalNotes: "VIP customer", mobilePhone: mobile(1) });
    const r = await signedInBridge();
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
    const r = await signedInBridge();
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
    const r = await signedInBridge({}, "uk");
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
      content: expect.stringMatching(/^Пропущений дзвінок 25\.11\.26, 11:30 \(0 с\)\.\nTelefUM call /),
    });
  });

  it("is idempotent across lost answers and a restart: one note line, one event", async () => {
    const anna = h.graph.addContact({ displayName: "Anna", mobilePhone: mobile(1) });
    let r = await signedInBridge();
    // The PATCH reaches the mailbox but its answer is lost; Graph says come back in 1 s.
    h.graph.inject({
      method: "PATCH",
      path: /^\/v1\.0\/me\/contacts\//,
      status: 503,
      retryAfterSeconds: 1,
      afterApply: true,
    });
    await deliver(r, `CALLHISTORY^${mobile(1)}^out^True^2026-11-25 12:00:00^0:01:00^^`);
    // "Crash": stop everything and close the database mid-way.
    await h.stopBridges();
    h.reopenDb();

    // After the restart the event POST is applied but its answer is lost too.
    h.graph.inject({ method: "POST", path: /\/events$/, status: 503, retryAfterSeconds: 1, afterApply: true });
    r = await bridge();
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
    const r = await signedInBridge();
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
    const r = await signedInBridge({ calls: { recording: "mp3" } });
    await deliver(r, `CALLHISTORY^${mobile(1)}^out^True^2026-11-25 17:00:00^0:00:10^${join(h.dir, "missing.wav")}^`);
    await r.m365.flushOutbox();
    expect(h.graph.driveItems.size).toBe(0);
    expect(h.graph.contact(anna.id)!.personalNotes).not.toContain("recording");
    expect(h.graph.events).toHaveLength(1);
  });

  it("recording: WAV uploaded to OneDrive in ranges through an upload session, link in the note", async () => {
    const anna = h.graph.addContact({ displayName: "Anna", mobilePhone: mobile(1) });
    const r = await signedInBridge({ calls: { recording: "wav", uploadChunkBytes: 327_680 } });
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
    const r = await signedInBridge({ calls: { recording: "mp3", mp3Kbps: 32 } });
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

/** A mono 16-bit PCM WAV with a 440 Hz tone. */
function makeWav(seconds: number, rate: number): Buffer {
  const samples = seconds * rate;
  const data = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++)
    data.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / rate)), i * 2);
  const header = Buffer.alloc(44);
  header.write("RIFF", 0, "ascii");
  header.writeUInt32LE(36 + data.length, 4);
  header.write("WAVE", 8, "ascii");
  header.write("fmt ", 12, "ascii");
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write("data", 36, "ascii");
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}
