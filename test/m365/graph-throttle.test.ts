/**
 * One throttle for every Graph request, through a real bridge process on the stdio transport and the fake Graph
 * over HTTPS: a 429 storm with Retry-After while TelefUM keeps asking, a flapping link, the wall clock set back
 * while calls wait, and a sign-in that Graph refuses for good. Each ends with every call written exactly once.
 */
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { FakeGraph } from "../fakes/graph/fake-graph.js";
import { trustFakeGraphCertificate } from "../fakes/graph/trust.js";
import { type BuiltBridge, buildBridge, projectDir, runCliAsync, startCli } from "../support/built-cli.js";
import {
  callHistory,
  GRAPH_CA,
  homeSignedIn,
  startStdioBridge,
  type StdioBridge,
  until,
} from "../support/stdio-bridge.js";
import { useTempDir } from "../support/temp-dir.js";
import { expectEventsOnce, mobile, outbox } from "./harness.js";

const tempDir = useTempDir("graph-throttle-");
const GRAPH = /^\/v1\.0\//;
let build: BuiltBridge;
let graph: FakeGraph;
let bridge: StdioBridge | undefined;
let home: string;

beforeAll(async () => {
  build = await buildBridge("graph-throttle");
  await trustFakeGraphCertificate();
});
afterAll(() => build?.dispose());

beforeEach(async () => {
  graph = await new FakeGraph().start();
  graph.devicePendingPolls = 0;
  graph.addContact({ displayName: "Anna", mobilePhone: mobile(1) });
  home = tempDir();
});
afterEach(async () => {
  await bridge?.stop();
  bridge = undefined;
  await graph.stop();
});

/** A number nobody has: its card asks Graph for tasks, logged calls and mail that mentions it. */
function unknownNumber(i: number): string {
  return `+38050${String(3_000_000 + i).padStart(7, "0")}`;
}

