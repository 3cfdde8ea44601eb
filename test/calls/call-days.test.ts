import { describe, expect, it } from "vitest";
import { fillDays, localDate } from "../../bridge/calls/call-days.js";

describe("call days", () => {
  it("fills missing days with zeros, ending today, across a month end", () => {
    const days = fillDays([{ day: "2026-03-01", incoming: 2, outgoing: 1, missed: 1 }], 3, "2026-03-01");
    expect(days.map((d) => d.day)).toEqual(["2026-02-27", "2026-02-28", "2026-03-01"]);
    expect(days[2]).toEqual({ day: "2026-03-01", incoming: 2, outgoing: 1, missed: 1 });
    expect(days[0]).toEqual({ day: "2026-02-27", incoming: 0, outgoing: 0, missed: 0 });
  });
  it("writes a local date with zero-padded month and day", () => {
    expect(localDate(new Date(2026, 0, 5, 23, 59))).toBe("2026-01-05");
  });
});
