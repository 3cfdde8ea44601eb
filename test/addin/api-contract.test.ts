/**
 * The local API keeps its contract on the wire: every /api/ route of a real bridge (signed in to the fake Graph, so
 * the Microsoft 365 routes are mounted) answers what its endpoint's answer schema says, every refusal is the one
 * error shape, and every message of the /api/events socket is a PaneSocketMessage.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as v from "valibot";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { ERROR_ANSWER, type Endpoint } from "../../bridge/api-contract/endpoint.js";
import { ENDPOINTS, type Endpoints } from "../../bridge/api-contract/endpoints.js";
import { PANE_EVENT_TYPES, PANE_SOCKET_MESSAGE } from "../../bridge/api-contract/events.js";
import { selfSignedPaths } from "../../bridge/addin-api/addin-tls.js";
import { tokenPath } from "../../bridge/http/local-api-guard.js";
import { startContextBridge, type ContextBridge } from "../context/context-bridge.js";
import { FakeGraph } from "../fakes/graph/fake-graph.js";
import { trustFakeGraphCertificate } from "../fakes/graph/trust.js";

const CLIENT_ID = "00000000-0000-0000-0000-00000000a9c1";
const NUMBER = "0675355355";

let graph: FakeGraph;
let dir: string;
let t: ContextBridge;

beforeAll(async () => {
  await trustFakeGraphCertificate();
  graph = await new FakeGraph().start();
  graph.devicePendingPolls = 0;
  graph.addContact({ displayName: "Ірина Коваль", companyName: "Contoso", mobilePhone: "+380 67 535 53 55" });
  dir = mkdtempSync(join(tmpdir(), "api-contract-"));
  t = await startContextBridge(dir, { microsoft365: graph.microsoft365Config(CLIENT_ID) });
  await t.bridge.m365.signInWithDeviceCode(() => undefined);
  await t.bridge.m365.syncNow();
  await t.deliver(`CONTACT?^${NUMBER}^1^1^`);
  await t.deliver(`CALLHISTORY^${NUMBER}^in^False^2026-11-25 10:00:00^0:00:00^^`);
}, 60_000);

afterAll(async () => {
  await t?.bridge.stop();
  await graph?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** A valid request to each endpoint, in walking order (sign-out last); the type makes a new endpoint need one. */
const requests = (): { [K in keyof Endpoints]: { query?: Record<string, string>; body?: unknown } } => {
  const contact = t.bridge.directory.lookupAll(NUMBER)[0]!;
  const missedCall = t.bridge.callLog.recent({ number: NUMBER, limit: 1 })[0]!;
  return {
    status: {},
    searchContacts: { query: { q: "Ірина", limit: "5" } },
    lookup: { query: { number: NUMBER } },
    createContact: { body: { number: "0509998877", name: "Новий", email: "new@example.test" } },
    choose: { body: { id: contact.id, number: NUMBER } },
    forgetChoice: { body: { number: NUMBER } },
    call: { body: { number: NUMBER } },
    sendSms: { body: { number: NUMBER, text: "Передзвоню", device: 5 } },
    smsTemplate: { body: { number: NUMBER } },
    history: { query: { number: NUMBER } },
    historyPerDay: { query: { days: "7" } },
    notUnderstood: {},
    context: { query: { number: NUMBER } },
    saveNote: { body: { number: NUMBER, text: "Просила передзвонити" } },
    missed: {},
    missedDone: { body: { callId: missedCall.id } },
    teamHistory: { query: { number: NUMBER } },
    teamMissed: { query: { days: "7" } },
    teamSettings: {},
    saveTeamSettings: {
      body: { site: "https://contoso.sharepoint.com/sites/office", list: "Дзвінки", shareNotes: false },
    },
    m365Status: {},
    m365Sync: { body: {} },
    m365SignIn: {},
    m365Sources: { body: { key: "contacts", enabled: true } },
    m365Retry: { body: {} },
    reports: { query: { from: "2025-11-01", to: "2025-11-30", scope: "me" } },
    m365SignOut: { body: {} },
  };
};

async function send(endpoint: Endpoint, request: { query?: Record<string, string>; body?: unknown }) {
  const query = request.query ? `?${new URLSearchParams(request.query)}` : "";
  const body = request.body ?? (endpoint.method === "GET" ? undefined : {});
  return t.api(endpoint.method, endpoint.path + query, body);
}

