import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import { TransportError, type MessageHandler, type Transport } from "./transport.js";

/**
 * One message per line: stdin carries what TelefUM would send, stdout what we send back.
 * Lets scripts and other processes drive the bridge without Windows.
 */
export class StdioTransport implements Transport {
  readonly name = "stdio";
  private closeReader: (() => void) | undefined;

  constructor(
    private readonly input: Readable = process.stdin,
    private readonly output: Writable = process.stdout,
  ) {}

  async start(onMessage: MessageHandler): Promise<void> {
    const reader = createInterface({ input: this.input, crlfDelay: Infinity });
    reader.on("line", (line) => {
      if (line.trim().length > 0) onMessage(line);
    });
    this.closeReader = () => reader.close();
  }

  async send(text: string): Promise<void> {
    if (!this.closeReader) throw new TransportError("NOT_STARTED", "the transport is not started");
    // Messages never contain line breaks (the codec sanitises fields), so a line is a message.
    await new Promise<void>((resolve, reject) =>
      this.output.write(`${text}\n`, (error) =>
        error ? reject(new TransportError("SEND_FAILED", error.message)) : resolve(),
      ),
    );
  }

  async stop(): Promise<void> {
    this.closeReader?.();
    this.closeReader = undefined;
  }
}
