/** The built CLI: a bad config refused before anything opens, one scheme for start and simulate, a quiet 500. */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { connect, createServer } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { devCertPaths, generateSelfSigned } from "../../bridge/addin-api/addin-tls.js";
import { openDatabase } from "../../bridge/store/sqlite.js";
import { type BuiltBridge, buildBridge, runCliAsync, startCli, type LogLine } from "../support/built-cli.js";
import { useTempDir } from "../support/temp-dir.js";

const tempDir = useTempDir();
let build: BuiltBridge;

beforeAll(async () => {
  build = await buildBridge("cli-config");
});
afterAll(() => build?.dispose());

const LOOKUP = "CONTACT?^0675355355^1^1^";
const VASYA = 'CONTACT^0675355355^1^1^Вася Петров^Агенство "Меридиан"^Хороший человек^1^\n';

function homeWith(config: unknown): string {
  const home = tempDir();
  writeFileSync(join(home, "config.json"), JSON.stringify(config));
  return home;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function connectError(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve("connected");
    });
    socket.once("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

const listening = (line: LogLine): boolean => line.msg === "local web server listening";

describe("bridge start with a bad config.json", () => {
  it("exits 2 naming the microsoft365 setting, before it opens the store or the port", async () => {
    const home = homeWith({ language: "en", microsoft365: { clientId: "c11e", card: { mode: "fax" } } });
    const port = await freePort();
    const result = await runCliAsync(build.cli, ["start", "--home", home, "--port", String(port)]);
    expect(result).toEqual({
      status: 2,
      stdout: "",
      stderr: `${join(home, "config.json")}: microsoft365.card.mode must be one of web, classic, pane, got "fax"\n`,
    });
    expect(readdirSync(home)).toEqual(["config.json"]);
    expect(await connectError(port)).toBe("ECONNREFUSED");
  });

  it("exits 2 printing all three bad values at once, in the bridge's language", async () => {
    const home = homeWith({
      language: "uk",
      encoding: "koi8",
      http: { host: "0.0.0.0" },
      microsoft365: { clientId: "c11e", card: { mode: "fax" } },
    });
    const file = join(home, "config.json");
    const port = await freePort();
    const result = await runCliAsync(build.cli, ["start", "--home", home, "--port", String(port)]);
    expect(result).toEqual({
      status: 2,
      stdout: "",
      stderr: [
        "Помилки в 3 налаштуваннях:",
        `  - ${file}: encoding: вказано "koi8", а має бути одне зі значень cp1251, utf16le, utf8`,
        `  - ${file}: http.host: вказано "0.0.0.0", а має бути одне зі значень 127.0.0.1, ::1, localhost`,
        `  - ${file}: microsoft365.card.mode: вказано "fax", а має бути одне зі значень web, classic, pane`,
        "",
      ].join("\n"),
    });
    expect(readdirSync(home)).toEqual(["config.json"]);
    expect(await connectError(port)).toBe("ECONNREFUSED");
  });
});

describe("bridge start on the simulator", () => {
  it("prints the simulator's address as a plain line in the bridge's language", async () => {
    const home = homeWith({ language: "ru" });
    const bridge = await startCli(build.cli, ["--home", home, "--port", "0", "--transport", "simulator"], listening);
    try {
      const simulator = String(bridge.readyLine.simulator);
      expect(simulator).toMatch(/^http:\/\/[^/]+:\d+\/simulator$/);
      const firstLine = await new Promise<string>((resolve) => {
        let out = "";
        bridge.child.stdout.on("data", (chunk: Buffer) => {
          out += chunk.toString("utf8");
          if (out.includes("\n")) resolve(out);
        });
      });
      expect(firstLine).toBe(`Симулятор TelefUM: откройте ${simulator} в браузере\n`);
    } finally {
      bridge.child.kill("SIGTERM");
      expect(await bridge.exited).toBe(0);
    }
  });
});

describe("bridge simulate against a bridge serving HTTPS", () => {
  it("trusts the bridge's self-signed certificate from the data folder", async () => {
    const home = homeWith({ addin: { tls: "self-signed" } });
    const bridge = await startCli(build.cli, ["--home", home, "--port", "0"], listening);
    try {
      const url = new URL(String(bridge.readyLine.url));
      expect(url.protocol).toBe("https:");
      const simulated = await runCliAsync(build.cli, ["simulate", LOOKUP, "--home", home, "--port", url.port]);
      expect(simulated).toEqual({ status: 0, stdout: VASYA, stderr: "" });
    } finally {
      bridge.child.kill("SIGTERM");
      expect(await bridge.exited).toBe(0);
    }
  });

  it("trusts office-addin-dev-certs' CA when \"auto\" finds it in the user's home", async () => {
    // What `npx office-addin-dev-certs install` leaves in the user's home: a CA and a localhost certificate.
    const userHome = tempDir();
    const dev = devCertPaths(userHome);
    await generateSelfSigned(dev);

    const home = tempDir();
    const env = { HOME: userHome, USERPROFILE: userHome };
    const bridge = await startCli(build.cli, ["--home", home, "--port", "0"], listening, env);
    try {
      expect(bridge.lines.find((l) => l.msg === "add-in: serving HTTPS")).toMatchObject({
        certificate: `office-addin-dev-certs (${dev.cert})`,
      });
      const url = new URL(String(bridge.readyLine.url));
      expect(url.protocol).toBe("https:");
      const simulated = await runCliAsync(build.cli, ["simulate", LOOKUP, "--home", home, "--port", url.port], env);
      expect(simulated).toEqual({ status: 0, stdout: VASYA, stderr: "" });
    } finally {
      bridge.child.kill("SIGTERM");
      expect(await bridge.exited).toBe(0);
    }
  });
});

describe("a route that fails unexpectedly", () => {
  it("answers a generic 500 and logs the detail", async () => {
    const home = homeWith({ addin: { tls: "off" } });
    const bridge = await startCli(build.cli, ["--home", home, "--port", "0"], listening);
    try {
      // The store loses a table under the running bridge: every history read now fails inside SQLite.
      const db = openDatabase(join(home, "bridge.db"));
      db.exec("ALTER TABLE calls RENAME TO calls_lost");
      db.close();
      const token = readFileSync(join(home, "addin-token"), "utf8").trim();
      const url = `${String(bridge.readyLine.url)}/api/history`;
      const response = await fetch(url, { headers: { "x-bridge-token": token } });
      expect(response.status).toBe(500);
      expect(await response.text()).toBe('{"error":"internal error"}');
      await expect
        .poll(() => bridge.lines.find((l) => l.msg === "request failed"))
        .toMatchObject({
          level: "error",
          method: "GET",
          path: "/api/history",
          reason: "no such table: calls",
        });
    } finally {
      bridge.child.kill("SIGTERM");
      expect(await bridge.exited).toBe(0);
    }
  });
});
