/**
 * Findings 4 and 5 against the built bridge as a real process: oversized messages are refused before they are
 * parsed, by every way in, without the process growing or its log filling up; and the data folder is private.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { type BuiltBridge, buildBridge, type LogLine, startCli } from "../support/built-cli.js";
import { useTempDir } from "../support/temp-dir.js";

const tempDir = useTempDir();
let build: BuiltBridge;

beforeAll(async () => {
  build = await buildBridge("limits");
}, 120_000);
afterAll(() => build?.dispose());

const FOUR_MB = 4 * 1024 * 1024;

function rssBytes(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
  return Number(kb) * 1024;
}

function deliverText(url: string, body: string): Promise<Response> {
  return fetch(`${url}/simulator/deliver`, { method: "POST", headers: { "content-type": "application/json" }, body });
}

/** Announces a body of `length` bytes to /simulator/deliver and sends none of it; resolves with the answer. */
function announceBody(url: string, length: number): Promise<[number, string]> {
  return new Promise((resolve, reject) => {
    const headers = { "content-type": "application/json", "content-length": String(length) };
    const req = request(`${url}/simulator/deliver`, { method: "POST", headers }, (res) => {
      let body = "";
      res.setEncoding("utf8").on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve([res.statusCode ?? 0, body]));
    });
    req.on("error", reject);
    req.flushHeaders();
  });
}

const longestLine = (lines: LogLine[]): number => Math.max(...lines.map((l) => Buffer.byteLength(JSON.stringify(l))));

/** Sends one message and resolves with the close code the bridge answered with. */
function closeCodeAfter(url: string, message: string): Promise<number> {
  const ws = new WebSocket(url);
  return new Promise((resolve, reject) => {
    ws.once("open", () => ws.send(message));
    ws.once("close", (code) => resolve(code));
    ws.once("error", reject);
  });
}

describe("size limits, through the built bridge", () => {
  it("refuses 4 MB WebSocket messages and bodies before parsing: little memory, no long log line", async () => {
    const home = tempDir();
    writeFileSync(join(home, "config.json"), JSON.stringify({ addin: { tls: "off" } }));
    const bridge = await startCli(
      build.cli,
      ["--home", home, "--port", "0", "--transport", "simulator"],
      (line) => line.msg === "local web server listening",
    );
    try {
      const url = String(bridge.readyLine.url);
      const token = readFileSync(join(home, "addin-token"), "utf8").trim();
      const ws = url.replace(/^http/, "ws");
      // Warm up first (the first socket and request load code and grow the heap whatever their size).
      const small = JSON.stringify({ text: "CONTACT?^101^1^1^" });
      await deliverText(url, small);
      await new Promise<void>((resolve) => {
        const socket = new WebSocket(`${ws}/simulator/ws`);
        socket.once("message", () => resolve(socket.close()));
      });
      const before = rssBytes(bridge.child.pid!);
      const huge = JSON.stringify({ text: `CONTACT?^${"9".repeat(FOUR_MB)}^1^1^` });
      // One 4 MB message on each socket: what the kernel had already buffered is read and dropped (garbage until
      // the next GC), nothing is kept.
      expect(await closeCodeAfter(`${ws}/simulator/ws`, huge)).toBe(1009);
      expect(await closeCodeAfter(`${ws}/api/events?token=${token}`, huge)).toBe(1009);
      // A 4 MB body is refused from its header, before the body is read: the answer comes with none of it sent.
      expect(await announceBody(url, FOUR_MB)).toEqual([413, '{"error":"request body larger than 65536 bytes"}']);
      const grown = rssBytes(bridge.child.pid!) - before;
      expect(grown).toBeLessThan(20 * 1024 * 1024);
      // The bridge still answers.
      const ok = await deliverText(url, small);
      expect((await ok.json()) as unknown).toMatchObject({
        replies: ["CONTACT^101^1^1^IT help desk^Our office^Internal line^5^"],
      });
      expect(longestLine(bridge.lines)).toBeLessThanOrEqual(1024);
    } finally {
      bridge.child.kill("SIGTERM");
      await bridge.exited;
    }
  });

  it("stdio: a 4 MB line is rejected as TOO_LONG, the next one answered, every log line under 1 KB", async () => {
    const bridge = await startCli(
      build.cli,
      ["--home", tempDir(), "--transport", "stdio", "--no-http"],
      (line) => line.msg === "bridge started",
      { TELEFUM_LOG_LEVEL: "debug" },
    );
    let stdout = "";
    bridge.child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    bridge.child.stdin.write(`CONTACT?^${"9".repeat(FOUR_MB)}^1^1^\nCONTACT?^101^1^1^\n`);
    await expect
      .poll(() => stdout, { timeout: 10_000 })
      .toBe("CONTACT^101^1^1^IT help desk^Our office^Internal line^5^\n");
    await expect
      .poll(() => bridge.lines.find((l) => l.msg === "message not understood (kept in the not-understood list)"))
      .toMatchObject({ code: "TOO_LONG", command: "CONTACT?" });
    expect(longestLine(bridge.lines)).toBeLessThanOrEqual(1024);
    bridge.child.stdin.end();
    expect(await bridge.exited).toBe(0);
  });
});

describe("the data folder is private", () => {
  it("is 0700 with every file 0600, an existing open folder and file included", async () => {
    const home = tempDir();
    mkdirSync(home, { recursive: true, mode: 0o755 });
    writeFileSync(join(home, "config.json"), JSON.stringify({ addin: { tls: "self-signed" } }), { mode: 0o644 });
    const bridge = await startCli(
      build.cli,
      ["--home", home, "--port", "0"],
      (line) => line.msg === "local web server listening",
    );
    try {
      const mode = (path: string) => (statSync(join(home, path)).mode & 0o777).toString(8);
      expect(mode(".")).toBe("700");
      for (const file of ["config.json", "bridge.db", "bridge.db-wal", "bridge.db-shm", "addin-token"]) {
        expect([file, mode(file)]).toEqual([file, "600"]);
      }
      expect(mode("tls")).toBe("700");
      expect(mode("tls/localhost.key")).toBe("600");
      // Nothing in the folder (the log files and certificates included) has a bit for group or others.
      const open = readdirSync(home, { recursive: true, encoding: "utf8" }).filter(
        (path) => (statSync(join(home, path)).mode & 0o077) !== 0,
      );
      expect(open).toEqual([]);
    } finally {
      bridge.child.kill("SIGTERM");
      await bridge.exited;
    }
  });
});
