import { describe, expect, it } from "vitest";
import { translator } from "../../../bridge/i18n/i18n.js";
import { appendCallLine, callTransactionId, formatCallNoteLine } from "../../../bridge/m365/outbox/call-note.js";
import type { CallRecord } from "../../../bridge/calls/call-record.js";

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
});
