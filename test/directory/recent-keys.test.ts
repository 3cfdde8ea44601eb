import { describe, expect, it } from "vitest";
import { phoneKey } from "../../bridge/directory/phone-key.js";
import { RecentPhoneKeys } from "../../bridge/directory/recent-keys.js";

const FORMS = [
  "0675355355",
  "+380 67 535 53 55",
  "(067) 535-53-55",
  "+38 (067) 5355355",
  "00380675355355",
  "101",
  "2345",
  "+48 22 123 45 67",
  "+1 (212) 555-0100",
  "",
  "  ",
  "067abc",
];

describe("the recent phone keys", () => {
  it("gives every number the key the full parser gives it, asked once or again", () => {
    const recent = new RecentPhoneKeys("UA");
    for (let round = 0; round < 2; round++)
      for (const number of FORMS) expect(recent.keyOf(number), number).toEqual(phoneKey(number, "UA"));
    expect(recent.keyOf("0675355355")).toEqual({ key: "+380675355355", tail: "675355355" });
  });

  it("keeps at most its limit, the least recently asked going first", () => {
    const recent = new RecentPhoneKeys("UA", 3);
    for (const number of ["0671111111", "0672222222", "0673333333"]) recent.keyOf(number);
    recent.keyOf("0671111111"); // asked again: now the newest
    recent.keyOf("0674444444"); // the oldest, 0672222222, goes
    expect(["0671111111", "0672222222", "0673333333", "0674444444"].map((n) => recent.has(n))).toEqual([
      true,
      false,
      true,
      true,
    ]);
    for (let i = 0; i < 10_000; i++) recent.keyOf(`067${String(i).padStart(7, "0")}`);
    expect(recent.size).toBe(3);
  });

  it("does not keep a text longer than any phone number", () => {
    const recent = new RecentPhoneKeys("UA", 3);
    const long = "1".repeat(5000);
    expect(recent.keyOf(long)).toEqual(phoneKey(long, "UA"));
    expect(recent.size).toBe(0);
  });
});