describe("the local API contract on the wire", () => {
  it("every route answers what its endpoint's answer schema says", async () => {
    const all = requests();
    // Signing in again is refused while signed in: the device code is asked for once signed out.
    const order = [...(Object.keys(ENDPOINTS) as (keyof Endpoints)[]).filter((n) => n !== "m365SignIn"), "m365SignIn"];
    expect(new Set(order)).toEqual(new Set(Object.keys(all)));
    for (const name of order as (keyof Endpoints)[]) {
      const endpoint: Endpoint = ENDPOINTS[name];
      const [status, answer] = await send(endpoint, all[name]);
      expect(status, `${name}: ${JSON.stringify(answer)}`).toBe(endpoint.status ?? 200);
      const checked = v.safeParse(endpoint.answer, answer);
      expect(checked.success ? [] : v.flatten(checked.issues), `${name} ${endpoint.path}`).toEqual([]);
    }
  });

  it("every refusal is one { error, reason } shape", async () => {
    for (const [name, endpoint] of Object.entries(ENDPOINTS) as [string, Endpoint][]) {
      if (!endpoint.body) continue;
      const [status, answer] = await t.api(endpoint.method, endpoint.path, [1]);
      expect([status, v.is(ERROR_ANSWER, answer)], name).toEqual([400, true]);
      expect(answer).toEqual({ error: "request body must be a JSON object", reason: "BAD_BODY" });
    }
    const [status, answer] = await t.api("GET", `${ENDPOINTS.historyPerDay.path}?days=0`);
    expect([status, answer]).toEqual([400, { error: "days must be a positive number", reason: "BAD_QUERY" }]);
  });

  it("every message of the events socket is a PaneSocketMessage", async () => {
    const token = readFileSync(tokenPath(dir), "utf8").trim();
    const ca = readFileSync(selfSignedPaths(dir).ca);
    const ws = new WebSocket(`${t.url.replace("https:", "wss:")}/api/events?token=${token}`, {
      ca,
      headers: { origin: t.url },
    });
    // Signed out, a card opens in the pane (signed in, Outlook opens it and the pane hears nothing).
    await t.bridge.m365.signOut();
    const messages: unknown[] = [];
    ws.on("message", (data) => messages.push(JSON.parse(String(data))));
    await new Promise((resolve) => ws.once("open", resolve));
    try {
      const contact = t.bridge.directory.lookupAll(NUMBER)[0]!;
      await t.deliver(`CONTACT?^${NUMBER}^1^1^`);
      await t.deliver(`CARD^${contact.id}^`);
      await t.deliver("CREATECARD^0509998811^");
      await t.deliver(`CALLHISTORY^${NUMBER}^out^True^2026-11-25 11:00:00^0:01:00^^`);
      await t.deliver("NO SUCH THING");
      await t.api("POST", ENDPOINTS.sendSms.path, { number: NUMBER, text: "Добрий день", device: 1 });
      await t.api("POST", ENDPOINTS.createContact.path, { number: "0509998822" });
      t.bridge.team.changed(); // what the team log's sync calls after applying a delta
      await expect.poll(() => messages.length).toBeGreaterThan(9);
      // The notifier waits a moment so a sync's pages make one notice.
      await expect
        .poll(() => messages.some((m) => (m as { event?: { type: string } }).event?.type === "team"))
        .toBe(true);
    } finally {
      ws.close();
    }
    for (const message of messages) {
      const checked = v.safeParse(PANE_SOCKET_MESSAGE, message);
      expect(checked.success ? [] : v.flatten(checked.issues), JSON.stringify(message)).toEqual([]);
    }
    const seen = new Set(messages.map((m) => (m as { event?: { type: string } }).event?.type ?? "hello"));
    const expected = [
      "hello",
      "incoming-call",
      "open-card",
      "new-contact-form",
      "call-logged",
      "protocol-error",
      "team",
    ];
    expect([...seen].filter((type) => expected.includes(type)).sort()).toEqual(expected.sort());
    expect([...seen].every((type) => type === "hello" || (PANE_EVENT_TYPES as string[]).includes(type))).toBe(true);
  });
});
