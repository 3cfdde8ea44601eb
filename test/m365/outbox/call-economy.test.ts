/**
 * What writing a call costs in Graph requests, counted at the fake Graph: once the calendar and the To Do list are
 * known, a call is two round trips (the event, the task and the reads of the contacts' notes in one $batch, the
 * notes' PATCHes in a second), and a backlog of 1,000 calls drains at that rate with every call in the mailbox once.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { deliver, expectEventsOnce, type Harness, mobile, requestsSince, startHarness } from "../harness.js";

let h: Harness;

beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

function batchedSince(mark: number): string[] {
  return h.graph.log
    .slice(mark)
    .filter((e) => e.batched)
    .map((e) => `${e.method} ${e.path.replace(/\/(contacts|calendars|lists)\/[^/]+/, "/$1/{id}")} ${e.status}`);
}

/** TelefUM's start time of the i-th call: one a minute from 2026-11-25 08:00. */
function startOf(i: number): string {
  const t = new Date(Date.UTC(2026, 10, 25, 8, i));
  return t.toISOString().slice(0, 19).replace("T", " ");
}

/** Signed in and synced; without background work the calls wait in the outbox until the test drains it. */
async function signedIn(background = true) {
  await h.signIn();
  const r = await h.startBridge({ config: { retry: { outboxBaseSeconds: 1 } }, attach: { background } });
  await r.m365.syncNow();
  return r;
}

describe("a call written to the mailbox", () => {
  it("takes two round trips after the first call: event, task and note reads, then the notes", async () => {
    const anna = h.graph.addContact({ displayName: "Anna", mobilePhone: mobile(1) });
    const r = await signedIn();
    await deliver(r, `CALLHISTORY^${mobile(1)}^in^False^${startOf(0)}^0:00:00^^`);
    await r.m365.flushOutbox();
    expect(h.graph.tasks).toHaveLength(1);

    let mark = h.graph.log.length;
    await deliver(r, `CALLHISTORY^${mobile(1)}^in^False^${startOf(1)}^0:00:00^^`);
    await r.m365.flushOutbox();
    expect(requestsSince(h, mark)).toEqual(["POST /v1.0/$batch", "POST /v1.0/$batch"]);
    expect(batchedSince(mark)).toEqual([
      "GET /v1.0/me/contacts/{id} 200",
      "POST /v1.0/me/calendars/{id}/events 201",
      "POST /v1.0/me/todo/lists/{id}/tasks 201",
      "PATCH /v1.0/me/contacts/{id} 200",
    ]);
    expect(h.graph.tasks).toHaveLength(2);
    expect(h.graph.contact(anna.id)!.personalNotes!.split("\r\n")).toHaveLength(2);

    // A call from nobody known writes no note: one round trip.
    mark = h.graph.log.length;
    await deliver(r, `CALLHISTORY^0441112233^out^True^${startOf(2)}^0:01:00^^`);
    await r.m365.flushOutbox();
    expect(requestsSince(h, mark)).toEqual(["POST /v1.0/$batch"]);
    expectEventsOnce(h.graph, 3);
  });

  it("a backlog of 1,000 calls drains in two requests a call (+ the first), each in the mailbox once", async () => {
    const people = Array.from({ length: 10 }, (_, i) =>
      h.graph.addContact({ displayName: `Person ${i}`, mobilePhone: mobile(i) }),
    );
    const r = await signedIn(false);
    const calls = 1000;
    for (let i = 0; i < calls; i++) {
      const answered = i % 4 === 0 ? "False" : "True";
      await deliver(r, `CALLHISTORY^${mobile(i % 10)}^in^${answered}^${startOf(i)}^0:00:30^^`);
    }
    expect((await r.m365.status()).outbox).toEqual({ pending: calls, done: 0, failed: 0 });

    const mark = h.graph.log.length;
    // a drain takes a bounded number of passes of a bounded number of calls: as many drains as it takes
    while ((await r.m365.status()).outbox!.pending > 0) await r.m365.flushOutbox();
    expect((await r.m365.status()).outbox).toEqual({ pending: 0, done: calls, failed: 0 });
    const requests = requestsSince(h, mark);
    // the first call finds (here: makes) the Calls calendar and finds the To Do list
    expect(requests.filter((q) => q !== "POST /v1.0/$batch")).toEqual([
      "GET /v1.0/me/calendars",
      "POST /v1.0/me/calendars",
      "GET /v1.0/me/todo/lists",
    ]);
    expect(requests.length).toBe(2 * calls + 3);
    expectEventsOnce(h.graph, calls);
    expect(h.graph.tasks).toHaveLength(calls / 4);
    for (const person of people) {
      const lines = h.graph.contact(person.id)!.personalNotes!.split("\r\n");
      expect(new Set(lines).size).toBe(calls / 10);
    }
  }, 300_000);
});
