/**
 * The seam between the bridge core and TelefUM. A transport moves whole message texts
 * (already decoded from the wire encoding) in both directions; it knows nothing of commands.
 */
export type MessageHandler = (text: string) => void;

export interface Transport {
  /** Short name for logs and status: "win32", "simulator", "stdio", "loopback". */
  readonly name: string;
  /** Starts receiving; every received message text is handed to onMessage. */
  start(onMessage: MessageHandler): Promise<void>;
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
