import { describe, expect, it } from "vitest";
import { decodeWire, encodeWire } from "../../bridge/protocol/wire-encoding.js";

const TEXT = 'CONTACT^0675355355^1^1^Вася Петров^Агенство "Меридиан"^Хороший человек^23456^';

describe("wire encoding", () => {
  it("uses Windows-1251 by default: one byte per Cyrillic letter", () => {
    const bytes = encodeWire("Вася");
    expect([...bytes]).toEqual([0xc2, 0xe0, 0xf1, 0xff]);
    expect(decodeWire(bytes)).toBe("Вася");
    expect(decodeWire(encodeWire(TEXT))).toBe(TEXT);
  });

  it("tolerates the trailing NUL(s) C senders include in cbData", () => {
    expect(decodeWire(Buffer.concat([encodeWire(TEXT), Buffer.from([0, 0])]))).toBe(TEXT);
    expect(decodeWire(Buffer.concat([encodeWire(TEXT, "utf16le"), Buffer.from([0, 0])]), "utf16le")).toBe(TEXT);
    expect(decodeWire(Buffer.concat([encodeWire(TEXT, "utf8"), Buffer.from([0])]), "utf8")).toBe(TEXT);
  });

  it("round-trips UTF-16LE and UTF-8 when selected", () => {
    expect(encodeWire("Я", "utf16le")).toEqual(Buffer.from([0x2f, 0x04]));
    expect(decodeWire(encodeWire(TEXT, "utf16le"), "utf16le")).toBe(TEXT);
    expect(decodeWire(encodeWire(TEXT, "utf8"), "utf8")).toBe(TEXT);
  });

  it("sends no terminating NUL (cbData carries the length)", () => {
    expect(encodeWire("CALL^1^").length).toBe(7);
  });

  it("sends what 1251 lacks as its best fit, and drops what has none, never a run of ?", () => {
    expect(decodeWire(encodeWire("Zoë Ångström 😀 Müller-Łukasz"))).toBe("Zoe Angstrom Muller-Lukasz");
    expect(decodeWire(encodeWire("日本"))).toBe("");
    expect(decodeWire(encodeWire("Вася 👍🏽 Петров"))).toBe("Вася Петров");
    expect(decodeWire(encodeWire("Вася 👨‍👩‍👧"))).toBe("Вася");
    expect(decodeWire(encodeWire("Straße − «ТОВ» “A” – „B” — c…"))).toBe("Strasse - «ТОВ» “A” – „B” — c…");
    expect(decodeWire(encodeWire("Йосип Ёлкин, їжак, ґанок"))).toBe("Йосип Ёлкин, їжак, ґанок");
    expect([...encodeWire("…")]).toEqual([0x85]);
  });

  it("keeps the full text for UTF-16LE, which carries everything", () => {
    expect(decodeWire(encodeWire("Zoë 😀", "utf16le"), "utf16le")).toBe("Zoë 😀");
  });

  it("decodes an odd UTF-16 byte count without throwing", () => {
    expect(decodeWire(Buffer.from([0x41, 0x00, 0x42]), "utf16le")).toBe("A");
  });
});
