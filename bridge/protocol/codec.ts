/**
 * Pure text codec for TelefUM messages: `COMMAND^field^…^`. No I/O here; bytes live in ./wire-encoding.
 */
import { protocolError, type ParseResult, type ProtocolError } from "./errors.js";
import { InvalidInputError, phoneNumber, smsDevice } from "./inputs.js";
import { MAX_MESSAGE_LENGTH } from "./limits.js";
import type { CallHistory, Command, Message, PhoneDevice, PhoneLine, SmsDevice } from "./messages.js";

export const FIELD_SEPARATOR = "^";
export const ID_SEPARATOR = ", ";

/** Field count including the command, per command. */
const FIELD_COUNTS: Record<Command, number> = {
  "CONTACT?": 4,
  CONTACT: 8,
  NOCONTACT: 4,
  CARD: 2,
  CREATECARD: 2,
  CALLHISTORY: 7,
  CALL: 2,
  SENDSMSSHABL: 2,
  SENDSMS: 4,
};

const FIELD_NAMES: Record<Command, string> = {
  "CONTACT?": "CONTACT?^number^device^line^",
  CONTACT: "CONTACT^number^device^line^name^company^note^id^",
  NOCONTACT: "NOCONTACT^number^device^line^",
  CARD: "CARD^id^ or CARD^id1, id2^",
  CREATECARD: "CREATECARD^number^",
  CALLHISTORY: "CALLHISTORY^number^in|out^True|False^yyyy-mm-dd hh:mm:ss^h:mm:ss^recording^",
  CALL: "CALL^number^",
  SENDSMSSHABL: "SENDSMSSHABL^number^",
  SENDSMS: "SENDSMS^number^text^device^",
};

function isCommand(value: string): value is Command {
  return Object.hasOwn(FIELD_COUNTS, value);
}

/**
 * Makes a value safe to put in one field: `^` would split the field and line breaks break
 * VB6 list boxes on TelefUM's side, so both become spaces. NULs would end the C string early.
 */
export function sanitizeField(value: string): string {
  return value
    .replace(/\r\n|[\r\n\u2028\u2029]/g, " ")
    .replace(/\^/g, " ")
    .replace(/\0/g, "");
}

class FieldError extends Error {
  constructor(readonly result: { ok: false; error: ProtocolError }) {
    super(result.error.message);
  }
}

/** `params.value`: the field as it came, which the reason a person reads quotes. */
function fail(code: ProtocolError["code"], message: string, raw: string, params?: ProtocolError["params"]): never {
  throw new FieldError(protocolError(code, message, raw, params));
}

/**
 * A phone (1-4) or line (1-2) number. One outside its range is still taken (TelefUM may gain phones; the caller
 * must still be answered, with the number echoed back) and noted in `warnings`; only a non-number is refused.
 */
function parseSlot(what: "device" | "line", text: string, raw: string, warnings: string[]): number {
  const max = what === "device" ? 4 : 2;
  const n = /^\d{1,3}$/.test(text.trim()) ? Number(text.trim()) : undefined;
  const code = what === "device" ? "BAD_DEVICE" : "BAD_LINE";
  if (n === undefined) fail(code, `${what} must be a number 1-${max}, got "${text}"`, raw, { value: text });
  if (n < 1 || n > max) warnings.push(`${what} ${n} is outside 1-${max}; answered anyway`);
  return n;
}

/** Runs one of the shared input validators (./inputs.ts); its refusal becomes this message's error. */
function validated<T>(validate: () => T, raw: string): T {
  try {
    return validate();
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    const { reason: code, params } = error;
    if (code === "EMPTY_NUMBER" || code === "BAD_NUMBER" || code === "BAD_DEVICE")
      fail(code, error.message, raw, params);
    throw error;
  }
}

function parseSmsDevice(text: string, raw: string): SmsDevice {
  return validated(() => smsDevice(text), raw);
}

function requireNumber(text: string, raw: string): string {
  return validated(() => phoneNumber(text), raw);
}

/** VB6 writes booleans as True/False; -1/0 and 1/0 come from other clients. */
function parseBoolean(text: string, raw: string): boolean {
  const value = text.trim().toLowerCase();
  if (value === "true" || value === "-1" || value === "1") return true;
  if (value === "false" || value === "0") return false;
  return fail("BAD_BOOLEAN", `answered must be True or False, got "${text}"`, raw, { value: text });
}

