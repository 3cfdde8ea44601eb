/** One message the bridge could not understand, as kept and as the pane lists it. */
export interface NotUnderstood {
  id: number;
  receivedAt: string;
  /** Why (a ProtocolErrorCode such as FIELD_COUNT). */
  code: string;
  /** English, for logs and scripts; a person reads `reasons.<code>` with `params`. */
  reason: string;
  /** The values the reason names (the field as received). */
  params: Record<string, string | number>;
  /** The text as received. */
  raw: string;
}
