/**
 * The seam between the bridge core and TelefUM. A transport moves whole message texts
 * (already decoded from the wire encoding) in both directions; it knows nothing of commands.
 */
/** `answered`: the reply the transport has already sent (the Win32 window's own thread answers CONTACT? itself). */
export type MessageHandler = (text: string, answered?: string) => void;

export interface Transport {
  /** Short name for logs and status: "win32", "simulator", "stdio", "loopback". */
  readonly name: string;
  /** Starts receiving; every received message text is handed to onMessage. */
  start(onMessage: MessageHandler): Promise<void>;
  /**
   * Tells the peer it may send now (the Win32 transport publishes hwndProgr). Called once the bridge is warm:
   * TelefUM sends the moment it sees the handle, and a start still busy kept its first call waiting 309 ms.
   */
  announce?(): void;
  /** Delivers one message to TelefUM. Rejects with TransportError when it cannot be delivered. */
  send(text: string): Promise<void>;
  /** Stops receiving and releases everything (the Win32 transport unpublishes its window here). */
  stop(): Promise<void>;
}

export type TransportErrorCode = "PEER_UNAVAILABLE" | "SEND_FAILED" | "NOT_STARTED";

/** A delivery failure the caller can show to the user; the bridge keeps running. */
export class TransportError extends Error {
  constructor(
    readonly code: TransportErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "TransportError";
  }
}
