import { describe, expect, it } from "vitest";
import { silentLogger } from "../../bridge/log/log.js";
import { SyncScheduler } from "../../bridge/m365/sources/sync-scheduler.js";
import { translator } from "../../bridge/i18n/i18n.js";
import { appendCallLine, callTransactionId, formatCallNoteLine } from "../../bridge/m365/outbox/call-note.js";
import { entryIdToHex } from "../../bridge/m365/outlook/card-openers.js";
import type { CallRecord } from "../../bridge/calls/call-record.js";

describe("SyncScheduler", () => {
  it("shares a running pass, queues one more, reports failures without throwing at the timer", async () => {
    let passes = 0;
    let release!: () => void;
    let fail = false;
    const scheduler = new SyncScheduler(
      async () => {
        passes++;
        if (fail) throw new Error("boom");
        await new Promise<void>((resolve) => (release = resolve));
      },
      3_600_000,
      silentLogger,
    );
    const first = scheduler.syncNow();
    const joined = scheduler.syncNow();
    expect(scheduler.status.running).toBe(true);
    release();
    await Promise.all([first, joined]);
    // Both callers got the same pass; the request made during it started one more pass right after.
    expect(passes).toBe(2);
    expect(scheduler.status.running).toBe(true);
    release();
    await scheduler.stop();
    fail = true;
    const again = new SyncScheduler(
      async () => {
        throw new Error("boom");
      },
      3_600_000,
      silentLogger,
    );
    await expect(again.syncNow()).rejects.toThrow("boom");
    expect(again.status.lastError).toBe("boom");
    await again.stop();
  });
});

const call: CallRecord = {
  id: 1,
  number: "0671234567",
  direction: "in",
  answered: false,
  start: "2026-11-25 09:15:00",
  durationSeconds: 3725,
  recordingPath: "",
  contactIds: [],
  receivedAt: "",
};

describe("call notes and ids", () => {
  it("formats the line and appends it once", () => {
    expect(formatCallNoteLine(call, "https://x/rec")).toBe(
      "☎ 2026-11-25 09:15:00 · incoming · missed · 1 hr 2 min 5 sec · 0671234567 · recording: https://x/rec",
    );
    expect(formatCallNoteLine(call, "https://x/rec", translator("ru"))).toBe(
      "☎ 2026-11-25 09:15:00 · входящий · пропущен · 1 ч 2 мин 5 с · 0671234567 · запись: https://x/rec",
    );
    // A line written in English is still this call's line after the language changes to Ukrainian.
    expect(appendCallLine(formatCallNoteLine(call), call, undefined, translator("uk"))).toBeUndefined();
    const once = appendCallLine("Note", call)!;
    expect(once.split("\r\n")).toHaveLength(2);
    expect(appendCallLine(once, call)).toBeUndefined();
    expect(appendCallLine(once, { ...call, direction: "out" })).toBeDefined();
    expect(callTransactionId(call)).toBe("telefum-in-0671234567-20261125091500");
  });

  it("EntryID base64url → upper-case hex", () => {
    expect(entryIdToHex(Buffer.from([0, 0xab, 0xff, 0x10]).toString("base64url"))).toBe("00ABFF10");
  });
});
