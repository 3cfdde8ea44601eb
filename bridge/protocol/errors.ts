/** Why a message could not be understood. Returned, never thrown, so one bad message cannot stop the bridge. */
export const PROTOCOL_ERROR_CODES = [
  "EMPTY",
  "TOO_LONG",
  "MISSING_TERMINATOR",
  "UNKNOWN_COMMAND",
  "FIELD_COUNT",
  "EMPTY_NUMBER",
  "BAD_NUMBER",
  "BAD_DEVICE",
  "BAD_LINE",
  "BAD_DIRECTION",
  "BAD_BOOLEAN",
  "BAD_DATE",
  "BAD_DURATION",
  "BAD_IDS",
  "BAD_ENCODING",
] as const;
export type ProtocolErrorCode = (typeof PROTOCOL_ERROR_CODES)[number];

/** The values a reason's words name (the field as received, a limit): people read the code's words, not `message`. */
export type ReasonParams = Record<string, string | number>;

export interface ProtocolError {
  code: ProtocolErrorCode;
  /** The English sentence, for logs; a person reads the code's catalog words with `params`. */
  message: string;
  params?: ReasonParams;
  /** The text as received, kept so nothing is lost. */
  raw: string;
}

/** `warnings`: what was odd but still understood (a device outside 1-4, say); the bridge logs them. */
export type ParseResult<T> = { ok: true; message: T; warnings?: string[] } | { ok: false; error: ProtocolError };

export function protocolError(
  code: ProtocolErrorCode,
  message: string,
  raw: string,
  params?: ReasonParams,
): { ok: false; error: ProtocolError } {
  const quoted = params && Object.fromEntries(Object.entries(params).map(([k, v]) => [k, quotable(v)]));
  return { ok: false, error: { code, message, raw, ...(quoted && { params: quoted }) } };
}

/** A received value as a reason quotes it: a screenful at most, whatever was sent. */
export function quotable<T extends string | number>(value: T, max = 60): T | string {
  return typeof value === "string" && value.length > max ? `${value.slice(0, max)}…` : value;
}
