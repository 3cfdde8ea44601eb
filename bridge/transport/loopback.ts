import { TransportError, type MessageHandler, type Transport } from "./transport.js";

/**
 * An in-process transport: `deliver` plays TelefUM sending to us, `sent` records what we sent.
 * Used by the simulator and by tests that drive the core without a window system.
 */
export class LoopbackTransport implements Transport {
  readonly sent: string[] = [];
  private handler: MessageHandler | undefined;
  private readonly listeners = new Set<(text: string) => void>();

  constructor(readonly name: string = "loopback") {}

  async start(onMessage: MessageHandler): Promise<void> {
    this.handler = onMessage;
  }

  async send(text: string): Promise<void> {
    if (!this.handler) throw new TransportError("NOT_STARTED", "the transport is not started");
    this.sent.push(text);
    for (const listener of this.listeners) listener(text);
  }

  async stop(): Promise<void> {
    this.handler = undefined;
  }

  /** Plays TelefUM: hands a message to the bridge as if it had arrived (`answered`: as a transport that replied). */
  deliver(text: string, answered?: string): void {
    if (!this.handler) throw new TransportError("NOT_STARTED", "the transport is not started");
    this.handler(text, answered);
  }

  /** Watches what the bridge sends to TelefUM; returns the unsubscribe function. */
  onSent(listener: (text: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