function parseDirection(text: string, raw: string): CallHistory["direction"] {
  const value = text.trim().toLowerCase();
  if (value === "in" || value === "out") return value;
  return fail("BAD_DIRECTION", `direction must be in or out, got "${text}"`, raw, { value: text });
}

const pad2 = (n: number): string => String(n).padStart(2, "0");

/** The date forms TelefUM's Windows may write, by its regional settings. */
const DATE_FORMS: { pattern: RegExp; order: "ymd" | "dmy" | "slash" }[] = [
  { pattern: /^(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}):(\d{2}):(\d{2})()$/, order: "ymd" },
  { pattern: /^(\d{1,2})\.(\d{1,2})\.(\d{4}),? (\d{1,2}):(\d{2}):(\d{2})()$/, order: "dmy" },
  { pattern: /^(\d{1,2})\/(\d{1,2})\/(\d{4}),? (\d{1,2}):(\d{2}):(\d{2})(?: ?([AaPp][Mm]))?$/, order: "slash" },
];

/** `dd/mm/yyyy` unless the clock says AM/PM (the US form, `m/d/yyyy`) or the first number cannot be a day. */
function slashOrder(first: number, second: number, meridiem: string): "dmy" | "mdy" {
  if (meridiem) return first > 12 ? "dmy" : "mdy";
  return second > 12 && first <= 12 ? "mdy" : "dmy";
}

function hour24(hour: number, meridiem: string): number {
  const m = meridiem.toLowerCase();
  if (m === "am") return hour === 12 ? 0 : hour;
  if (m === "pm") return hour === 12 ? 12 : hour + 12;
  return hour;
}

/**
 * A local time as `yyyy-mm-dd hh:mm:ss` from any of TelefUM's forms (`2013-05-14 10:11:46`, `14.05.2013 10:11:46`,
 * `14/05/2013 10:11:46`, `5/14/2013 10:11:46 AM`): one call is one start, however it was written.
 */
export function parseLocalDateTime(text: string, raw = text): string {
  const trimmed = text.trim();
  const form = DATE_FORMS.find((f) => f.pattern.test(trimmed));
  const m = form?.pattern.exec(trimmed);
  if (!form || !m)
    fail("BAD_DATE", `start must be a date and time such as 2013-05-14 10:11:46, got "${text}"`, raw, { value: text });
  const [a, b, c, h, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const meridiem = m[7] ?? "";
  const order = form.order === "slash" ? slashOrder(a, b, meridiem) : form.order;
  const [year, month, day] = order === "ymd" ? [a, b, c] : order === "dmy" ? [c, b, a] : [c, a, b];
  const hour = hour24(h, meridiem);
  const probe = new Date(Date.UTC(year, month - 1, day));
  const realDay = probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
  const badClock = meridiem ? h < 1 || h > 12 : hour > 23;
  if (!realDay || badClock || minute > 59 || second > 59)
    fail("BAD_DATE", `start is not a real date and time: "${text}"`, raw, { value: text });
  return `${year}-${pad2(month)}-${pad2(day)} ${pad2(hour)}:${pad2(minute)}:${pad2(second)}`;
}

/** Seconds from `h:mm:ss` (hours may exceed 23, `00:03:12` too), `mm:ss` or plain seconds. */
export function parseDuration(text: string, raw = text): number {
  const value = text.trim();
  const full = /^(\d{1,4}):([0-5]\d):([0-5]\d)$/.exec(value);
  if (full) return Number(full[1]) * 3600 + Number(full[2]) * 60 + Number(full[3]);
  const short = /^(\d{1,4}):([0-5]\d)$/.exec(value);
  if (short) return Number(short[1]) * 60 + Number(short[2]);
  if (/^\d{1,7}$/.test(value)) return Number(value);
  return fail("BAD_DURATION", `duration must be h:mm:ss, mm:ss or seconds, got "${text}"`, raw, { value: text });
}

export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  return `${Math.floor(s / 3600)}:${pad2(Math.floor((s % 3600) / 60))}:${pad2(s % 60)}`;
}

/** `id1, id2,id3` → ["id1","id2","id3"]. */
export function splitIds(text: string): string[] {
  return text
    .split(",")
    .map((id) => id.trim())
    .filter((id) => id.length > 0);
}

