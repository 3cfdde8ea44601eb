import { readFileSync } from "node:fs";
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { startBridge, type RunningBridge } from "../../bridge/app.js";
import { loadConfig } from "../../bridge/config/config.js";
import { tokenPath } from "../../bridge/http/local-api-guard.js";
import { silentLogger } from "../../bridge/log/log.js";
import { LoopbackTransport } from "../../bridge/transport/loopback.js";
import { simulatorPage } from "../../bridge/simulator/simulator-page.js";
import { simulatorMountReason } from "../../bridge/transport/select.js";
import { useTempDir } from "../support/temp-dir.js";

const tempDir = useTempDir();
let bridge: RunningBridge;
/** Links the bridge opened in "the default browser" (recorded here instead). */
const opened: string[] = [];
let base: string;

beforeAll(async () => {
  const config = loadConfig({ dataDir: tempDir(), port: 0 }, {});
  bridge = await startBridge(config, {
    transport: new LoopbackTransport("simulator"),
    log: silentLogger,
    openUrl: async (url) => void opened.push(url),
  });
  base = bridge.http!.url;
});
afterAll(() => bridge?.stop());

describe("when the simulator is mounted", () => {
  it("only with transport simulator, or auto off Windows; never for an in-process transport alone", async () => {
    const lines: string[] = [];
    const config = loadConfig({ dataDir: tempDir(), port: 0, transport: "stdio" }, {});
    const other = await startBridge(config, {
      transport: new LoopbackTransport("simulator"),
      log: (_level, msg, data) => lines.push(`${msg} ${JSON.stringify(data ?? {})}`),
    });
    try {
      expect((await fetch(`${other.http!.url}/simulator`)).status).toBe(404);
      expect(lines.filter((l) => l.startsWith("simulator"))).toEqual([]);
    } finally {
      await other.stop();
    }
    expect(simulatorMountReason({ transport: "auto" }, "win32")).toBe(undefined);
    expect(simulatorMountReason({ transport: "auto" }, "linux")).toBe(
      "transport auto on linux (not Windows) runs the simulator",
    );
    expect(simulatorMountReason({ transport: "simulator" }, "win32")).toBe("transport simulator was asked for");
  });
});

async function deliver(text: string): Promise<{ status: number; body: { replies: string[]; problems: string[] } }> {
  const response = await fetch(`${base}/simulator/deliver`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ text }),
  });
  return { status: response.status, body: (await response.json()) as { replies: string[]; problems: string[] } };
}

/** Raw request, so the Host header can be forged the way a DNS-rebinding page would send it. */
function rawGet(path: string, host: string): Promise<number> {
  const { port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, headers: { host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", reject);
    req.end();
  });
}

