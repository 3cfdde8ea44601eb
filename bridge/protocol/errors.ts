/** Why a message could not be understood. Returned, never thrown, so one bad message cannot stop the bridge. */
export type ProtocolErrorCode =
  | "EMPTY"
  | "MISSING_TERMINATOR"
  | "UNKNOWN_COMMAND"
  | "FIELD_COUNT"
  | "EMPTY_NUMBER"
  | "BAD_NUMBER"
  | "BAD_DEVICE"
  | "BAD_LINE"
  | "BAD_DIRECTION"
  | "BAD_BOOLEAN"
  | "BAD_DATE"
  | "BAD_DURATION"
  | "BAD_IDS"
  | "BAD_ENCODING";

export interface ProtocolError {
  code: ProtocolErrorCode;
  /** A sentence a person can act on. */
  message: string;
  /** The text as received, kept so nothing is lost. */
  raw: string;
}

/** `warnings`: what was odd but still understood (a device outside 1-4, say); the bridge logs them. */
export type ParseResult<T> = { ok: true; message: T; warnings?: string[] } | { ok: false; error: ProtocolError };

export function protocolError(
  code: ProtocolErrorCode,
  message: string,
  raw: string,
): { ok: false; error: ProtocolError } {
  return { ok: false, error: { code, message, raw } };
}
