/**
 * One guard for every /api/ route, the add-in's and Microsoft 365's alike, over real HTTPS. The routes are listed
 * from the modules that mount them, so a route added later is checked here without touching this file.
 * Also: the one /api/choose, and bad inputs answered 400 with a named reason.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { addinApi } from "../../bridge/addin-api/addin-routes.js";
import type { BridgeEvent } from "../../bridge/core/events.js";
import { NotUnderstoodLog } from "../../bridge/inbox/not-understood.js";
import { setupContext } from "../../bridge/context/index.js";
import { microsoft365Routes } from "../../bridge/m365/index.js";
import { FakeGraph, trustFakeGraphCertificate } from "../fakes/graph/index.js";
import { rawRequest, startTestBridge, type TestBridge } from "./helpers.js";

const CLIENT_ID = "00000000-0000-0000-0000-00000000c11e";
let graph: FakeGraph;
let t: TestBridge;

beforeAll(async () => {
  await trustFakeGraphCertificate();
  graph = await new FakeGraph().start();
  t = await startTestBridge("self-signed", { microsoft365: graph.microsoft365Config(CLIENT_ID) });
}, 60_000);
afterAll(async () => {
  await t?.stop();
  await graph?.stop();
});

/** Every /api/ route the bridge mounts, from the same modules app.ts mounts them from. */
async function apiRoutes(): Promise<{ method: string; path: string }[]> {
  const { core, directory, callLog, m365, db } = t.bridge;
  const notUnderstood = new NotUnderstoodLog(db);
  const addin = addinApi({
    core,
    directory,
    callLog,
    notUnderstood,
    token: t.token,
    addinDir: "",
    scheme: () => "https",
    encoding: "cp1251",
  });
  const microsoft365 = microsoft365Routes({ m365 });
  const context = setupContext({ ...t.bridge, events: core.events, lookup: t.bridge.config.lookup });
  context.stop();
  return [...addin.routes, ...microsoft365, ...(await context.routes())].filter((r) => r.path.startsWith("/api/"));
}

/** The two origins a pane can be loaded from, each with its own Host. */
const panes = (): { origin: string; host: string }[] => [
  { origin: `https://localhost:${t.port}`, host: `localhost:${t.port}` },
  { origin: `https://127.0.0.1:${t.port}`, host: `127.0.0.1:${t.port}` },
];

function send(route: { method: string; path: string }, headers: Record<string, string>) {
  const body = route.method === "GET" ? undefined : {};
  return rawRequest(`${t.url}${route.path}`, { method: route.method, headers, ca: t.ca, ...(body ? { body } : {}) });
}

