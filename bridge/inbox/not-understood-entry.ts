/** One message the bridge could not understand, as kept and as the pane lists it. */
export interface NotUnderstood {
  id: number;
  receivedAt: string;
  /** Why (a ProtocolErrorCode such as FIELD_COUNT). */
  code: string;
  reason: string;
  /** The text as received. */
  raw: string;
}