function parseFields(command: Command, f: string[], raw: string, warnings: string[]): Message {
  const at = (i: number): string => f[i] ?? "";
  const device = (): PhoneDevice => parseSlot("device", at(2), raw, warnings);
  const line = (): PhoneLine => parseSlot("line", at(3), raw, warnings);
  switch (command) {
    case "CONTACT?":
      // An empty number is a hidden caller ID: still a valid question (answered NOCONTACT).
      return { command, number: at(1).trim(), device: device(), line: line() };
    case "CONTACT":
      return {
        command,
        number: at(1).trim(),
        device: device(),
        line: line(),
        name: at(4),
        company: at(5),
        note: at(6),
        id: at(7).trim(),
      };
    case "NOCONTACT":
      return { command, number: at(1).trim(), device: device(), line: line() };
    case "CARD": {
      const ids = splitIds(at(1));
      if (ids.length === 0) fail("BAD_IDS", "CARD names no contact id", raw);
      return { command, ids };
    }
    case "CREATECARD":
      return { command, number: requireNumber(at(1), raw) };
    case "CALLHISTORY":
      return {
        command,
        number: at(1).trim(),
        direction: parseDirection(at(2), raw),
        answered: parseBoolean(at(3), raw),
        start: parseLocalDateTime(at(4), raw),
        durationSeconds: parseDuration(at(5), raw),
        recordingPath: at(6).trim(),
      };
    case "CALL":
    case "SENDSMSSHABL":
      return { command, number: requireNumber(at(1), raw) };
    case "SENDSMS":
      return { command, number: requireNumber(at(1), raw), text: at(2), device: parseSmsDevice(at(3), raw) };
  }
}

/** Parses one message. Never throws: a bad message comes back as a typed error with the raw text. */
export function parseMessage(text: string): ParseResult<Message> {
  const raw = text;
  if (text.length > MAX_MESSAGE_LENGTH) {
    // Refused before any parsing; only the start is kept (it says what the message was meant to be).
    const why = `the message is longer than ${MAX_MESSAGE_LENGTH} characters`;
    return protocolError("TOO_LONG", why, text.slice(0, MAX_MESSAGE_LENGTH), { max: MAX_MESSAGE_LENGTH });
  }
  if (text.trim().length === 0) return protocolError("EMPTY", "the message is empty", raw);
  if (!text.endsWith(FIELD_SEPARATOR)) {
    return protocolError("MISSING_TERMINATOR", `a message must end with "^": "${text}"`, raw);
  }
  const fields = text.slice(0, -1).split(FIELD_SEPARATOR);
  const [name = ""] = fields;
  const command = name.trim().toUpperCase();
  if (!isCommand(command)) return protocolError("UNKNOWN_COMMAND", `unknown command "${name}"`, raw, { command: name });
  const expected = FIELD_COUNTS[command];
  if (fields.length !== expected) {
    return protocolError(
      "FIELD_COUNT",
      `${command} takes ${expected - 1} field(s) (${FIELD_NAMES[command]}), got ${fields.length - 1}`,
      raw,
      { command, fields: fields.length - 1 },
    );
  }
  try {
    const warnings: string[] = [];
    const message = parseFields(command, fields, raw, warnings);
    return { ok: true, message, ...(warnings.length > 0 && { warnings }) };
  } catch (error) {
    if (error instanceof FieldError) return error.result;
    throw error;
  }
}

function fieldsOf(message: Message): string[] {
  switch (message.command) {
    case "CONTACT?":
    case "NOCONTACT":
      return [message.number, String(message.device), String(message.line)];
    case "CONTACT":
      return [
        message.number,
        String(message.device),
        String(message.line),
        message.name,
        message.company,
        message.note,
        message.id,
      ];
    case "CARD":
      return [message.ids.join(ID_SEPARATOR)];
    case "CREATECARD":
    case "CALL":
    case "SENDSMSSHABL":
      return [message.number];
    case "CALLHISTORY":
      return [
        message.number,
        message.direction,
        message.answered ? "True" : "False",
        message.start,
        formatDuration(message.durationSeconds),
        message.recordingPath,
      ];
    case "SENDSMS":
      return [message.number, message.text, String(message.device)];
  }
}

/** Formats a message; every field is sanitised so the result always parses back to the same field count. */
export function formatMessage(message: Message): string {
  const fields = [message.command, ...fieldsOf(message).map(sanitizeField)];
  return fields.join(FIELD_SEPARATOR) + FIELD_SEPARATOR;
}
