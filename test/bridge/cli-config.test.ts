/** The config as the built CLI lives it: a bad one is refused before anything opens. */
import { readdirSync, writeFileSync } from "node:fs";
import { connect, createServer } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildBridge, runCliAsync } from "../support/built-cli.js";
import { useTempDir } from "../support/temp-dir.js";

const tempDir = useTempDir();
let build: ReturnType<typeof buildBridge>;

beforeAll(() => {
  build = buildBridge("cli-config");
});
afterAll(() => build?.dispose());

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

describe("bridge start with a bad config.json", () => {
  it("exits 2 naming the microsoft365 setting, before it opens the store or the port", async () => {
    const home = homeWith({ microsoft365: { clientId: "c11e", card: { mode: "fax" } } });
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
});