describe("one throttle for every Graph request", () => {
  it("429 Retry-After 5 for 45 s, TelefUM asking every 30 ms: a handful of GETs, every call written once", async () => {
    await homeSignedIn(home, graph, { calls: { missedCallTask: false } });
    bridge = await startStdioBridge(build.cli, home);
    const b = bridge;
    await until("the first sync", () => b.lines.some((l) => l.msg === "Microsoft 365 sync done"));
    graph.inject({ path: GRAPH, status: 429, retryAfterSeconds: 5, times: Number.POSITIVE_INFINITY });
    const before = graph.requests("GET", GRAPH).length;
    for (let i = 0; i < 10; i++) b.send(callHistory(i));
    const stormEnds = Date.now() + 45_000;
    let lookups = 0;
    while (Date.now() < stormEnds) {
      b.send(`CONTACT?^${unknownNumber(lookups++)}^1^1^`);
      await sleep(30);
    }
    const gets = graph.requests("GET", GRAPH).length - before;
    graph.clearFaults();
    await until("every lookup answered", () => b.replies.length === lookups);
    await until("the calls written", () => outbox(home).done === 10, 30_000);
    expect(lookups).toBeGreaterThan(500);
    // One probe per Retry-After, not one per lookup (about 1,500 lookups, three parts of a card each).
    expect(gets).toBeLessThan(25);
    expectEventsOnce(graph, 10);
    expect(outbox(home)).toEqual({ pending: 0, done: 10, failed: 0 });
    expect(b.lines.some((l) => l.msg === "Graph paused for every request" && l.problem === "throttled")).toBe(true);
  }, 120_000);

  it("a $batch whose requests answer 429 Retry-After 5: every other request of the bridge waits it out", async () => {
    graph.addMailbox("reception@contoso.test");
    await homeSignedIn(home, graph, {
      calls: { missedCallTask: false },
      sync: { sharedMailboxes: ["reception@contoso.test"] },
    });
    // The shared mailbox's first sync asks for its folders in one batch; Graph throttles the requests inside it.
    graph.inject({ method: "GET", path: /\/users\/reception/, status: 429, retryAfterSeconds: 5, times: 2 });
    bridge = await startStdioBridge(build.cli, home);
    const b = bridge;
    await until("the throttled batch", () => graph.requests("GET", /\/users\/reception/).some((r) => r.status === 429));
    const throttledAt = graph.requests("GET", /\/users\/reception/).find((r) => r.status === 429)!.at;
    expect(graph.requests("POST", /\/\$batch$/).length).toBeGreaterThan(0);
    for (let i = 0; i < 5; i++) b.send(callHistory(i));
    for (let i = 0; i < 20; i++) b.send(`CONTACT?^${unknownNumber(i)}^1^1^`);
    await until("every lookup answered", () => b.replies.length === 20);
    await until("the calls written", () => outbox(home).done === 5, 30_000);
    await until("the sync done", () => b.lines.some((l) => l.msg === "Microsoft 365 sync done"));
    // Nothing reached Graph while Retry-After ran (a request already on its way may land just after the 429).
    const during = ["GET", "POST", "PATCH"]
      .flatMap((method) => graph.requests(method, GRAPH))
      .filter((r) => r.at > throttledAt + 200 && r.at < throttledAt + 4900);
    expect(during).toEqual([]);
    expect(graph.requests("POST", /\/events$/)[0]!.at).toBeGreaterThanOrEqual(throttledAt + 4900);
    expect(graph.earlyRetries).toBe(0);
    expectEventsOnce(graph, 5);
    expect(b.lines.some((l) => l.msg === "Graph paused for every request" && l.problem === "throttled")).toBe(true);
  }, 60_000);

  it("a link up 5 s, down 5 s: the calls are written during the flap, all of them soon after", async () => {
    // The outbox's own backoff as shipped (30 s, doubling): the throttle's probes and the wake-up set the pace.
    await homeSignedIn(home, graph, {
      calls: { missedCallTask: false },
      retry: { outboxBaseSeconds: 30, outboxMaxSeconds: 3600, requestTimeoutSeconds: 2, graphDownMaxSeconds: 4 },
    });
    bridge = await startStdioBridge(build.cli, home);
    const b = bridge;
    await until("the first sync", () => b.lines.some((l) => l.msg === "Microsoft 365 sync done"));
    const stop = graph.flap(5000, 5000);
    const calls = 40;
    for (let i = 0; i < calls; i++) {
      b.send(callHistory(i));
      await sleep(750);
    }
    const duringFlap = outbox(home).done;
    stop();
    // Bounded: the throttle's longest pause (4 s) and the writing itself, with room for a loaded machine.
    await sleep(15_000);
    expect(outbox(home)).toEqual({ pending: 0, done: calls, failed: 0 });
    expectEventsOnce(graph, calls);
    expect(duringFlap).toBeGreaterThan(calls / 4);
  }, 120_000);

  it("the clock set back an hour while calls wait: written as soon as Graph is back, and logged", async () => {
    await homeSignedIn(home, graph, {
      calls: { missedCallTask: false },
      retry: { outboxBaseSeconds: 2, outboxMaxSeconds: 2, requestTimeoutSeconds: 1, graphDownMaxSeconds: 2 },
    });
    const preload = pathToFileURL(join(projectDir, "test", "fakes", "clock", "set-back-on-signal.mjs")).href;
    const { child, lines, exited } = await startCli(
      build.cli,
      ["--transport", "stdio", "--no-http", "--home", home],
      (line) => line.msg === "bridge started",
      { ...GRAPH_CA, NODE_OPTIONS: `--import ${preload}` },
    );
    try {
      await until("the first sync", () => lines.some((l) => l.msg === "Microsoft 365 sync done"));
      graph.networkDown = true;
      for (let i = 0; i < 9; i++) child.stdin.write(`${callHistory(i)}\n`);
      await until("the calls backing off", () =>
        lines.some((l) => l.msg === "call will be written to the mailbox later"),
      );
      child.kill("SIGUSR2");
      await sleep(1500);
      graph.networkDown = false;
      await until("the calls written", () => outbox(home).done === 9, 15_000);
      expectEventsOnce(graph, 9);
      expect(lines.find((l) => l.msg === "the clock was set back: the outbox's plan is re-made")).toMatchObject({
        stepSeconds: 3600,
      });
    } finally {
      child.kill("SIGTERM");
      await exited;
    }
  }, 60_000);

  it("a sign-in refused for good: the bridge signs out, `bridge status` says so with the calls pending", async () => {
    await homeSignedIn(home, graph, { calls: { missedCallTask: false } });
    bridge = await startStdioBridge(build.cli, home);
    const b = bridge;
    await until("the first sync", () => b.lines.some((l) => l.msg === "Microsoft 365 sync done"));
    graph.revokeAccessTokens();
    graph.revokeRefreshTokens();
    for (let i = 0; i < 5; i++) b.send(callHistory(i));
    await until("signed out", () =>
      b.lines.some((l) => l.msg === "signed out of Microsoft 365: the sign-in no longer works"),
    );
    await until("the calls queued", () => outbox(home).pending === 5);
    const run = await runCliAsync(build.cli, ["status", "--home", home], GRAPH_CA);
    expect(run.status).toBe(0);
    const status = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(status).toMatchObject({ enabled: true, signedIn: false, problem: "signInNeeded" });
    expect(status.outbox).toEqual({ pending: 5, done: 0, failed: 0 });
    // TelefUM is still answered from the index.
    b.send(`CONTACT?^${mobile(1)}^1^1^`);
    await until("the reply", () => b.replies.length === 1);
    expect(b.replies[0]).toMatch(/^CONTACT\^\+380671000001\^1\^1\^Anna\^/);
    expect(graph.events).toEqual([]);
  }, 60_000);
});
