/**
 * The pieces request schemas are made of. Each carries the sentence a refusal says; the values that reach TelefUM
 * (numbers, SMS text, device) are judged by the one validator of their kind in protocol/inputs.ts, which throws
 * InvalidInputError with its own reason (BAD_NUMBER, EMPTY_TEXT, …): the schema calls it, never restates it.
 */
import * as v from "valibot";
import { dialableNumber, phoneNumber, smsDevice, smsText } from "../protocol/inputs.js";
import type { SmsDevice } from "../protocol/messages.js";

/** A required string with something in it. */
export const text = (key: string) => {
  const message = `"${key}" must be a non-empty string`;
  return v.pipe(
    v.string(message),
    v.check((value) => value.trim().length > 0, message),
  );
};

/** An optional string (absent or null is left out). */
export const optionalText = (key: string) => v.nullish(v.string(`"${key}" must be a string`));

/** A phone number as written, checked by protocol/inputs.ts. */
export const phone = (key: string) => v.pipe(text(key), v.transform(phoneNumber));

/** A number as TelefUM dials it (digits, leading +, * #), from a number as written. */
export const dialable = (key: string) => v.pipe(text(key), v.transform(dialableNumber));

/** SMS text; absent is empty, which smsText refuses as EMPTY_TEXT. */
export const sms = (key: string) => v.pipe(v.nullish(v.string(`"${key}" must be a string`), ""), v.transform(smsText));

/**
 * The SMS device: a number 1-5, or the same as text. smsDevice judges any value (absent too: BAD_DEVICE), so the
 * schema lets everything through to it and only names the type the pane sends.
 */
export const device = () =>
  v.pipe(
    v.custom<SmsDevice | `${SmsDevice}`>(() => true),
    v.transform((value: SmsDevice | `${SmsDevice}`) => smsDevice(value)),
  );

/** A row id (a call, a note): an integer. */
export const id = (key: string) => v.pipe(v.number(`"${key}" must be an id`), v.integer(`"${key}" must be an id`));

/** A switch: true or false, nothing else. */
export const flag = (key: string) => v.boolean(`${key} must be true or false`);

/**
 * A positive count in the query (`limit`, `days`): absent or empty is the fallback, more than `max` is `max`.
 * Query values are text on the wire; the pane may give a number.
 */
export const count = (key: string, fallback: number, max: number) =>
  v.pipe(
    v.optional(v.union([v.string(), v.number()]), ""),
    v.transform(String),
    v.check((raw) => raw === "" || (/^\d+$/.test(raw) && Number(raw) >= 1), `${key} must be a positive number`),
    v.transform((raw) => (raw === "" ? fallback : Math.min(Number(raw), max))),
  );
