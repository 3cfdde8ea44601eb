/**
 * Pure text codec for TelefUM messages: `COMMAND^field^…^`. No I/O here; bytes live in ./wire-encoding.
 */
import { protocolError, type ParseResult } from "./errors.js";
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
  constructor(readonly result: { ok: false; error: import("./errors.js").ProtocolError }) {
    super(result.error.message);
  }
}

function fail(code: Parameters<typeof protocolError>[0], message: string, raw: string): never {
  throw new FieldError(protocolError(code, message, raw));
}

function parseInteger(text: string): number | undefined {
  return /^\d{1,3}$/.test(text.trim()) ? Number(text.trim()) : undefined;
}

function parsePhoneDevice(text: string, raw: string): PhoneDevice {
  const n = parseInteger(text);
  if (n === undefined || n < 1 || n > 4) fail("BAD_DEVICE", `device must be a phone 1-4, got "${text}"`, raw);
  return n as PhoneDevice;
}

/** Runs one of the shared input validators (./inputs.ts); its refusal becomes this message's error. */
function validated<T>(validate: () => T, raw: string): T {
  try {
    return validate();
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    const code = error.reason;
    if (code === "EMPTY_NUMBER" || code === "BAD_NUMBER" || code === "BAD_DEVICE") fail(code, error.message, raw);
    throw error;
  }
}

function parseSmsDevice(text: string, raw: string): SmsDevice {
  return validated(() => smsDevice(text), raw);
}

function parseLine(text: string, raw: string): PhoneLine {
  const n = parseInteger(text);
  if (n === undefined || n < 1 || n > 2) fail("BAD_LINE", `line must be 1 or 2, got "${text}"`, raw);
  return n as PhoneLine;
}

function requireNumber(text: string, raw: string): string {
  return validated(() => phoneNumber(text), raw);
}

/** VB6 writes booleans as True/False; -1/0 and 1/0 come from other clients. */
function parseBoolean(text: string, raw: string): boolean {
  const value = text.trim().toLowerCase();
  if (value === "true" || value === "-1" || value === "1") return true;
  if (value === "false" || value === "0") return false;
  return fail("BAD_BOOLEAN", `answered must be True or False, got "${text}"`, raw);
}

function parseDirection(text: string, raw: string): CallHistory["direction"] {
  const value = text.trim().toLowerCase();
  if (value === "in" || value === "out") return value;
  return fail("BAD_DIRECTION", `direction must be in or out, got "${text}"`, raw);
}

const pad2 = (n: number): string => String(n).padStart(2, "0");

/** Validates a `yyyy-mm-dd hh:mm:ss` local time and returns it zero-padded. */
export function parseLocalDateTime(text: string, raw = text): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2}):(\d{2})$/.exec(text.trim());
  if (!m) fail("BAD_DATE", `start must be yyyy-mm-dd hh:mm:ss, got "${text}"`, raw);
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const probe = new Date(Date.UTC(year, month - 1, day));
  const realDay = probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
  if (!realDay || hour > 23 || minute > 59 || second > 59)
    fail("BAD_DATE", `start is not a real date and time: "${text}"`, raw);
  return `${year}-${pad2(month)}-${pad2(day)} ${pad2(hour)}:${pad2(minute)}:${pad2(second)}`;
}

/** Parses `h:mm:ss` (hours may exceed 23) into seconds. */
export function parseDuration(text: string, raw = text): number {
  const m = /^(\d{1,4}):([0-5]\d):([0-5]\d)$/.exec(text.trim());
  if (!m) fail("BAD_DURATION", `duration must be h:mm:ss, got "${text}"`, raw);
  return Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]);
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

function parseFields(command: Command, f: string[], raw: string): Message {
  const at = (i: number): string => f[i] ?? "";
  switch (command) {
    case "CONTACT?":
      // An empty number is a hidden caller ID: still a valid question (answered NOCONTACT).
      return { command, number: at(1).trim(), device: parsePhoneDevice(at(2), raw), line: parseLine(at(3), raw) };
    case "CONTACT":
      return {
        command,
        number: at(1).trim(),
        device: parsePhoneDevice(at(2), raw),
        line: parseLine(at(3), raw),
        name: at(4),
        company: at(5),
        note: at(6),
        id: at(7).trim(),
      };
    case "NOCONTACT":
      return { command, number: at(1).trim(), device: parsePhoneDevice(at(2), raw), line: parseLine(at(3), raw) };
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
    return protocolError("TOO_LONG", why, text.slice(0, MAX_MESSAGE_LENGTH));
  }
  if (text.trim().length === 0) return protocolError("EMPTY", "the message is empty", raw);
  if (!text.endsWith(FIELD_SEPARATOR)) {
    return protocolError("MISSING_TERMINATOR", `a message must end with "^": "${text}"`, raw);
  }
  const fields = text.slice(0, -1).split(FIELD_SEPARATOR);
  const command = (fields[0] ?? "").trim().toUpperCase();
  if (!isCommand(command)) return protocolError("UNKNOWN_COMMAND", `unknown command "${fields[0] ?? ""}"`, raw);
  const expected = FIELD_COUNTS[command];
  if (fields.length !== expected) {
    return protocolError(
      "FIELD_COUNT",
      `${command} takes ${expected - 1} field(s) (${FIELD_NAMES[command]}), got ${fields.length - 1}`,
      raw,
    );
  }
  try {
    return { ok: true, message: parseFields(command, fields, raw) };
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
