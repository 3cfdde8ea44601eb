/**
 * The one validator for each input that reaches TelefUM, whoever sends it (TelefUM's own messages through the
 * codec, the pane through the local API): a phone number, an SMS device. A bad input throws InvalidInputError,
 * which the codec turns into a protocol error and the web server into a 400 with the reason.
 */
import type { SmsDevice } from "./messages.js";

/** Why an input was refused; the HTTP answer carries it as `reason`, the codec as its error code. */
export type InvalidInputReason =
  | "BAD_BODY"
  | "BAD_FIELD"
  | "BAD_QUERY"
  | "EMPTY_NUMBER"
  | "BAD_NUMBER"
  | "BAD_DEVICE"
  | "EMPTY_TEXT";

export class InvalidInputError extends Error {
  override readonly name = "InvalidInputError";

  constructor(
    readonly reason: InvalidInputReason,
    message: string,
  ) {
    super(message);
  }
}

/** A phone number as written ("+380 67 535 53 55", "101"): trimmed, with at least one digit. */
export function phoneNumber(text: string): string {
  const number = text.trim();
  if (!number) throw new InvalidInputError("EMPTY_NUMBER", "the phone number is empty");
  if (!/\d/.test(number)) throw new InvalidInputError("BAD_NUMBER", `"${text}" is not a phone number`);
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
  const got = JSON.stringify(value);
  throw new InvalidInputError("BAD_DEVICE", `SMS device must be 1-4 (a phone) or 5 (internet), got ${got}`);
}

/** The SMS text: anything but blank. */
export function smsText(text: string): string {
  if (!text.trim()) throw new InvalidInputError("EMPTY_TEXT", "the SMS text is empty");
  return text;
}
