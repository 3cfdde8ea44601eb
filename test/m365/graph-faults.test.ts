/**
 * Graph misbehaving under a running bridge (a real process on the stdio transport, the fake Graph over HTTPS):
 * a proxy's HTML 200, a cut-off answer, refused tokens, a hung socket. Each time every call ends up in the mailbox
 * exactly once after Graph recovers, and TelefUM gets every answer meanwhile.
 */
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CallLog } from "../../bridge/calls/call-log.js";
import { OutboxStore } from "../../bridge/m365/outbox/outbox-store.js";
import { openDatabase } from "../../bridge/store/sqlite.js";
import { type FakeGraph, startFakeGraph } from "../fakes/graph/index.js";
import { type BuiltBridge, buildBridge } from "../support/built-cli.js";
import { callHistory, homeSignedIn, startStdioBridge, until, type StdioBridge } from "../support/stdio-bridge.js";
import { useTempDir } from "../support/temp-dir.js";
import { expectEventsOnce, mobile, outbox, startHarness } from "./harness.js";

const tempDir = useTempDir("graph-faults-");
let build: BuiltBridge;
let graph: FakeGraph;
let bridge: StdioBridge | undefined;
let home: string;

beforeAll(async () => {
  build = await buildBridge("graph-faults");
});
afterAll(() => build?.dispose());

beforeEach(async () => {
  graph = await startFakeGraph({ devicePendingPolls: 0 });
  graph.addContact({ displayName: "Anna", mobilePhone: mobile(1) });
  home = tempDir();
  await homeSignedIn(home, graph);
});
afterEach(async () => {
  await bridge?.stop();
  bridge = undefined;
  await graph.stop();
});

async function start(): Promise<StdioBridge> {
  bridge = await startStdioBridge(build.cli, home);
  return bridge;
}

function reasons(b: StdioBridge, msg: string): string[] {
  return b.lines.filter((l) => l.msg === msg).map((l) => String(l.reason));
}

