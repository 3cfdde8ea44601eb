/** CALLHISTORY: the call log, the call sinks, and the calls the store refused. */
import { describe, expect, it } from "vitest";
import { EventHub } from "../../bridge/core/events.js";
import { BridgeCore } from "../../bridge/core/bridge-core.js";
import { LoopbackTransport } from "../../bridge/transport/loopback.js";
import { openTestStore } from "../support/store.js";
import { RecordingSink, useCoreHarness } from "./harness.js";

const { tempDir, setup } = useCoreHarness();

describe("CALLHISTORY taken in", () => {
  it("logs a call written in any of TelefUM's date and duration forms once, as the same call", async () => {
    const t = await setup();
    for (const [date, duration] of [
      ["2013-05-14 10:11:46", "0:03:12"],
      ["14.05.2013 10:11:46", "00:03:12"],
      ["14/05/2013 10:11:46", "03:12"],
      ["5/14/2013 10:11:46 AM", "192"],
    ]) {
      await t.play(`CALLHISTORY^0675355355^in^True^${date}^${duration}^^`);
    }
    expect(t.callLog.recent().map((c) => [c.number, c.start, c.durationSeconds])).toEqual([
      ["0675355355", "2013-05-14 10:11:46", 192],
    ]);
    expect(t.sink.calls).toHaveLength(1);
  });

  it("logs CALLHISTORY once, hands it to every sink once, and keeps repeated messages harmless", async () => {
    const t = await setup();
    const text = "CALLHISTORY^0675355355^in^True^2026-11-25 10:15:00^0:03:07^C:\\Записи\\rec.wav^";
    await t.play(text);
    await t.play(text);
    await t.play("CALLHISTORY^0675355355^in^False^2026-11-25 11:00:00^0:00:00^^");
    const calls = t.callLog.recent({ number: "0675355355" });
    expect(
      calls.map((c) => [c.direction, c.answered, c.start, c.durationSeconds, c.recordingPath, c.contactIds]),
    ).toEqual([
      ["in", false, "2026-11-25 11:00:00", 0, "", ["1"]],
      ["in", true, "2026-11-25 10:15:00", 187, "C:\\Записи\\rec.wav", ["1"]],
    ]);
    expect(t.sink.calls.map((c) => c.call.start)).toEqual(["2026-11-25 10:15:00", "2026-11-25 11:00:00"]);
    expect(t.sink.calls[0]!.contacts.map((c) => c.name)).toEqual(["Вася Петров"]);
    expect(t.of("call-logged")).toHaveLength(2);
  });

  it("keeps the call logged when a sink fails, and says which sink failed", async () => {
    const store = openTestStore(tempDir());
    const transport = new LoopbackTransport();
    const events = new EventHub();
    const failures: string[] = [];
    events.on((e) => e.type === "failure" && failures.push(e.message));
    const good = new RecordingSink("good");
    const core = new BridgeCore({ directory: store.directory, callLog: store.callLog, transport, events });
    core.addCallSink(new RecordingSink("mailbox", true));
    core.addCallSink(good);
    await core.start();
    transport.deliver("CALLHISTORY^101^out^True^2026-11-25 09:00:00^1:02:03^^");
    await core.idle();
    expect(failures).toEqual(["mailbox: mailbox unreachable"]);
    expect(good.calls).toHaveLength(1);
    expect(store.callLog.recent()).toHaveLength(1);
    expect(store.callLog.recent()[0]!.durationSeconds).toBe(3723);
  });

  it("holds a call the store refuses, says so, and stores it once the store takes writes again", async () => {
    const t = await setup();
    t.db.exec("PRAGMA query_only = ON"); // SQLite itself refuses every write, as with a full disk
    await t.play("CALLHISTORY^0675355355^in^True^2026-11-25 10:15:00^0:03:07^^");
    expect(t.of("failure").map((e) => [e.stage, e.message])).toEqual([
      [
        "CALLHISTORY",
        "the call could not be stored (attempt to write a readonly database); kept in memory with 0 other(s) " +
          "and stored again soon",
      ],
    ]);
    expect(t.core.unstoredCalls).toBe(1);
    expect(t.sink.calls).toEqual([]);
    t.db.exec("PRAGMA query_only = OFF");
    await t.play("CALLHISTORY^0675355355^out^True^2026-11-25 11:00:00^0:01:00^^");
    // The call stored now starts the retry of the held one; stopping waits for that retry.
    await t.core.stop();
    expect(t.core.unstoredCalls).toBe(0);
    expect(t.callLog.recent().map((c) => [c.direction, c.start])).toEqual([
      ["out", "2026-11-25 11:00:00"],
      ["in", "2026-11-25 10:15:00"],
    ]);
    expect(t.sink.calls.map((c) => c.call.start)).toEqual(["2026-11-25 11:00:00", "2026-11-25 10:15:00"]);
    expect(t.of("call-logged")).toHaveLength(2);
    expect(t.of("failure")).toHaveLength(1);
  });

  it("reports the calls still held when the bridge stops", async () => {
    const t = await setup();
    t.db.exec("PRAGMA query_only = ON");
    await t.play("CALLHISTORY^0675355355^in^True^2026-11-25 10:15:00^0:03:07^^");
    await t.play("CALLHISTORY^0675355355^in^True^2026-11-25 10:20:00^0:01:00^^");
    expect(t.of("failure").at(-1)?.message).toMatch(/kept in memory with 1 other\(s\)/);
    await t.core.stop();
    expect(t.of("failure").at(-1)).toMatchObject({
      stage: "CALLHISTORY",
      message: "2 call(s) could not be stored before the bridge stopped",
    });
    expect(t.sink.calls).toEqual([]);
  });
});
