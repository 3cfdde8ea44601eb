import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { bestFitCp1251, carriedByCp1251, notCarriedByCp1251 } from "../../bridge/protocol/cp1251-best-fit.js";

describe("cp1251 best fit", () => {
  it("knows exactly the characters code page 1251 has (checked against iconv's table)", () => {
    for (let code = 0; code < 0x3000; code++) {
      const char = String.fromCodePoint(code);
      const roundTrips = iconv.decode(iconv.encode(char, "win1251"), "win1251") === char;
      expect([code, carriedByCp1251(char)]).toEqual([code, roundTrips]);
    }
  });

  it("names what the pane should warn about, each character once", () => {
    expect(notCarriedByCp1251("Привіт 😀 café 😀")).toEqual(["😀", "é"]);
    expect(notCarriedByCp1251("Привіт, «друже» — 5 € …")).toEqual([]);
  });

  it("keeps a text cp1251 carries as it is", () => {
    const text = 'Агенство "Меридиан" (…) № 5, 100 € — «ок»';
    expect(bestFitCp1251(text)).toBe(text);
  });
});
