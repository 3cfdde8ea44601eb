/** Small pieces of the add-in support: config, TLS choice, day filling, number cleanup, origins, live reconnect. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { parseAddinConfig } from "../../bridge/addin-api/addin-config.js";
import { devCertPaths, loadTlsMaterial, selfSignedPaths, tlsFilesFor } from "../../bridge/addin-api/addin-tls.js";
import { loadOrCreateToken, ownOrigins, tokenMatches } from "../../bridge/http/local-api-guard.js";
import { dialableNumber, InvalidInputError } from "../../bridge/protocol/inputs.js";
import { ConfigError } from "../../bridge/config/config-checks.js";
import { ApiError, BridgeApi } from "../../src/shared/api.js";
import { LiveEvents, eventsUrl } from "../../src/shared/live.js";
import { isBusy } from "../../src/taskpane/microsoft365.js";

const tmp = mkdtempSync(join(tmpdir(), "telefum-units-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("addin config", () => {
  it("defaults to auto TLS and accepts the documented forms", () => {
    expect(parseAddinConfig(undefined)).toEqual({ tls: "auto" });
    expect(parseAddinConfig({ tls: "off" })).toEqual({ tls: "off" });
    expect(parseAddinConfig({ tls: false })).toEqual({ tls: "off" });
    expect(parseAddinConfig({ tls: { cert: "a.crt", key: "a.key" } })).toEqual({
      tls: { cert: "a.crt", key: "a.key" },
    });
  });
  it("rejects anything else with a clear error", () => {
    expect(() => parseAddinConfig("yes")).toThrow(new ConfigError('addin must be an object, got "yes"'));
    expect(() => parseAddinConfig({ tls: "on" })).toThrow(
      new ConfigError('addin.tls must be "auto", "self-signed", "off" or {"cert","key","ca"}, got "on"'),
    );
    expect(() => parseAddinConfig({ tls: { cert: "a.crt" } })).toThrow(
      new ConfigError('addin.tls needs "cert" and "key" file paths, got {"cert":"a.crt"}'),
    );
    expect(() => parseAddinConfig({ tls: { cert: "a.crt", key: "a.key", ca: 7 } })).toThrow(
      new ConfigError("addin.tls.ca must be a string, got 7"),
    );
  });
});

describe("addin TLS", () => {
  it("uses office-addin-dev-certs' files when installed, else nothing (plain HTTP)", async () => {
    const home = join(tmp, "home");
    const data = join(tmp, "data");
    expect(tlsFilesFor("auto", data, home)).toBeUndefined();
    const paths = devCertPaths(home);
    mkdirSync(join(home, ".office-addin-dev-certs"), { recursive: true });
    writeFileSync(paths.cert, "CERT");
    writeFileSync(paths.key, "KEY");
    writeFileSync(paths.ca, "CA");
    const files = tlsFilesFor("auto", data, home);
    expect(files).toEqual({ ...paths, source: `office-addin-dev-certs (${paths.cert})` });
    expect(await loadTlsMaterial(files!)).toEqual({
      cert: Buffer.from("CERT"),
      key: Buffer.from("KEY"),
      ca: Buffer.from("CA"),
      source: `office-addin-dev-certs (${paths.cert})`,
    });
    expect(tlsFilesFor("off", data, home)).toBeUndefined();
    const own = selfSignedPaths(data);
    const selfSigned = { ...own, source: `self-signed (${own.cert})`, generateInto: own };
    expect(tlsFilesFor("self-signed", data, home)).toEqual(selfSigned);
  });
  it("names configured files that are missing", () => {
    const cert = join(tmp, "no.crt");
    expect(() => tlsFilesFor({ cert, key: join(tmp, "no.key") }, tmp)).toThrow(
      new ConfigError(`addin.tls.cert: ${cert} does not exist`),
    );
  });
});

describe("pairing token", () => {
  it("is created once and kept", () => {
    const dir = join(tmp, "token");
    const first = loadOrCreateToken(dir);
    expect(loadOrCreateToken(dir)).toBe(first);
    expect(tokenMatches(first, first)).toBe(true);
    expect(tokenMatches(first, first.slice(1))).toBe(false);
    expect(tokenMatches(first, undefined)).toBe(false);
  });
});

describe("api helpers", () => {
  it("turns written numbers into dialable ones", () => {
    expect(dialableNumber("+380 (67) 535-53-55")).toBe("+380675355355");
    expect(dialableNumber(" 044 123 45 67 ")).toBe("0441234567");
    expect(dialableNumber("*101#")).toBe("*101#");
    const refusal = new InvalidInputError("BAD_NUMBER", '"call me" is not a phone number', { value: "call me" });
    expect(() => dialableNumber("call me")).toThrow(refusal);
    expect(() => dialableNumber("call me")).toThrow(expect.objectContaining({ params: { value: "call me" } }));
  });
  it("knows the bridge's own origins", () => {
    expect(ownOrigins("https://localhost:3000")).toEqual(["https://localhost:3000", "https://127.0.0.1:3000"]);
  });
});

describe("LiveEvents", () => {
  it("reconnects with backoff after the bridge goes away, and delivers events", () => {
    vi.useFakeTimers();
    try {
      const sockets: { url: string; s: Record<string, ((arg?: unknown) => void) | undefined> & { close(): void } }[] =
        [];
      const states: string[] = [];
      const events: unknown[] = [];
      const live = new LiveEvents({
        base: "https://localhost:3000",
        token: "t0k",
        onEvent: (e) => events.push(e),
        onState: (s) => states.push(s),
        createSocket: (url) => {
          const s = { close() {} } as (typeof sockets)[number]["s"];
          sockets.push({ url, s });
          return s as unknown as WebSocket;
        },
        minDelayMs: 100,
      });
      live.start();
      expect(sockets[0]!.url).toBe(eventsUrl("https://localhost:3000", "t0k"));
      expect(sockets[0]!.url).toBe("wss://localhost:3000/api/events?token=t0k");
      expect(eventsUrl("http://localhost:3000", "a+b")).toBe("ws://localhost:3000/api/events?token=a%2Bb");
      sockets[0]!.s.onopen!();
      sockets[0]!.s.onmessage!({
        data: JSON.stringify({ type: "event", event: { type: "sent", text: "CALL^1^", at: "" } }),
      });
      sockets[0]!.s.onclose!();
      vi.advanceTimersByTime(99);
      expect(sockets).toHaveLength(1);
      vi.advanceTimersByTime(1);
      expect(sockets).toHaveLength(2);
      sockets[1]!.s.onclose!();
      vi.advanceTimersByTime(200);
      expect(sockets).toHaveLength(3);
      live.stop();
      expect(events).toEqual([{ type: "sent", text: "CALL^1^", at: "" }]);
      expect(states.slice(0, 3)).toEqual(["connecting", "connected", "disconnected"]);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("pane: Microsoft 365", () => {
  it("the API client: 404 = not configured, other errors are errors; actions POST JSON with the token", async () => {
    const seen: { url: string; method: string; body: unknown; token: string }[] = [];
    const answer = (status: number, body: unknown) => async (url: RequestInfo | URL, init?: RequestInit) => {
      const headers = init?.headers as Record<string, string>;
      seen.push({
        url: String(url),
        method: init?.method ?? "GET",
        body: init?.body,
        token: headers["x-bridge-token"] ?? "",
      });
      return new Response(JSON.stringify(body), { status });
    };
    expect(
      await new BridgeApi("https://b", "t", answer(404, { error: "nothing at GET /api/m365/status" })).m365Status(),
    ).toBeUndefined();
    await expect(new BridgeApi("https://b", "t", answer(500, { error: "boom" })).m365Status()).rejects.toEqual(
      new ApiError(500, "boom"),
    );
    const api = new BridgeApi("https://b", "t", answer(200, { enabled: true, signedIn: false }));
    expect(await api.m365Status()).toEqual({ enabled: true, signedIn: false });
    await api.m365SignIn();
    await api.m365Sync();
    await api.m365SignOut();
    expect(seen.slice(-4).map((r) => `${r.method} ${r.url} ${String(r.body)} ${r.token}`)).toEqual([
      "GET https://b/api/m365/status undefined t",
      "POST https://b/api/m365/signin/device {} t",
      "POST https://b/api/m365/sync {} t",
      "POST https://b/api/m365/signout {} t",
    ]);
  });

  it("polls fast only while something is under way", () => {
    const idle = { enabled: true, signedIn: true, sync: { running: false, passes: 3, contacts: 1, directory: 0 } };
    expect(isBusy(idle)).toBe(false);
    expect(isBusy({ enabled: true, signedIn: false })).toBe(false);
    expect(
      isBusy({
        enabled: true,
        signedIn: false,
        deviceCode: { userCode: "C", verificationUri: "https://v", message: "m" },
      }),
    ).toBe(true);
    expect(isBusy({ ...idle, sync: { ...idle.sync, running: true } })).toBe(true);
    expect(isBusy({ ...idle, sync: { ...idle.sync, passes: 0 } })).toBe(true);
  });
});
