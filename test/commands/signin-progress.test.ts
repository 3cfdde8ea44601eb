/**
 * `bridge signin` shows its first sync's progress: plain lines of the count into a pipe, a line redrawn in place on
 * a terminal (util-linux `script`). The fake holds the directory's delta, after every personal contact is written,
 * until the progress has been seen, so what is asserted never depends on how fast the machine is.
 */
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeGraph } from "../fakes/graph/index.js";
import { type BuiltBridge, buildBridge, projectDir } from "../support/built-cli.js";
import { useTempDir } from "../support/temp-dir.js";

const tempDir = useTempDir();
let build: BuiltBridge;
let graph: FakeGraph;
const CONTACTS = 12_000;
/** What a terminal bar ends with: the rest of the line erased. */
const ERASE_LINE = "\u001b[K";

beforeAll(async () => {
  build = await buildBridge("signin-progress");
  graph = await new FakeGraph().start();
  graph.devicePendingPolls = 0;
  for (let i = 0; i < CONTACTS; i++)
    graph.addContact({ displayName: `Person ${i}`, mobilePhone: `+38067${String(1_000_000 + i)}` });
  graph.addUser({ displayName: "Олена", mobilePhone: "+380971112233" } as never);
}, 180_000);
afterAll(async () => {
  build?.dispose();
  await graph?.stop();
});

function homeWithConfig(): string {
  const home = tempDir();
  const microsoft365 = {
    ...graph.microsoft365Config("00000000-0000-0000-0000-00000000c11e"),
    sync: { directory: true },
  };
  writeFileSync(join(home, "config.json"), JSON.stringify({ seedDemo: false, microsoft365 }));
  return home;
}

/** Runs `command`, releases the held directory delta once `seen` matches its output, returns all it wrote. */
async function signInUntil(
  file: string,
  args: string[],
  seen: (out: string) => boolean,
): Promise<{ status: number | null; out: string }> {
  const release = graph.hold(/\/users\/delta$/);
  const env = {
    ...process.env,
    TELEFUM_BRIDGE_PORT: "",
    NODE_EXTRA_CA_CERTS: join(projectDir, "test", "fakes", "graph", "tls", "cert.pem"),
  };
  const child = spawn(file, args, { env });
  let out = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    out += chunk;
    if (seen(out)) release();
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (out += chunk));
  child.stdin.end();
  const status = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  release();
  return { status, out };
}

describe("bridge signin's first sync", () => {
  it("into a pipe: plain lines with the count", async () => {
    const home = homeWithConfig();
    const { status, out } = await signInUntil(
      process.execPath,
      [build.cli, "signin", "--home", home, "--lang", "en"],
      (out) => out.includes("Syncing Microsoft 365 contacts: "),
    );
    expect(status, out).toBe(0);
    const lines = out.split("\n").filter((l) => l.startsWith("Syncing Microsoft 365 contacts"));
    // One line per 10 000 items: 12 000 contacts make one, with the count the poll saw then.
    expect(lines).toHaveLength(1);
    const count = Number(/: ([\d,]+) contacts$/.exec(lines[0]!)![1]!.replace(/,/g, ""));
    expect(count).toBeGreaterThanOrEqual(10_000);
    expect(count).toBeLessThanOrEqual(CONTACTS);
    expect(out).not.toContain("\r");
    expect(out).toMatch(/"contacts": 12000/);
  });

  it("on a terminal: the count redrawn in place", async () => {
    const home = homeWithConfig();
    const command = [process.execPath, build.cli, "signin", "--home", home, "--lang", "uk"].join(" ");
    const { status, out } = await signInUntil("script", ["-qfc", command, "/dev/null"], (out) =>
      out.includes(ERASE_LINE),
    );
    expect(status, out).toBe(0);
    const bar = out.split("\r").find((part) => part.startsWith("Синхронізація контактів Microsoft 365 "));
    expect(bar).toMatch(/^Синхронізація контактів Microsoft 365 \d+([\s\u00a0]\d{3})? контакт\S*/);
    expect(bar).toContain(ERASE_LINE);
    expect(out).toMatch(/"contacts": 12000/);
  });
});
