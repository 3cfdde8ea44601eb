import { describe, expect, it } from "vitest";
import { phoneKey } from "../../bridge/directory/phone-key.js";

describe("phone keys", () => {
  it.each([
    "0675355355",
    "+380 67 535 53 55",
    "(067) 535-53-55",
    "+38 (067) 5355355",
    "00380675355355",
    "380675355355",
  ])("%s becomes +380675355355 in region UA", (written) => {
    expect(phoneKey(written, "UA")).toEqual({ key: "+380675355355", tail: "675355355" });
  });

  it("keeps short internal numbers as exact digit keys without a tail", () => {
    expect(phoneKey("101", "UA")).toEqual({ key: "#101", tail: "" });
    expect(phoneKey("23-45", "UA")).toEqual({ key: "#2345", tail: "" });
  });

  it("gives no key to text without digits", () => {
    expect(phoneKey("  ", "UA")).toBeUndefined();
    expect(phoneKey("n/a", "UA")).toBeUndefined();
  });

  it("reads local numbers in the configured region", () => {
    expect(phoneKey("(020) 7946 0018", "GB")?.key).toBe("+442079460018");
  });
});
