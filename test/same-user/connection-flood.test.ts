/**
 * Issue 20, findings 1-4, against the built bridge as a real process (stdio transport for TelefUM, plain HTTP for
 * the pane): requests that are no URL, another OS user's flood of connections (`runuser -u nobody`), this user's
 * own flood and silent connections, and the loopback another user must not hold.
 */
import { execFile } from "node:child_process";
import { chmodSync, copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HEADERS_TIMEOUT_MS, MAX_CONNECTIONS } from "../../bridge/http/loopback-listen.js";
import { MAX_OWN_CONNECTIONS } from "../../bridge/same-user/connection-gate.js";
import { type BuiltBridge, buildBridge, type LogLine, runCliAsync, startCli } from "../support/built-cli.js";
import { useTempDir } from "../support/temp-dir.js";

const asRoot = process.getuid?.() === 0;
const tempDir = useTempDir();
let build: BuiltBridge;
let clientDir: string;
let bridge: Awaited<ReturnType<typeof startCli>>;
let port: number;
let token: string;
const replies: string[] = [];

interface FloodResult {
  connected: number;
  closedByServer: number;
  bytes: number;
  errors: Record<string, number>;
}

/** flood-client.mjs as `user` (another OS user by runuser, or this process's own). */
async function flood(user: "nobody" | "self", host: string, count: number, holdMs: number): Promise<FloodResult> {
  const script = [process.execPath, join(clientDir, "flood-client.mjs"), host, String(port), String(count)];
  const command = `ulimit -n 8192; exec "$@" ${holdMs}`;
  const run =
    user === "nobody"
      ? promisify(execFile)("runuser", ["-u", "nobody", "--", "sh", "-c", command, "sh", ...script], { cwd: clientDir })
      : promisify(execFile)("sh", ["-c", command, "sh", ...script], { cwd: clientDir });
  return JSON.parse((await run).stdout) as FloodResult;
}

/** One raw HTTP exchange: what the server answered (the status line) and whether it is still the bridge. */
function rawExchange(host: string, text: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host, port }, () => socket.write(text));
    let answer = "";
    socket.setEncoding("utf8").on("data", (chunk: string) => (answer += chunk));
    socket.on("error", () => undefined);
    socket.on("close", () => resolve(answer.split("\r\n")[0] ?? ""));
  });
}

async function apiStatus(host = "127.0.0.1"): Promise<number> {
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}/api/status`;
  return (await fetch(url, { headers: { "x-bridge-token": token } })).status;
}

async function contactReply(): Promise<string> {
  const before = replies.length;
  bridge.child.stdin.write("CONTACT?^101^1^1^\n");
  await expect.poll(() => replies.length, { timeout: 10_000 }).toBe(before + 1);
  return replies[before]!;
}

const logged = (msg: string): LogLine[] => bridge.lines.filter((line) => line.msg === msg);
const openDescriptors = (): number => readdirSync(`/proc/${bridge.child.pid}/fd`).length;

beforeAll(async () => {
  build = await buildBridge("flood");
  clientDir = mkdtempSync(join(tmpdir(), "telefum-flood-"));
  chmodSync(clientDir, 0o755);
  copyFileSync(join(import.meta.dirname, "flood-client.mjs"), join(clientDir, "flood-client.mjs"));
  chmodSync(join(clientDir, "flood-client.mjs"), 0o644);
  const home = tempDir();
  writeFileSync(join(home, "config.json"), JSON.stringify({ addin: { tls: "off" } }));
  bridge = await startCli(
    build.cli,
    ["--home", home, "--port", "0", "--transport", "stdio"],
    (line) => line.msg === "local web server listening",
  );
  createInterface({ input: bridge.child.stdout }).on("line", (line) => replies.push(line));
  port = Number(new URL(String(bridge.readyLine.url)).port);
  token = readFileSync(join(home, "addin-token"), "utf8").trim();
}, 120_000);
afterAll(async () => {
  bridge?.child.kill("SIGTERM");
  await bridge?.exited;
  build?.dispose();
  if (clientDir) rmSync(clientDir, { recursive: true, force: true });
});

describe("no request ends the bridge", () => {
  it("a Host or path that is no URL, on a request or an upgrade, is answered 400; the bridge serves on", async () => {
    const upgrade = "connection: Upgrade\r\nupgrade: websocket\r\nsec-websocket-version: 13\r\n";
    const key = "sec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==\r\n";
    for (const host of ["127.0.0.1", "::1"]) {
      expect(await rawExchange(host, "GET / HTTP/1.1\r\nHost: [\r\n\r\n")).toBe("HTTP/1.1 400 Bad Request");
      expect(await rawExchange(host, "GET //[x HTTP/1.1\r\nHost: localhost\r\n\r\n")).toBe("HTTP/1.1 400 Bad Request");
      expect(await rawExchange(host, `GET /api/events HTTP/1.1\r\nHost: [\r\n${upgrade}${key}\r\n`)).toBe(
        "HTTP/1.1 400 Refused",
      );
      expect(await rawExchange(host, `GET //[x HTTP/1.1\r\nHost: localhost\r\n${upgrade}${key}\r\n`)).toBe(
        "HTTP/1.1 400 Refused",
      );
      // An upgrade with no key, and one cut off mid-headers by a reset.
      expect(
        await rawExchange(host, `GET /api/events?token=${token} HTTP/1.1\r\nHost: localhost\r\n${upgrade}\r\n`),
      ).toMatch(/^HTTP\/1.1 400/);
      const cut = connect({ host, port }, () => {
        cut.write(`GET /api/events HTTP/1.1\r\nHost: localhost\r\n${upgrade}`);
        cut.resetAndDestroy();
      });
      cut.on("error", () => undefined);
    }
    expect(await apiStatus("127.0.0.1")).toBe(200);
    expect(await apiStatus("::1")).toBe(200);
    expect(await contactReply()).toBe("CONTACT^101^1^1^IT help desk^Our office^Internal line^5^");
    expect(bridge.child.exitCode).toBeNull();
    expect(logged("uncaught error; the bridge keeps serving")).toEqual([]);
  });
});

