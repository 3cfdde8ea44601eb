import { describe, expect, it } from "vitest";
import { formatDuration, formatMessage, parseMessage, sanitizeField } from "../../bridge/protocol/codec.js";
import type { Message } from "../../bridge/protocol/messages.js";
import { randomMessages } from "../support/random-messages.js";

function ok(text: string): Message {
  const result = parseMessage(text);
  if (!result.ok) throw new Error(`expected ${text} to parse: ${result.error.message}`);
  return result.message;
}

function errorCode(text: string): string {
  const result = parseMessage(text);
  if (result.ok) throw new Error(`expected ${text} to be rejected`);
  expect(result.error.raw).toBe(text);
  expect(result.error.message.length).toBeGreaterThan(5);
  return result.error.code;
}

describe("every command round-trips exactly", () => {
  const examples: [string, Message][] = [
    ["CONTACT?^0675355355^1^1^", { command: "CONTACT?", number: "0675355355", device: 1, line: 1 }],
    [
      'CONTACT^0675355355^1^1^Вася Петров^Агенство "Меридиан"^Хороший человек^23456^',
      {
        command: "CONTACT",
        number: "0675355355",
        device: 1,
        line: 1,
        name: "Вася Петров",
        company: 'Агенство "Меридиан"',
        note: "Хороший человек",
        id: "23456",
      },
    ],
    [
      "CONTACT^0441234567^4^2^A(…)^X(…)^1(…)^11, 12, 13^",
      {
        command: "CONTACT",
        number: "0441234567",
        device: 4,
        line: 2,
        name: "A(…)",
        company: "X(…)",
        note: "1(…)",
        id: "11, 12, 13",
      },
    ],
    ["NOCONTACT^0675355355^2^1^", { command: "NOCONTACT", number: "0675355355", device: 2, line: 1 }],
    ["CARD^23456^", { command: "CARD", ids: ["23456"] }],
    ["CARD^1, 2, 3^", { command: "CARD", ids: ["1", "2", "3"] }],
    ["CREATECARD^0675355355^", { command: "CREATECARD", number: "0675355355" }],
    [
      "CALLHISTORY^0675355355^in^True^2026-11-25 09:05:00^0:03:27^C:\\TelefUM\\rec\\2026-11-25_0905.wav^",
      {
        command: "CALLHISTORY",
        number: "0675355355",
        direction: "in",
        answered: true,
        start: "2026-11-25 09:05:00",
        durationSeconds: 207,
        recordingPath: "C:\\TelefUM\\rec\\2026-11-25_0905.wav",
      },
    ],
    [
      "CALLHISTORY^0675355355^out^False^2026-01-02 23:59:59^0:00:00^^",
      {
        command: "CALLHISTORY",
        number: "0675355355",
        direction: "out",
        answered: false,
        start: "2026-01-02 23:59:59",
        durationSeconds: 0,
        recordingPath: "",
      },
    ],
    ["CALL^0675355355^", { command: "CALL", number: "0675355355" }],
    ["SENDSMSSHABL^0675355355^", { command: "SENDSMSSHABL", number: "0675355355" }],
    [
      "SENDSMS^0675355355^Добрий день! Рахунок надіслано.^5^",
      { command: "SENDSMS", number: "0675355355", text: "Добрий день! Рахунок надіслано.", device: 5 },
    ],
  ];
  for (const [text, message] of examples) {
    it(`${text.split("^")[0]}: ${text}`, () => {
      expect(ok(text)).toEqual(message);
      expect(formatMessage(message)).toBe(text);
    });
  }

  it("keeps a hidden caller ID (empty number) as a valid question", () => {
    expect(ok("CONTACT?^^1^1^")).toEqual({ command: "CONTACT?", number: "", device: 1, line: 1 });
  });

  it("accepts VB's other spellings of booleans and normalises times", () => {
    expect(ok("CALLHISTORY^1^IN^-1^2026-11-25 9:05:00^12:00:01^^")).toMatchObject({
      direction: "in",
      answered: true,
      start: "2026-11-25 09:05:00",
      durationSeconds: 43201,
    });
    expect(ok("CALLHISTORY^1^out^0^2026-11-25 10:00:00^0:00:01^^")).toMatchObject({ answered: false });
  });
});

