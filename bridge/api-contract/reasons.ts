/**
 * Every reason a person reads, by its code: a message TelefUM sent that could not be understood, an input the API
 * refused, an action that failed, a sign-in that did not work. The code (+ params such as the value received) is
 * what the wire, the events and the logs carry; the words are the catalogs' `reasons.<CODE>` in the reader's
 * language, the one table the pane, the pages, the simulator and the tray all read. Node-free and schema-free: the
 * pane bundles it.
 */
import type { Params, Translator } from "../i18n/i18n.js";
import { PROTOCOL_ERROR_CODES } from "../protocol/errors.js";
import { INVALID_INPUT_REASONS, InvalidInputError } from "../protocol/inputs.js";
import { errorMessage } from "../log/error-message.js";

/**
 * Refusals of a valid request that the pane tells apart (409 the team log is off, 404 no such team call, 409 a
 * setting an administrator set by policy).
 */
export const REFUSAL_REASONS = ["team.off", "team.unknown", "setting.managed"] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

/** Why an action on a valid message failed (the `failure` event's code). */
export const FAILURE_REASONS = [
  "NO_CONTACT",
  "LINK_SEVERAL",
  "NOT_A_LINK",
  "LINK_SCHEME",
  "LOOKUP_FAILED",
  "CALL_NOT_STORED",
  "CALL_GIVEN_UP",
  "JOURNAL_FAILED",
  "CALLS_NOT_STORED_AT_STOP",
  "CALL_SINK_FAILED",
  "SIGNED_OUT",
  "ACTION_FAILED",
] as const;

/** Why a Microsoft 365 sign-in did not work: what the person (or the administrator) can do about it. */
export const SIGN_IN_REASONS = [
  "SIGNIN_NETWORK",
  "SIGNIN_CANCELLED",
  "SIGNIN_CONSENT",
  "SIGNIN_ACCOUNT",
  "SIGNIN_OTHER",
] as const;
export type SignInReason = { code: (typeof SIGN_IN_REASONS)[number]; params?: Params };

export const REASON_CODES = [
  ...new Set([
    ...PROTOCOL_ERROR_CODES,
    ...INVALID_INPUT_REASONS,
    ...REFUSAL_REASONS,
    ...FAILURE_REASONS,
    ...SIGN_IN_REASONS,
  ]),
];
export type ReasonCode =
  | (typeof PROTOCOL_ERROR_CODES)[number]
  | (typeof INVALID_INPUT_REASONS)[number]
  | RefusalReason
  | (typeof FAILURE_REASONS)[number]
  | (typeof SIGN_IN_REASONS)[number];

/** A reason as it travels: its code and the values its words name (`value`: the field as received). */
export interface Reason {
  code: ReasonCode;
  params?: Params;
}

export function isReasonCode(value: unknown): value is ReasonCode {
  return typeof value === "string" && (REASON_CODES as readonly string[]).includes(value);
}

/** The one mapping: a reason's catalog key. */
export function reasonKey(code: ReasonCode): string {
  return `reasons.${code}`;
}

/** A reason in the translator's language. */
export function reasonText(tr: Pick<Translator, "t">, reason: Reason): string {
  return tr.t(reasonKey(reason.code), reason.params ?? {});
}

/** An error that carries its reason; `message` stays English for the log. */
export class ReasonError extends Error {
  override readonly name = "ReasonError";

  constructor(
    readonly code: ReasonCode,
    message: string,
    readonly params: Params = {},
  ) {
    super(message);
  }
}

/** Whatever was thrown, as a reason: its own, an invalid input's, else "failed" with the detail quoted. */
export function reasonOf(error: unknown): Reason {
  if (error instanceof ReasonError) return { code: error.code, params: error.params };
  if (error instanceof InvalidInputError) return { code: error.reason, params: error.params };
  return { code: "ACTION_FAILED", params: { detail: errorMessage(error) } };
}