describe("the TelefUM simulator over real HTTP", () => {
  it("serves the simulator page", async () => {
    const response = await fetch(`${base}/simulator`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("TelefUM simulator");
  });

  it("answers CONTACT? for the demo contact on a fresh store", async () => {
    expect(await deliver("CONTACT?^0675355355^1^1^")).toEqual({
      status: 200,
      body: {
        delivered: "CONTACT?^0675355355^1^1^",
        replies: ['CONTACT^0675355355^1^1^Вася Петров^Агенство "Меридиан"^Хороший человек^1^'],
        problems: [],
      },
    });
  });

  it("answers with what TelefUM would read after cp1251: é by its best fit, an emoji left out", async () => {
    const { id } = bridge.directory.upsert({
      source: "local",
      externalId: "test:cafe",
      folderId: null,
      name: "Кафе 😀 Café",
      company: "",
      note: "",
      email: "",
      phones: [{ number: "0501112299", kind: "mobile" }],
    });
    expect((await deliver("CONTACT?^0501112299^1^1^")).body.replies).toEqual([
      `CONTACT^0501112299^1^1^Кафе Cafe^^^${id}^`,
    ]);
  });

  it("reports malformed messages as problems and keeps serving", async () => {
    const bad = await deliver("CONTACT?^0675355355^seven^1^");
    expect(bad.status).toBe(200);
    expect(bad.body.replies).toEqual([]);
    expect(bad.body.problems).toEqual(["Rejected: There is no phone “seven”: choose phone 1–4 or the internet (5)."]);
    expect((await deliver("CONTACT?^101^1^1^")).body.replies).toEqual([
      "CONTACT^101^1^1^IT help desk^Our office^Internal line^5^",
    ]);
  });

  it("remembers the chooser's answer for a shared number through /api/choose, and opens the contact", async () => {
    const [reply] = (await deliver("CONTACT?^0441234567^1^1^")).body.replies;
    const ids = reply!.split("^")[7]!.split(", ");
    expect(ids).toHaveLength(3);
    const html = await (await fetch(`${base}/simulator`)).text();
    const token = readFileSync(tokenPath(bridge.config.dataDir), "utf8").trim();
    expect(html).toContain(`<meta name="telefum-bridge-token" content="${token}">`);
    const opened: string[][] = [];
    const off = bridge.core.events.on((event) => {
      if (event.type === "open-card") opened.push(event.contacts.map((c) => c.id));
    });
    const response = await fetch(`${base}/api/choose`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-bridge-token": token },
      body: JSON.stringify({ number: "0441234567", id: ids[1] }),
    });
    off();
    const remembered = { id: ids[1], number: "0441234567", chosen: ids[1] };
    expect([response.status, await response.json()]).toEqual([200, remembered]);
    expect(opened).toEqual([[ids[1]]]);
    const json = { "content-type": "application/json" };
    const old = await fetch(`${base}/simulator/choose`, { method: "POST", headers: json, body: "{}" });
    expect(old.status).toBe(404);
    const again = (await deliver("CONTACT?^(044) 123-45-67^1^1^")).body.replies[0]!;
    expect(again.split("^")[7]).toBe([ids[1], ...ids.filter((id) => id !== ids[1])].join(", "));
    bridge.directory.forgetChoice("0441234567");
  });

  it("refuses bad requests with clear errors", async () => {
    const notJson = await fetch(`${base}/simulator/deliver`, {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: "x",
    });
    expect([notJson.status, await notJson.json()]).toEqual([
      415,
      { error: "send JSON (content-type: application/json)" },
    ]);
    const noText = await fetch(`${base}/simulator/deliver`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    const noTextAnswer = { error: '"text" must be a non-empty string', reason: "BAD_FIELD" };
    expect([noText.status, await noText.json()]).toEqual([400, noTextAnswer]);
    const broken = await fetch(`${base}/simulator/deliver`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{",
    });
    const brokenAnswer = { error: "request body is not valid JSON", reason: "BAD_BODY" };
    expect([broken.status, await broken.json()]).toEqual([400, brokenAnswer]);
    expect(await rawGet("/simulator", "evil.example")).toBe(421);
    expect(await rawGet("/simulator", "localhost:1")).toBe(421);
  });

  it("streams what happens over the WebSocket and takes messages from it", async () => {
    const ws = new WebSocket(`${base.replace("http", "ws")}/simulator/ws`);
    const frames: { type: string; text?: string; event?: { type: string } }[] = [];
    ws.on("message", (data) => frames.push(JSON.parse(String(data))));
    await new Promise((resolve, reject) => {
      ws.once("open", resolve);
      ws.once("error", reject);
    });
    ws.send(JSON.stringify({ text: "CONTACT?^0931234567^3^2^" }));
    await expect.poll(() => frames.some((f) => f.type === "to-telefum")).toBe(true);
    await expect.poll(() => frames.some((f) => f.event?.type === "incoming-call")).toBe(true);
    expect(frames.find((f) => f.type === "to-telefum")?.text).toBe("NOCONTACT^0931234567^3^2^");
    expect(frames[0]).toEqual({ type: "hello", transport: "simulator" });
    ws.close();
  });

  it("takes POSTs and the WebSocket from its own origin, by name or by address, and no other", async () => {
    const { port } = new URL(base);
    const post = (origin: string) =>
      fetch(`${base}/simulator/deliver`, {
        method: "POST",
        headers: { "content-type": "application/json", origin },
        body: JSON.stringify({ text: "CONTACT?^101^1^1^" }),
      }).then((r) => r.status);
    expect(await post(`http://127.0.0.1:${port}`)).toBe(200);
    expect(await post(`http://localhost:${port}`)).toBe(200);
    expect(await post("https://evil.example")).toBe(403);
    const ws = new WebSocket(`ws://127.0.0.1:${port}/simulator/ws`, {
      headers: { origin: `http://127.0.0.1:${port}` },
    });
    const hello = await new Promise<string>((resolve, reject) => {
      ws.once("message", (data) => resolve(String(data)));
      ws.once("error", reject);
    });
    expect(JSON.parse(hello)).toEqual({ type: "hello", transport: "simulator" });
    ws.close();
  });

  it("may not be framed, and runs no inline script", async () => {
    const page = await fetch(`${base}/simulator`);
    const csp = page.headers.get("content-security-policy")!;
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self';");
    expect(page.headers.get("x-frame-options")).toBe("DENY");
    expect(page.headers.get("x-content-type-options")).toBe("nosniff");
    expect(await page.text()).toContain('<script src="/simulator/simulator.js" defer></script>');
    const script = await fetch(`${base}/simulator/simulator.js`);
    expect(script.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(await script.text()).toContain("socket.send(JSON.stringify({ text }));");
  });

  it("refuses a WebSocket from a foreign origin", async () => {
    const ws = new WebSocket(`${base.replace("http", "ws")}/simulator/ws`, {
      headers: { origin: "https://evil.example" },
    });
    const status = await new Promise<number>((resolve) => {
      ws.once("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
      ws.once("error", () => resolve(-1));
    });
    expect(status).toBe(403);
  });
});

describe("the simulator page's language", () => {
  it("is the bridge's `language`: Ukrainian labels, and the script's log words as a data block", () => {
    const page = simulatorPage("tok", "uk");
    expect(page).toContain('<html lang="uk">');
    expect(page).toContain("<title>Симулятор TelefUM</title>");
    expect(page).toContain('<button class="primary" id="ring">Імітувати дзвінок (CONTACT?)</button>');
    const words = JSON.parse(/<script type="application\/json" id="simulator-words">(.*)<\/script>/.exec(page)![1]!);
    expect(words).toMatchObject({ unknownCaller: "невідомий абонент", created: "створено контакт {{name}} #{{id}}" });
    expect(simulatorPage("tok", "en")).toContain("<title>TelefUM simulator</title>");
  });
});