describe("what TelefUM's Windows may write is understood", () => {
  const start = (date: string, duration = "0:03:12"): unknown =>
    ok(`CALLHISTORY^0675355355^in^True^${date}^${duration}^^`);
  it("takes every date form as the same local time", () => {
    for (const date of [
      "2013-05-14 10:11:46",
      "14.05.2013 10:11:46",
      "14/05/2013 10:11:46",
      "5/14/2013 10:11:46 AM",
      "05/14/2013 10:11:46 am",
      "2013-5-14 10:11:46",
    ]) {
      expect([date, start(date)]).toMatchObject([date, { start: "2013-05-14 10:11:46" }]);
    }
    expect(start("5/14/2013 10:11:46 PM")).toMatchObject({ start: "2013-05-14 22:11:46" });
    expect(start("5/14/2013 12:05:00 AM")).toMatchObject({ start: "2013-05-14 00:05:00" });
    expect(start("14/5/2013 12:05:00 PM")).toMatchObject({ start: "2013-05-14 12:05:00" });
  });

  it("takes every duration form as the same seconds", () => {
    for (const duration of ["0:03:12", "00:03:12", "03:12", "192"]) {
      expect([duration, start("2013-05-14 10:11:46", duration)]).toMatchObject([duration, { durationSeconds: 192 }]);
    }
  });

  it("answers CONTACT? on a device or line outside 1-4 / 1-2, with a warning", () => {
    expect(parseMessage("CONTACT?^0675355355^7^3^")).toEqual({
      ok: true,
      message: { command: "CONTACT?", number: "0675355355", device: 7, line: 3 },
      warnings: ["device 7 is outside 1-4; answered anyway", "line 3 is outside 1-2; answered anyway"],
    });
  });
});

describe("malformed input is a typed error, never a throw", () => {
  const cases: [string, string][] = [
    ["", "EMPTY"],
    ["   ", "EMPTY"],
    ["CONTACT?^0675355355^1^1", "MISSING_TERMINATOR"],
    ["HELLO^1^", "UNKNOWN_COMMAND"],
    ["^", "UNKNOWN_COMMAND"],
    ["CONTACT?^0675355355^1^", "FIELD_COUNT"],
    ["CONTACT?^0675355355^1^1^extra^", "FIELD_COUNT"],
    ["CARD^", "FIELD_COUNT"],
    ["CARD^ , ^", "BAD_IDS"],
    ["CREATECARD^  ^", "EMPTY_NUMBER"],
    ["CALL^^", "EMPTY_NUMBER"],
    ["CALL^call me^", "BAD_NUMBER"],
    ["CREATECARD^ - ^", "BAD_NUMBER"],
    ["CONTACT?^0675355355^x^1^", "BAD_DEVICE"],
    ["CONTACT?^0675355355^1^two^", "BAD_LINE"],
    ["SENDSMS^0675355355^hi^6^", "BAD_DEVICE"],
    ["SENDSMS^0675355355^hi^0^", "BAD_DEVICE"],
    ["SENDSMS^0675355355^hi^-1^", "BAD_DEVICE"],
    ["CALLHISTORY^1^sideways^True^2026-11-25 10:00:00^0:00:01^^", "BAD_DIRECTION"],
    ["CALLHISTORY^1^in^Maybe^2026-11-25 10:00:00^0:00:01^^", "BAD_BOOLEAN"],
    ["CALLHISTORY^1^in^True^25.11.26 10:00:00^0:00:01^^", "BAD_DATE"],
    ["CALLHISTORY^1^in^True^13/14/2026 10:00:00^0:00:01^^", "BAD_DATE"],
    ["CALLHISTORY^1^in^True^5/14/2026 13:00:00 PM^0:00:01^^", "BAD_DATE"],
    ["CALLHISTORY^1^in^True^yesterday^0:00:01^^", "BAD_DATE"],
    ["CALLHISTORY^1^in^True^2026-02-30 10:00:00^0:00:01^^", "BAD_DATE"],
    ["CALLHISTORY^1^in^True^2026-11-25 24:00:00^0:00:01^^", "BAD_DATE"],
    ["CALLHISTORY^1^in^True^2026-11-25 10:00:00^1:75:00^^", "BAD_DURATION"],
    ["CALLHISTORY^1^in^True^2026-11-25 10:00:00^abc^^", "BAD_DURATION"],
    ["CALLHISTORY^1^in^True^2026-11-25 10:00:00^-5^^", "BAD_DURATION"],
    ["CALLHISTORY^1^in^True^2026-11-25 10:00:00^0:00:01^", "FIELD_COUNT"],
  ];
  for (const [text, code] of cases) {
    it(`${JSON.stringify(text)} → ${code}`, () => expect(errorCode(text)).toBe(code));
  }
});

