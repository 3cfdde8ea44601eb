/** The add-in API over real HTTPS: only the pane's origin with the pairing token may make TelefUM dial. */
import { statSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { tokenPath } from "../../bridge/http/local-api-guard.js";
import { rawRequest, startTestBridge, type TestBridge } from "./helpers.js";

let t: TestBridge;
const origin = (): string => t.url; // https://localhost:<port>
const api = (path: string): string => `${t.url}${path}`;
const call = (headers: Record<string, string>, body: unknown = { number: "0675355355" }) =>
  rawRequest(api("/api/call"), { method: "POST", headers, body, ca: t.ca });

beforeAll(async () => {
  t = await startTestBridge("self-signed");
});
afterAll(async () => {
  await t?.stop();
});

describe("add-in API security", () => {
  it("serves HTTPS on loopback with a certificate for localhost", async () => {
    expect(t.url).toMatch(/^https:\/\/localhost:\d+$/);
    // Both loopbacks: a browser tries localhost on ::1 first, where another user must find the port taken.
    const addresses = t.bridge.http!.servers.map((server) => {
      const address = server.address();
      return typeof address === "object" && address?.address;
    });
    expect(addresses).toEqual(["127.0.0.1", "::1"]);
    const res = await rawRequest(api("/api/status"), { headers: { "x-bridge-token": t.token }, ca: t.ca });
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({ ok: true, transport: "loopback", scheme: "https" });
  });

  it("keeps the pairing token in a private file", () => {
    expect(t.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    if (process.platform !== "win32") expect(statSync(tokenPath(t.dataDir)).mode & 0o777).toBe(0o600);
  });

  it("refuses a request without the token (401) and sends nothing", async () => {
    const res = await call({ origin: origin() });
    expect(res.status).toBe(401);
    const wrong = await call({ origin: origin(), "x-bridge-token": "x".repeat(43) });
    expect(wrong.status).toBe(401);
    expect(t.transport.sent).toEqual([]);
  });

  it("refuses a foreign origin even with the token (403)", async () => {
    for (const foreign of ["https://evil.example", "null", "http://localhost:1", `http://localhost:${t.port}`]) {
      const res = await call({ origin: foreign, "x-bridge-token": t.token });
      expect(res.status, foreign).toBe(403);
    }
    const preflight = await rawRequest(api("/api/call"), {
      method: "OPTIONS",
      headers: { origin: "https://evil.example" },
      ca: t.ca,
    });
    expect(preflight.status).toBe(403);
    expect(preflight.headers["access-control-allow-origin"]).toBeUndefined();
    expect(t.transport.sent).toEqual([]);
  });

  it("refuses a request whose Host is not localhost (421: DNS rebinding)", async () => {
    const res = await rawRequest(api("/api/call"), {
      method: "POST",
      headers: { host: `evil.example:${t.port}`, "x-bridge-token": t.token },
      body: { number: "0675355355" },
      ca: t.ca,
    });
    expect(res.status).toBe(421);
    expect(t.transport.sent).toEqual([]);
  });

  it("refuses text/plain posts (no CORS-simple requests)", async () => {
    const res = await rawRequest(api("/api/call"), {
      method: "POST",
      headers: { origin: origin(), "x-bridge-token": t.token, "content-type": "text/plain" },
      ca: t.ca,
    });
    expect(res.status).toBe(415);
  });

  it("dials with the token from the add-in origin, and from a non-browser client", async () => {
    const res = await call({ origin: origin(), "x-bridge-token": t.token }, { number: "+380 (67) 535-53-55" });
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ sent: "CALL^0675355355^" });
    const cli = await call({ "x-bridge-token": t.token }, { number: "0675355355" });
    expect(cli.status).toBe(200);
    // One form for TelefUM whatever the form asked: national digits.
    expect(t.transport.sent).toEqual(["CALL^0675355355^", "CALL^0675355355^"]);
  });

  it("sends SMS and template requests, validating the device", async () => {
    const headers = { origin: origin(), "x-bridge-token": t.token };
    const sms = await rawRequest(api("/api/sms"), {
      method: "POST",
      headers,
      body: { number: "0675355355", text: "Привіт", device: 5 },
      ca: t.ca,
    });
    expect(sms.json()).toEqual({ sent: "SENDSMS^0675355355^Привіт^5^" });
    const bad = await rawRequest(api("/api/sms"), {
      method: "POST",
      headers,
      body: { number: "0675355355", text: "x", device: 7 },
      ca: t.ca,
    });
    expect(bad.status).toBe(400);
    const empty = await rawRequest(api("/api/sms"), {
      method: "POST",
      headers,
      body: { number: "0675355355", text: " ", device: 1 },
      ca: t.ca,
    });
    expect(empty.status).toBe(400);
    const tpl = await rawRequest(api("/api/sms-template"), {
      method: "POST",
      headers,
      body: { number: "067 535 53 55" },
      ca: t.ca,
    });
    expect(tpl.json()).toEqual({ sent: "SENDSMSSHABL^0675355355^" });
  });

  it("answers search, lookup, choose, create and history", async () => {
    const headers = { "x-bridge-token": t.token };
    const search = (
      await rawRequest(api(`/api/contacts?q=${encodeURIComponent("Вася")}`), { headers, ca: t.ca })
    ).json() as { contacts: { name: string }[] };
    expect(search.contacts.map((c) => c.name)).toEqual(["Вася Петров"]);
    const lookup = (await rawRequest(api("/api/lookup?number=0441234567"), { headers, ca: t.ca })).json() as {
      contacts: { id: string }[];
      chosen: null;
    };
    expect(lookup.contacts).toHaveLength(3);
    expect(lookup.chosen).toBeNull();
    const chosenId = lookup.contacts[1]!.id;
    const choose = await rawRequest(api("/api/choose"), {
      method: "POST",
      headers,
      body: { number: "044 123 45 67", id: chosenId },
      ca: t.ca,
    });
    expect(choose.json()).toMatchObject({ chosen: chosenId });
    // The choice leads what TelefUM is told; the others follow.
    expect(t.bridge.directory.lookup("0441234567")[0]!.id).toBe(chosenId);
    const created = await rawRequest(api("/api/contacts"), {
      method: "POST",
      headers,
      body: { number: "0501234567", name: "Новий Клієнт", company: "ТОВ Тест" },
      ca: t.ca,
    });
    expect(created.status).toBe(201);
    expect(t.bridge.directory.lookup("0501234567").map((c) => c.name)).toEqual(["Новий Клієнт"]);
    t.transport.deliver("CALLHISTORY^0675355355^in^False^2026-11-20 10:00:00^0:00:00^^");
    await t.bridge.core.idle();
    const history = (await rawRequest(api("/api/history?limit=5"), { headers, ca: t.ca })).json() as {
      calls: { number: string; contacts: { name: string }[] }[];
    };
    expect(history.calls[0]).toMatchObject({ number: "0675355355", contacts: [{ name: "Вася Петров" }] });
    const perDay = (await rawRequest(api("/api/history/per-day?days=7"), { headers, ca: t.ca })).json() as {
      days: unknown[];
    };
    expect(perDay.days).toHaveLength(7);
  });

  it("streams events over the WebSocket only with the token and the add-in origin", async () => {
    const wsUrl = (token?: string): string =>
      `${t.url.replace("https:", "wss:")}/api/events${token ? `?token=${token}` : ""}`;
    const refused = (url: string, headers: Record<string, string>) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(url, { ca: t.ca, headers });
        ws.on("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
        ws.on("open", () => resolve(101));
        ws.on("error", () => resolve(-1));
      });
    expect(await refused(wsUrl(), { origin: origin() })).toBe(401);
    expect(await refused(wsUrl(t.token), { origin: "https://evil.example" })).toBe(403);

    const ws = new WebSocket(wsUrl(t.token), { ca: t.ca, headers: { origin: origin() } });
    const messages: { type: string; event?: { type: string; contacts?: { name: string }[] } }[] = [];
    const incoming = new Promise<void>((resolve) => {
      ws.on("message", (data) => {
        const message = JSON.parse(String(data)) as (typeof messages)[number];
        messages.push(message);
        if (message.event?.type === "incoming-call") resolve();
      });
    });
    await new Promise((resolve) => ws.once("open", resolve));
    t.transport.deliver("CONTACT?^0675355355^1^1^");
    await incoming;
    ws.close();
    expect(messages[0]).toMatchObject({ type: "hello" });
    const event = messages.find((m) => m.event?.type === "incoming-call")!.event!;
    expect(event.contacts?.map((c) => c.name)).toEqual(["Вася Петров"]);
  });
});
