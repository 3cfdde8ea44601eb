/** The one moment, duration and phone-number format of every screen and mailbox text, in uk, ru and en. */
import { describe, expect, it } from "vitest";
import { dialNumber, displayNumber } from "../../bridge/directory/phone-forms.js";
import { translator } from "../../bridge/i18n/i18n.js";

const year = new Date().getFullYear();

describe("one moment format", () => {
  it("writes day, short month and the 24-hour clock; the year only when it is not this one", () => {
    const [uk, ru, en] = [translator("uk"), translator("ru"), translator("en")];
    expect(uk.dateTime(`${year}-12-03 06:52:06`)).toBe("3 груд., 06:52");
    expect(ru.dateTime(`${year}-12-03 06:52:06`)).toBe("3 дек., 06:52");
    expect(en.dateTime(`${year}-12-03 06:52:06`)).toBe("Dec 3, 06:52");
    expect(uk.dateTime(`${year}-03-08 18:05:00`)).toBe("8 бер., 18:05");
    expect(uk.dateTime("2025-12-03 06:52:06")).toBe("3 груд. 2025 р., 06:52");
    expect(ru.dateTime("2025-12-03 06:52:06")).toBe("3 дек. 2025 г., 06:52");
    expect(en.dateTime("2025-12-03 06:52:06")).toBe("Dec 3, 2025, 06:52");
  });

  it("writes a day of the reports the same way, without the clock", () => {
    expect(translator("uk").dateTime(`${year}-12-03`, "date")).toBe("3 груд.");
    expect(translator("ru").dateTime(`${year}-12-03`, "date")).toBe("3 дек.");
    expect(translator("en").dateTime("2025-12-03", "date")).toBe("Dec 3, 2025");
  });

  it("writes an instant in this machine's zone in the same format", () => {
    const at = new Date(year, 11, 3, 6, 52, 6);
    expect(translator("uk").instant(at.toISOString())).toBe("3 груд., 06:52");
    expect(translator("ru").instant(at.toISOString())).toBe("3 дек., 06:52");
    expect(translator("en").instant(at.toISOString())).toBe("Dec 3, 06:52");
  });
});

describe("one duration format", () => {
  it("writes minutes and seconds with short units and no conjunction", () => {
    const cases: [number, string, string, string][] = [
      [0, "0 с", "0 с", "0 sec"],
      [40, "40 с", "40 с", "40 sec"],
      [60, "1 хв", "1 мин", "1 min"],
      [192, "3 хв 12 с", "3 мин 12 с", "3 min 12 sec"],
      [3725, "1 год 2 хв 5 с", "1 ч 2 мин 5 с", "1 hr 2 min 5 sec"],
      [7200, "2 год 0 хв", "2 ч 0 мин", "2 hr 0 min"],
    ];
    for (const [seconds, uk, ru, en] of cases) {
      expect([seconds, translator("uk").duration(seconds)]).toEqual([seconds, uk]);
      expect([seconds, translator("ru").duration(seconds)]).toEqual([seconds, ru]);
      expect([seconds, translator("en").duration(seconds)]).toEqual([seconds, en]);
    }
  });
});

describe("one phone-number format", () => {
  it("shows Ukrainian numbers nationally as 0XX XXX XX XX, however they were stored", () => {
    for (const stored of ["0671112233", "+380671112233", "+38 (067) 111-22-33", "00380671112233", "067 111 2233"])
      expect([stored, displayNumber(stored)]).toEqual([stored, "067 111 22 33"]);
    expect(displayNumber("044 222 33 44")).toBe("044 222 33 44");
    expect(displayNumber("0322123456")).toBe("032 212 34 56");
  });

  it("shows foreign numbers internationally, short and service numbers as written", () => {
    expect(displayNumber("+48123456789")).toBe("+48 12 345 67 89");
    expect(displayNumber("+12025550123")).toBe("+1 202 555 0123");
    expect(displayNumber("101")).toBe("101");
    expect(displayNumber(" *111*0671112233# ")).toBe("*111*0671112233#");
    expect(displayNumber("+380671112233", "PL")).toBe("+380 67 111 2233");
    expect(displayNumber("123456789", "PL")).toBe("12 345 67 89");
  });

  it("sends TelefUM one form: national digits at home, E.164 abroad", () => {
    for (const written of ["+380971112233", "0971112233", "097 111 22 33", "+38 (097) 111-22-33"])
      expect([written, dialNumber(written)]).toEqual([written, "0971112233"]);
    expect(dialNumber("+48 12 345 67 89")).toBe("+48123456789");
    expect(dialNumber("101")).toBe("101");
    expect(dialNumber("*101#")).toBe("*101#");
    expect(dialNumber("123456789", "PL")).toBe("123456789");
  });
});