describe("Graph faults against a running bridge", () => {
  it("a proxy's HTML 200 is not a written call: retried, then written once", async () => {
    graph.inject({ method: "POST", path: /\/events$/, status: 200, answer: "html", times: 3 });
    const b = await start();
    for (let i = 0; i < 5; i++) b.send(callHistory(i));
    await until("5 events", () => graph.events.length === 5 && outbox(home).done === 5);
    expectEventsOnce(graph, 5);
    expect(graph.requests("POST", /\/events$/)).toHaveLength(8);
    expect(reasons(b, "call will be written to the mailbox later")).toEqual(
      Array(3).fill("Graph answered 200 with text/html, not JSON"),
    );
    expect(outbox(home)).toEqual({ pending: 0, done: 5, failed: 0 });
  });

  it("a 200 cut off halfway (the event was made) is retried, not parked as failed; Graph keeps one event", async () => {
    graph.inject({ method: "POST", path: /\/events$/, status: 200, answer: "truncated", afterApply: true, times: 2 });
    const b = await start();
    for (let i = 0; i < 3; i++) b.send(callHistory(i));
    await until("3 calls done", () => outbox(home).done === 3);
    expectEventsOnce(graph, 3);
    expect(graph.requests("POST", /\/events$/)).toHaveLength(5);
    expect(reasons(b, "call will be written to the mailbox later")).toHaveLength(2);
    expect(outbox(home)).toEqual({ pending: 0, done: 3, failed: 0 });
  });

  it("a 401 after the refresh is retried soon; the bridge stays signed in and never asks GET /me", async () => {
    // Both the first POST and its replay with a refreshed token are refused.
    graph.inject({ method: "POST", path: /\/events$/, status: 401, times: 2 });
    const b = await start();
    b.send(callHistory(0));
    await until("the call written", () => outbox(home).done === 1);
    expectEventsOnce(graph, 1);
    expect(reasons(b, "call will be written to the mailbox later")[0]).toMatch(
      /^Microsoft 365 sign-in required: Graph refused the token \(InvalidAuthenticationToken: Injected 401\)$/,
    );
    expect(b.lines.filter((l) => l.msg === "microsoft365 failed")).toEqual([]);
    expect(graph.requests("GET", /\/v1\.0\/me$/)).toEqual([]);
  });

  it("a hung socket times out; the sync and the lookups go on; after release the call is written once", async () => {
    const release = graph.hold(/\/events$/);
    const b = await start();
    b.send(callHistory(0));
    await until("a timed-out POST", () => reasons(b, "call will be written to the mailbox later").length > 0);
    expect(reasons(b, "call will be written to the mailbox later")[0]).toMatch(/aborted due to timeout/);
    // Meanwhile TelefUM asks, and the sync ran (it does not wait behind the outbox).
    b.send(`CONTACT?^${mobile(1)}^1^1^`);
    await until("the reply", () => b.replies.length === 1);
    expect(b.replies[0]).toMatch(/^CONTACT\^\+380671000001\^1\^1\^Anna\^\^\^\d+\^$/);
    expect(b.lines.some((l) => l.msg === "Microsoft 365 sync done")).toBe(true);
    release(); // the held POST reaches Graph late; the retry carries the same transactionId
    await until("the call written", () => outbox(home).done === 1);
    expectEventsOnce(graph, 1);
  });

  it("a sync that hangs times out and is reported; the outbox writes meanwhile", async () => {
    const release = graph.hold(/contacts\/delta$/);
    const b = await start();
    b.send(callHistory(0));
    await until("the call written", () => outbox(home).done === 1);
    await until("the sync failing", () => reasons(b, "Microsoft 365 sync failed").length > 0);
    expect(reasons(b, "Microsoft 365 sync failed")[0]).toMatch(/aborted due to timeout/);
    release();
    expectEventsOnce(graph, 1);
  });

  it("a call logged without an outbox row (the old split commit) is queued at start and written", async () => {
    const db = openDatabase(join(home, "bridge.db"));
    new CallLog(db).record(
      {
        number: "0501112233",
        direction: "out",
        answered: true,
        start: "2026-11-25 09:00:00",
        durationSeconds: 60,
        recordingPath: "",
      },
      [],
    );
    db.close();
    const b = await start();
    await until("the call written", () => outbox(home).done === 1);
    expectEventsOnce(graph, 1);
    expect(b.lines.find((l) => l.msg === "queued logged calls that had no outbox row")).toMatchObject({ count: 1 });
    // TelefUM repeats it: nothing new.
    b.send("CALLHISTORY^0501112233^out^True^2026-11-25 09:00:00^0:01:00^^");
    b.send(`CONTACT?^${mobile(1)}^1^1^`);
    await until("the reply", () => b.replies.length === 1);
    expect(outbox(home)).toEqual({ pending: 0, done: 1, failed: 0 });
  });
});

describe("sign-in lost and back (in-process, the real session)", () => {
  it("a revoked sign-in is confirmed by GET /me; the queued call is written as soon as it comes back", async () => {
    await graph.stop();
    const h = await startHarness();
    try {
      await h.signIn();
      const r = await h.startBridge({ config: { retry: { outboxBaseSeconds: 0.2, outboxMaxSeconds: 3600 } } });
      h.graph.revokeAccessTokens();
      h.graph.revokeRefreshTokens();
      r.transport.deliver(callHistory(0));
      await r.core.idle();
      await until("signed out", () => r.events.some((e) => e.type === "failure" && e.stage === "microsoft365"));
      expect((await r.m365.status()).signedIn).toBe(false);
      expect(h.graph.requests("GET", /\/v1\.0\/me$/).length).toBeGreaterThan(0);
      expect(h.graph.events).toEqual([]);
      // Without the wake-up this call would wait outboxMaxSeconds (an hour).
      await r.m365.signInWithDeviceCode(() => undefined);
      await until("the call written", () => new OutboxStore(h.db).counts().done === 1, 5000);
      expect(h.graph.events).toHaveLength(1);
    } finally {
      await h.close();
      graph = await startFakeGraph();
    }
  });
});
