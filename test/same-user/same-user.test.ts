/**
 * Finding 3: the pages carry the pairing token, so the whole server answers only processes of the bridge's own OS
 * user. A real process of another user (`runuser -u nobody`, the tests run as root) asks for every page, the API
 * and both WebSockets, and gets no answer at all (the connection is dropped when it is accepted, before TLS) and no
 * token; this process (the same user) is served.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeGraph, trustFakeGraphCertificate } from "../fakes/graph/index.js";
import { rawRequest, startTestBridge, type TestBridge } from "../addin/helpers.js";

const CLIENT_ID = "00000000-0000-0000-0000-00000000c11e";
const asRoot = process.getuid?.() === 0;
let graph: FakeGraph;
let t: TestBridge;
let clientDir: string;

/** Run by `nobody`: asks for each target and prints what came back, as JSON. */
const CLIENT = `
import { request } from "node:https";
const [base, targets] = [process.argv[2], JSON.parse(process.argv[3])];
const ask = (t) => new Promise((resolve) => {
  const headers = t.socket
    ? { connection: "Upgrade", upgrade: "websocket", "sec-websocket-version": "13",
        "sec-websocket-key": "dGhlIHNhbXBsZSBub25jZQ==" }
    : t.method === "POST" ? { "content-type": "application/json", "x-bridge-token": "guess" } : {};
  const req = request(base + t.path, { method: t.method ?? "GET", headers, rejectUnauthorized: false }, (res) => {
    let body = "";
    res.setEncoding("utf8").on("data", (c) => (body += c)).on("end", () => resolve({ status: res.statusCode, body }));
  });
  req.on("upgrade", () => resolve({ status: 101, body: "" }));
  req.on("error", (e) => resolve({ status: 0, body: e.message }));
  req.end(t.method === "POST" ? "{}" : undefined);
});
const answers = [];
for (const t of targets) answers.push({ ...t, ...(await ask(t)) });
console.log(JSON.stringify(answers));
`;

const TARGETS = [
  { path: "/" },
  { path: "/taskpane.html" },
  { path: "/commands.html" },
  { path: "/taskpane.js" },
  { path: "/simulator" },
  { path: "/simulator/simulator.js" },
  { path: "/m365/chooser?ids=1" },
  { path: "/m365/chooser.js" },
  { path: "/api/status" },
  { path: "/api/call", method: "POST" },
  { path: "/simulator/deliver", method: "POST" },
  { path: "/api/events?token=guess", socket: true },
  { path: "/simulator/ws", socket: true },
];

beforeAll(async () => {
  await trustFakeGraphCertificate();
  graph = await new FakeGraph().start();
  t = await startTestBridge("self-signed", { microsoft365: graph.microsoft365Config(CLIENT_ID) });
  // nobody must be able to read the client script (the test's temp folders are private).
  clientDir = mkdtempSync(join(tmpdir(), "telefum-other-user-"));
  chmodSync(clientDir, 0o755);
  writeFileSync(join(clientDir, "client.mjs"), CLIENT, { mode: 0o644 });
}, 60_000);
afterAll(async () => {
  await t?.stop();
  await graph?.stop();
  if (clientDir) rmSync(clientDir, { recursive: true, force: true });
});

describe("only processes of the bridge's own OS user are served", () => {
  it.skipIf(!asRoot)("another user's process gets no answer on any page, API or WebSocket, and no token", async () => {
    // Not spawnSync: the bridge answering it runs in this very process.
    const run = await promisify(execFile)(
      "runuser",
      ["-u", "nobody", "--", process.execPath, join(clientDir, "client.mjs"), t.url, JSON.stringify(TARGETS)],
      { encoding: "utf8", cwd: clientDir, timeout: 30_000 },
    );
    expect(run.stderr).toBe("");
    const answers = JSON.parse(run.stdout) as { path: string; status: number; body: string }[];
    // Status 0: the client's own error, the connection reset before the TLS handshake; not one byte came back.
    expect(answers.map((a) => [a.path, a.status])).toEqual(TARGETS.map((target) => [target.path, 0]));
    for (const answer of answers) {
      expect(answer.body).not.toContain(t.token);
      expect(answer.body).toMatch(/ECONNRESET|socket disconnected before secure TLS connection/);
    }
  });

  it("this process, the bridge's own user, is served the pages with the token and the API", async () => {
    const page = await rawRequest(`${t.url}/simulator`, { ca: t.ca });
    expect(page.status).toBe(200);
    expect(page.body).toContain(`<meta name="telefum-bridge-token" content="${t.token}">`);
    const status = await rawRequest(`${t.url}/api/status`, { ca: t.ca, headers: { "x-bridge-token": t.token } });
    expect(status.status).toBe(200);
    expect(status.json()).toMatchObject({ ok: true, transport: "loopback", contacts: t.bridge.directory.count() });
  });
});
