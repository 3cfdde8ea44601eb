/**
 * The one validator for each input that reaches TelefUM, whoever sends it (TelefUM's own messages through the
 * codec, the pane through the local API): a phone number, an SMS device. A bad input throws InvalidInputError,
 * which the codec turns into a protocol error and the web server into a 400 with the reason.
 */
import { quotable, type ReasonParams } from "./errors.js";
import type { SmsDevice } from "./messages.js";

/** Why an input was refused; the HTTP answer carries it as `reason`, the codec as its error code. */
export const INVALID_INPUT_REASONS = [
  "BAD_BODY",
  "BAD_FIELD",
  "BAD_QUERY",
  "EMPTY_NUMBER",
  "BAD_NUMBER",
  "BAD_DEVICE",
  "EMPTY_TEXT",
  "TEXT_TOO_LONG",
  // The pane's team log settings: the site's address, the list's name.
  "BAD_SITE",
  "BAD_LIST",
] as const;
export type InvalidInputReason = (typeof INVALID_INPUT_REASONS)[number];

export class InvalidInputError extends Error {
  override readonly name = "InvalidInputError";

  /** `message` is English for logs; a person reads the reason's catalog words with `params`. */
  constructor(
    readonly reason: InvalidInputReason,
    message: string,
    readonly params: ReasonParams = {},
  ) {
    super(message);
  }
}

/** Longest number accepted as written (E.164 has at most 15 digits; room for spaces, brackets, service codes). */
export const MAX_NUMBER_LENGTH = 40;
/** Longest SMS text sent to TelefUM (a long SMS of seven parts is about 1,000 characters). */
export const MAX_SMS_TEXT_LENGTH = 1000;

/**
 * A phone number as written ("+380 67 535 53 55", "(067) 535-53-55", "*101#"): trimmed; digits, spaces, + ( ) - .
 * and the * # of service codes only, at least one digit, bounded. Anything else (a ^ that would start another
 * command, a ; or letters) is refused, never stripped into some other number.
 */
export function phoneNumber(text: string): string {
  const number = text.trim();
  if (!number) throw new InvalidInputError("EMPTY_NUMBER", "the phone number is empty");
  if (number.length > MAX_NUMBER_LENGTH) {
    const why = `the phone number is longer than ${MAX_NUMBER_LENGTH} characters`;
    throw new InvalidInputError("BAD_NUMBER", why, { value: quotable(number) });
  }
  if (!/\d/.test(number))
    throw new InvalidInputError("BAD_NUMBER", `"${text}" is not a phone number`, { value: number });
  const bad = /[^\d +().*#-]/.exec(number)?.[0];
  if (bad !== undefined) {
    const why = `only digits, spaces and + ( ) - . * # (not ${JSON.stringify(bad)})`;
    throw new InvalidInputError("BAD_NUMBER", `"${text}" is not a phone number: ${why}`, { value: number });
  }
  return number;
}

/**
 * The number as TelefUM should dial it: digits with an optional leading "+" (and * # for service codes);
 * "+380 67 535 53 55" and "(067) 535-53-55" are how people write numbers, not what a phone dials.
 */
export function dialableNumber(text: string): string {
  const number = phoneNumber(text);
  return (number.startsWith("+") ? "+" : "") + number.replace(/[^\d*#]/g, "");
}

/** 1-4 is a phone, 5 the internet; TelefUM writes it as text ("5"), JSON callers as a number or text. */
export function smsDevice(value: unknown): SmsDevice {
  const n = typeof value === "string" && /^\s*\d{1,3}\s*$/.test(value) ? Number(value) : value;
  if (n === 1 || n === 2 || n === 3 || n === 4 || n === 5) return n;
  const got = JSON.stringify(value) ?? String(value);
  const message = `SMS device must be 1-4 (a phone) or 5 (internet), got ${got}`;
  throw new InvalidInputError("BAD_DEVICE", message, { value: quotable(typeof value === "string" ? value : got) });
}

/** The SMS text: anything but blank, up to MAX_SMS_TEXT_LENGTH characters. */
export function smsText(text: string): string {
  if (!text.trim()) throw new InvalidInputError("EMPTY_TEXT", "the SMS text is empty");
  if (text.length > MAX_SMS_TEXT_LENGTH) {
    const message = `the SMS text is longer than ${MAX_SMS_TEXT_LENGTH} characters`;
    throw new InvalidInputError("TEXT_TOO_LONG", message, { max: MAX_SMS_TEXT_LENGTH });
  }
  return text;
}