describe.skipIf(!asRoot)("another OS user's flood of connections", () => {
  it("is dropped at accept, unanswered; TelefUM and this user's pane are still served; logged once", async () => {
    const flooding = flood("nobody", "127.0.0.1", 3_000, 20_000);
    // While it runs: the bridge answers TelefUM and its own user, and holds no descriptor for the flood.
    const during: number[] = [];
    for (let i = 0; i < 5; i++) {
      expect(await contactReply()).toBe("CONTACT^101^1^1^IT help desk^Our office^Internal line^5^");
      expect(await apiStatus()).toBe(200);
      during.push(openDescriptors());
    }
    const result = await flooding;
    // Every connection the bridge accepted was reset unanswered; the rest the kernel never completed (its accept
    // queue was full), and they hold nothing of the bridge's.
    expect(result.connected).toBeGreaterThan(2_000);
    expect(result.closedByServer).toBeGreaterThan(1_000);
    expect(result.bytes).toBe(0);
    // Bounded by the listener's cap, not by the flood: how many wait between a batch's accept and its reset depends on
    // how fast this Node accepts (under 200 on Node 22, 256 on Node 26).
    expect(Math.max(...during)).toBeLessThan(MAX_CONNECTIONS);
    expect(await apiStatus("::1")).toBe(200);
    // Once in all (the first test's reset connection may have been the first refused): no line per connection.
    expect(logged("connection refused: not this bridge's own OS user")).toHaveLength(1);
  }, 180_000);

  it("cannot take [::1] on the bridge's port while it runs", async () => {
    const listen = `require("net").createServer().listen(${port}, "::1", () => console.log("listening"))
      .on("error", (e) => { console.log(e.code); process.exit(0); })`;
    const run = await promisify(execFile)("runuser", ["-u", "nobody", "--", process.execPath, "-e", listen], {
      timeout: 20_000,
    }).catch((error: { stdout: string }) => error);
    expect(run.stdout.trim()).toBe("EADDRINUSE");
  });

  it("holding [::1] on a port makes a bridge refuse to start there, saying which address is taken", async () => {
    const holder = execFile("runuser", [
      "-u",
      "nobody",
      "--",
      process.execPath,
      "-e",
      `require("net").createServer().listen(0, "::1", function () { console.log(this.address().port) })`,
    ]);
    const held = await new Promise<number>((resolve) =>
      holder.stdout!.once("data", (chunk: Buffer) => resolve(Number(String(chunk).trim()))),
    );
    try {
      const home = tempDir();
      writeFileSync(join(home, "config.json"), JSON.stringify({ addin: { tls: "off" } }));
      const run = await runCliAsync(build.cli, [
        "start",
        "--home",
        home,
        "--port",
        String(held),
        "--transport",
        "stdio",
      ]);
      expect(run.status).toBe(1);
      expect(run.stderr).toContain(`error: port ${held} on ::1 is already in use`);
    } finally {
      holder.kill();
    }
  }, 60_000);
});

describe("this user's own connections", () => {
  it("are capped (the rest dropped at accept, logged once); silent ones closed after the header timeout", async () => {
    const extra = 40;
    const started = Date.now();
    const result = await flood("self", "127.0.0.1", MAX_OWN_CONNECTIONS + extra, HEADERS_TIMEOUT_MS * 3);
    // Every one closed by the bridge: the extra at once, the silent rest after the header timeout.
    expect(result).toMatchObject({
      connected: MAX_OWN_CONNECTIONS + extra,
      closedByServer: MAX_OWN_CONNECTIONS + extra,
    });
    expect(result.errors.ECONNRESET).toBeGreaterThanOrEqual(extra);
    expect(Date.now() - started).toBeGreaterThanOrEqual(HEADERS_TIMEOUT_MS - 1_000);
    expect(logged("connection refused: too many open connections")).toEqual([
      expect.objectContaining({ level: "warn", limit: MAX_OWN_CONNECTIONS }),
    ]);
    expect(await apiStatus()).toBe(200);
  }, 120_000);
});
