import { describe, expect, it } from "vitest";
import { entryIdToHex } from "../../../bridge/m365/outlook/card-openers.js";

describe("classic Outlook ids", () => {
  it("EntryID base64url → upper-case hex", () => {
    expect(entryIdToHex(Buffer.from([0, 0xab, 0xff, 0x10]).toString("base64url"))).toBe("00ABFF10");
  });
});
