/** SMS parts counted as a phone counts them: exact figures at each boundary of both alphabets. */
import { describe, expect, it } from "vitest";
import { smsParts } from "../../bridge/protocol/sms-parts.js";

describe("SMS parts", () => {
  it("an empty text is no SMS", () => {
    expect(smsParts("")).toEqual({ encoding: "gsm7", units: 0, parts: 0, left: 160 });
  });

  it("GSM 7-bit: 160 in one SMS, 153 per part from 161 on", () => {
    expect(smsParts("a".repeat(160))).toEqual({ encoding: "gsm7", units: 160, parts: 1, left: 0 });
    expect(smsParts("a".repeat(161))).toEqual({ encoding: "gsm7", units: 161, parts: 2, left: 145 });
    expect(smsParts("a".repeat(306))).toEqual({ encoding: "gsm7", units: 306, parts: 2, left: 0 });
    expect(smsParts("a".repeat(307))).toEqual({ encoding: "gsm7", units: 307, parts: 3, left: 152 });
  });

  it("the GSM alphabet's own accented letters and signs stay 7-bit, one septet each", () => {
    expect(smsParts("Café à Zürich, £5 @ 10:00 ¿Ñ? ΔΩ")).toEqual({ encoding: "gsm7", units: 32, parts: 1, left: 128 });
  });

  it("the extension table's characters take two septets: 80 euros fill one SMS, 81 make two", () => {
    expect(smsParts("€".repeat(80))).toEqual({ encoding: "gsm7", units: 160, parts: 1, left: 0 });
    expect(smsParts("€".repeat(81))).toEqual({ encoding: "gsm7", units: 162, parts: 2, left: 144 });
    expect(smsParts("^{}\\[~]|\f")).toMatchObject({ encoding: "gsm7", units: 18 });
  });

  it("Cyrillic forces UCS-2: 70 in one SMS, 67 per part from 71 on", () => {
    expect(smsParts("ж".repeat(70))).toEqual({ encoding: "ucs2", units: 70, parts: 1, left: 0 });
    expect(smsParts("ж".repeat(71))).toEqual({ encoding: "ucs2", units: 71, parts: 2, left: 63 });
    expect(smsParts("ж".repeat(134))).toEqual({ encoding: "ucs2", units: 134, parts: 2, left: 0 });
    expect(smsParts("ж".repeat(135))).toEqual({ encoding: "ucs2", units: 135, parts: 3, left: 66 });
    // One Ukrainian letter turns a whole Latin text into UCS-2, its euro signs one unit each.
    expect(smsParts(`${"a".repeat(69)}ї`)).toEqual({ encoding: "ucs2", units: 70, parts: 1, left: 0 });
    expect(smsParts("є€")).toEqual({ encoding: "ucs2", units: 2, parts: 1, left: 68 });
  });

  it("an emoji is two UTF-16 units: 35 fill one SMS, 36 make two", () => {
    expect(smsParts("😀")).toEqual({ encoding: "ucs2", units: 2, parts: 1, left: 68 });
    expect(smsParts("😀".repeat(35))).toEqual({ encoding: "ucs2", units: 70, parts: 1, left: 0 });
    expect(smsParts("😀".repeat(36))).toEqual({ encoding: "ucs2", units: 72, parts: 2, left: 62 });
  });

  it("the limit's 1,000 characters: 7 SMS in GSM, 15 in UCS-2", () => {
    expect(smsParts("a".repeat(1000))).toMatchObject({ parts: 7, left: 71 });
    expect(smsParts("ж".repeat(1000))).toMatchObject({ parts: 15, left: 5 });
  });
});