describe("one guard for every /api/ route", () => {
  it("lists the add-in's and Microsoft 365's routes", async () => {
    expect((await apiRoutes()).map((r) => `${r.method} ${r.path}`)).toEqual([
      "GET /api/status",
      "GET /api/contacts",
      "GET /api/lookup",
      "POST /api/contacts",
      "POST /api/call",
      "POST /api/sms",
      "POST /api/sms-template",
      "POST /api/choose",
      "POST /api/forget-choice",
      "GET /api/history",
      "GET /api/history/per-day",
      "GET /api/not-understood",
      "GET /api/m365/status",
      "POST /api/m365/sync",
      "POST /api/m365/signin/device",
      "POST /api/m365/sources",
      "POST /api/m365/retry",
      "POST /api/team/claim",
      "GET /api/team/settings",
      "PUT /api/team/settings",
      "POST /api/m365/signout",
      "GET /api/context",
      "POST /api/notes",
      "GET /api/missed",
      "POST /api/missed/done",
    ]);
  });

  it("refuses a foreign origin, a cross-site fetch, a wrong token and a foreign Host the same way", async () => {
    const own = panes()[0]!.origin;
    for (const route of await apiRoutes()) {
      const name = `${route.method} ${route.path}`;
      const foreign = await send(route, { origin: "https://evil.example", "x-bridge-token": t.token });
      expect([foreign.status, foreign.json()], name).toEqual([
        403,
        { error: "origin https://evil.example may not use the bridge" },
      ]);
      const crossSite = await send(route, { "sec-fetch-site": "cross-site", "x-bridge-token": t.token });
      expect([crossSite.status, crossSite.json()], name).toEqual([
        403,
        { error: "cross-site requests may not use the bridge" },
      ]);
      const missing = await send(route, { origin: own });
      const wrong = await send(route, { origin: own, "x-bridge-token": "x".repeat(43) });
      for (const refused of [missing, wrong]) {
        expect([refused.status, refused.json()], name).toEqual([
          401,
          { error: "missing or wrong pairing token (X-Bridge-Token); reload the add-in pane" },
        ]);
      }
      const rebound = await send(route, { host: `evil.example:${t.port}`, "x-bridge-token": t.token });
      expect([rebound.status, rebound.json()], name).toEqual([
        421,
        { error: `this bridge only answers to localhost, not "evil.example:${t.port}"` },
      ]);
    }
    expect(t.transport.sent).toEqual([]);
    expect(graph.requests("POST", /devicecode$/)).toEqual([]);
    expect(await t.bridge.m365.status()).toMatchObject({ signedIn: false });
  });

  it("lets a pane loaded from localhost and from 127.0.0.1 use the add-in and the Microsoft 365 routes", async () => {
    for (const { origin, host } of panes()) {
      const headers = { origin, host, "x-bridge-token": t.token };
      const status = await rawRequest(`${t.url}/api/status`, { headers, ca: t.ca });
      expect([status.status, status.json()], origin).toEqual([
        200,
        { ok: true, transport: "loopback", contacts: t.bridge.directory.count(), scheme: "https", encoding: "cp1251" },
      ]);
      const m365 = await rawRequest(`${t.url}/api/m365/status`, { headers, ca: t.ca });
      const signedOut = expect.objectContaining({ enabled: true, signedIn: false });
      expect([m365.status, m365.json()], origin).toEqual([200, signedOut]);
      // A POST that used to need a same-origin check of its own (403 from 127.0.0.1).
      const retry = await rawRequest(`${t.url}/api/m365/retry`, { method: "POST", headers, body: {}, ca: t.ca });
      expect([retry.status, retry.json()], origin).toEqual([200, expect.objectContaining({ requeued: 0 })]);
    }
  });

  it("opens the events socket for both pane origins and refuses a foreign one", async () => {
    const opened = (origin: string, token = t.token) =>
      new Promise<number>((resolve) => {
        const url = `wss://localhost:${t.port}/api/events?token=${token}`;
        const ws = new WebSocket(url, { ca: t.ca, headers: { origin } });
        ws.on("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
        ws.on("open", () => {
          ws.close();
          resolve(101);
        });
        ws.on("error", () => resolve(-1));
      });
    for (const { origin } of panes()) expect(await opened(origin), origin).toBe(101);
    expect(await opened("https://evil.example")).toBe(403);
    expect(await opened(panes()[1]!.origin, "wrong")).toBe(401);
  });
});

describe("the one /api/choose", () => {
  const post = (path: string, body: unknown) =>
    rawRequest(`${t.url}${path}`, { method: "POST", headers: { "x-bridge-token": t.token }, body, ca: t.ca });

  it("remembers the choice for the number and opens the chosen contact through the core's card opener", async () => {
    const shared = t.bridge.directory.lookupAll("0441234567");
    expect(shared).toHaveLength(3);
    const chosen = shared[2]!;
    const opened: BridgeEvent[] = [];
    const off = t.bridge.core.events.on((event) => {
      if (event.type === "open-card") opened.push(event);
    });
    try {
      const answer = await post("/api/choose", { id: chosen.id, number: "044 123 45 67" });
      const remembered = { id: chosen.id, number: "044 123 45 67", chosen: chosen.id };
      expect([answer.status, answer.json()]).toEqual([200, remembered]);
      // Not signed in to Microsoft 365: the pane opener shows that one contact.
      expect(opened).toEqual([
        { type: "open-card", ids: [chosen.id], contacts: [chosen], missingIds: [], number: "044 123 45 67" },
      ]);
      t.transport.deliver("CONTACT?^0441234567^1^1^");
      await t.bridge.core.idle();
      const others = shared.filter((c) => c !== chosen).map((c) => c.id);
      const values = `${chosen.name}(…)^${chosen.company}(…)^${chosen.note}(…)`;
      const ids = [chosen.id, ...others.sort()].join(", ");
      expect(t.transport.sent.at(-1)).toBe(`CONTACT^0441234567^1^1^${values}^${ids}^`);

      const noNumber = await post("/api/choose", { id: shared[0]!.id });
      expect([noNumber.status, noNumber.json()]).toEqual([200, { id: shared[0]!.id, number: null, chosen: null }]);
      expect(opened.map((e) => (e.type === "open-card" ? e.ids : []))).toEqual([[chosen.id], [shared[0]!.id]]);
      expect(t.bridge.directory.chosenFor("0441234567")).toBe(chosen.id);
    } finally {
      off();
      t.bridge.directory.forgetChoice("0441234567");
      t.transport.sent.length = 0;
    }
  });

  it("answers 404 for an unknown contact, and the old per-module choose routes are gone", async () => {
    const unknown = await post("/api/choose", { id: "999999", number: "0441234567" });
    expect([unknown.status, unknown.json()]).toEqual([404, { error: "no contact 999999" }]);
    expect(t.bridge.directory.chosenFor("0441234567")).toBeUndefined();
    const old = await post("/api/m365/choose", { contactId: "1" });
    expect([old.status, old.json()]).toEqual([404, { error: "nothing at POST /api/m365/choose" }]);
  });
});

describe("bad inputs", () => {
  it("answer 400 with the reason named, and nothing reaches TelefUM", async () => {
    const headers = { "x-bridge-token": t.token };
    const cases: [string, string, unknown, { error: string; reason: string; params?: object }][] = [
      [
        "POST",
        "/api/call",
        { number: "call me" },
        { error: '"call me" is not a phone number', reason: "BAD_NUMBER", params: { value: "call me" } },
      ],
      ["POST", "/api/call", {}, { error: '"number" must be a non-empty string', reason: "BAD_FIELD" }],
      ["POST", "/api/call", [1], { error: "request body must be a JSON object", reason: "BAD_BODY" }],
      [
        "POST",
        "/api/sms",
        { number: "0675355355", text: "x", device: 7 },
        {
          error: "SMS device must be 1-4 (a phone) or 5 (internet), got 7",
          reason: "BAD_DEVICE",
          params: { value: "7" },
        },
      ],
      [
        "POST",
        "/api/sms",
        { number: "0675355355", text: " ", device: 1 },
        { error: "the SMS text is empty", reason: "EMPTY_TEXT" },
      ],
      [
        "POST",
        "/api/sms-template",
        { number: " - " },
        { error: '" - " is not a phone number', reason: "BAD_NUMBER", params: { value: "-" } },
      ],
      [
        "POST",
        "/api/contacts",
        { number: "none" },
        { error: '"none" is not a phone number', reason: "BAD_NUMBER", params: { value: "none" } },
      ],
      [
        "POST",
        "/api/contacts",
        { number: "0939990011", name: 5 },
        { error: '"name" must be a string', reason: "BAD_FIELD" },
      ],
      [
        "POST",
        "/api/choose",
        { id: "1", number: "x" },
        { error: '"x" is not a phone number', reason: "BAD_NUMBER", params: { value: "x" } },
      ],
      ["GET", "/api/lookup?number=", undefined, { error: "the phone number is empty", reason: "EMPTY_NUMBER" }],
      // A number is refused, never stripped into another one: a ^ would start a second command, ; a shell's.
      [
        "POST",
        "/api/call",
        { number: "+38 (067) 535-53-55^CALL^0900" },
        {
          error:
            '"+38 (067) 535-53-55^CALL^0900" is not a phone number: only digits, spaces and + ( ) - . * # (not "^")',
          reason: "BAD_NUMBER",
          params: { value: "+38 (067) 535-53-55^CALL^0900" },
        },
      ],
      [
        "POST",
        "/api/call",
        { number: "1;calc.exe" },
        {
          error: '"1;calc.exe" is not a phone number: only digits, spaces and + ( ) - . * # (not ";")',
          reason: "BAD_NUMBER",
          params: { value: "1;calc.exe" },
        },
      ],
      [
        "POST",
        "/api/call",
        { number: "1".repeat(41) },
        {
          error: "the phone number is longer than 40 characters",
          reason: "BAD_NUMBER",
          params: { value: "1".repeat(41) },
        },
      ],
      [
        "POST",
        "/api/sms",
        { number: "0675355355", text: "x".repeat(1001), device: 1 },
        { error: "the SMS text is longer than 1000 characters", reason: "TEXT_TOO_LONG", params: { max: 1000 } },
      ],
      ["GET", "/api/history?limit=many", undefined, { error: "limit must be a positive number", reason: "BAD_QUERY" }],
      [
        "POST",
        "/api/m365/sources",
        { key: "fax", enabled: true },
        { error: 'no Microsoft 365 source "fax"', reason: "BAD_FIELD" },
      ],
      [
        "POST",
        "/api/m365/sources",
        { key: "directory", enabled: "yes" },
        { error: "enabled must be true or false", reason: "BAD_FIELD" },
      ],
    ];
    for (const [method, path, body, expected] of cases) {
      const options = { method, headers, ca: t.ca, ...(body === undefined ? {} : { body }) };
      const res = await rawRequest(`${t.url}${path}`, options);
      expect([res.status, res.json()], `${method} ${path} ${JSON.stringify(body)}`).toEqual([400, expected]);
    }
    expect(t.transport.sent).toEqual([]);
    expect(t.bridge.directory.lookupAll("0939990011")).toEqual([]);
  });
});
