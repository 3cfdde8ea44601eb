/**
 * A built bridge running as its own process on the stdio transport: TelefUM's messages go in as stdin lines, the
 * replies come back as stdout lines, the JSON log is read from stderr. Optionally signed in to the fake Graph.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { setTimeout as sleep } from "node:timers/promises";
import { parseM365Config } from "../../bridge/m365/config.js";
import { type FakeGraph, signInToFakeGraph } from "../fakes/graph/index.js";
import { projectDir, startCli, type LogLine } from "./built-cli.js";

export const GRAPH_CA = { NODE_EXTRA_CA_CERTS: join(projectDir, "test", "fakes", "graph", "tls", "cert.pem") };

export interface StdioBridge {
  lines: LogLine[];
  replies: string[];
  pid: number;
  send(text: string): void;
  /** Stops it the way a service manager does (SIGTERM) and resolves with the exit code. */
  stop(): Promise<number | null>;
  kill(): Promise<void>;
}

/** Writes config.json (Microsoft 365 at the fake, quick retries for tests) and signs in into the bridge's cache. */
export async function homeSignedIn(home: string, graph: FakeGraph, m365: Record<string, unknown> = {}): Promise<void> {
  const microsoft365 = graph.microsoft365Config("00000000-0000-0000-0000-00000000c11e", {
    retry: { outboxBaseSeconds: 0.2, outboxMaxSeconds: 2, requestTimeoutSeconds: 1 },
    ...m365,
  });
  writeFileSync(join(home, "config.json"), JSON.stringify({ seedDemo: false, microsoft365 }));
  await signInToFakeGraph(parseM365Config(microsoft365), join(home, "msal-token-cache.json"));
}

export async function startStdioBridge(cli: string, home: string, args: string[] = []): Promise<StdioBridge> {
  const { child, lines, exited } = await startCli(
    cli,
    ["--transport", "stdio", "--no-http", "--home", home, ...args],
    (line) => line.msg === "bridge started",
    GRAPH_CA,
  );
  const replies: string[] = [];
  createInterface({ input: child.stdout }).on("line", (line) => replies.push(line));
  return {
    lines,
    replies,
    pid: child.pid!,
    send: (text) => void child.stdin.write(`${text}\n`),
    async stop() {
      child.kill("SIGTERM");
      return exited;
    },
    async kill() {
      child.kill("SIGKILL");
      await exited;
    },
  };
}

/** Polls until `check` is true; fails with `what` after `ms`. */
export async function until(what: string, check: () => boolean, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** CALLHISTORY for call i: distinct numbers and start times, outgoing and answered unless said. */
export function callHistory(i: number, kind: "answered" | "missed" = "answered"): string {
  const number = `+38067${String(2_000_000 + i).padStart(7, "0")}`;
  const start = `2026-11-25 ${String(8 + Math.floor(i / 60)).padStart(2, "0")}:${String(i % 60).padStart(2, "0")}:00`;
  return kind === "missed"
    ? `CALLHISTORY^${number}^in^False^${start}^0:00:00^^`
    : `CALLHISTORY^${number}^out^True^${start}^0:01:05^^`;
}