describe("the codec and the local API share one validator per input", () => {
  it("words a bad SMS device and a bad number as the API does", () => {
    expect(parseMessage("SENDSMS^0675355355^hi^7^")).toEqual({
      ok: false,
      error: {
        code: "BAD_DEVICE",
        message: 'SMS device must be 1-4 (a phone) or 5 (internet), got "7"',
        raw: "SENDSMS^0675355355^hi^7^",
        params: { value: "7" },
      },
    });
    expect(parseMessage("CALL^call me^")).toEqual({
      ok: false,
      error: {
        code: "BAD_NUMBER",
        message: '"call me" is not a phone number',
        raw: "CALL^call me^",
        params: { value: "call me" },
      },
    });
    expect(parseMessage("SENDSMS^0675355355^hi^ 5 ^")).toMatchObject({ ok: true, message: { device: 5 } });
  });
});

describe("fields we send are sanitised", () => {
  it("never lets ^ or line breaks split a field", () => {
    const text = formatMessage({
      command: "CONTACT",
      number: "0675355355",
      device: 1,
      line: 1,
      name: "Вася ^ Петров",
      company: "Line\r\nbreak",
      note: "one\ntwo\rthree\u2028four",
      id: "7",
    });
    expect(text).toBe("CONTACT^0675355355^1^1^Вася   Петров^Line break^one two three four^7^");
    const back = parseMessage(text);
    expect(back.ok && back.message.command === "CONTACT" && back.message.id).toBe("7");
  });

  it("drops NULs, which would end a C string early", () => {
    expect(sanitizeField("a\0b")).toBe("ab");
  });

  it("formats durations of any length", () => {
    expect(formatDuration(0)).toBe("0:00:00");
    expect(formatDuration(3599)).toBe("0:59:59");
    expect(formatDuration(36000 + 61)).toBe("10:01:01");
  });
});

describe("arbitrary input", () => {
  it("is always either a message that formats back to itself or a typed error keeping the raw text", () => {
    let accepted = 0;
    for (const text of randomMessages(20_000)) {
      const result = parseMessage(text);
      if (!result.ok) {
        expect(result.error.raw).toBe(text);
        continue;
      }
      accepted++;
      const formatted = formatMessage(result.message);
      expect(formatted, text).not.toMatch(/[\r\n\0]/);
      const again = parseMessage(formatted);
      // Line breaks and NULs inside a received field are sanitised away on the way out; all else is kept exactly.
      if (/[\r\n\0]/.test(text)) expect(again.ok && again.message.command, text).toBe(result.message.command);
      else expect(again.ok && again.message, text).toEqual(result.message);
    }
    expect(accepted).toBeGreaterThan(0);
  });
});
