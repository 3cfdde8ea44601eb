import type { Readable, Writable } from "node:stream";
import { MAX_MESSAGE_LENGTH } from "../protocol/limits.js";
import { encodeWire, type WireEncoding, wireDecoder } from "../protocol/wire-encoding.js";
import { TransportError, type MessageHandler, type Transport } from "./transport.js";

/**
 * One message per line: stdin carries what TelefUM would send, stdout what we send back, both in `encoding` (UTF-8
 * unless one is asked for): in cp1251 stdout carries exactly TelefUM's bytes, best fit included.
 * Lets scripts and other processes drive the bridge without Windows.
 */
export class StdioTransport implements Transport {
  readonly name = "stdio";
  private closeReader: (() => void) | undefined;

  constructor(
    private readonly input: Readable = process.stdin,
    private readonly output: Writable = process.stdout,
    private readonly encoding: WireEncoding = "utf8",
  ) {}

  async start(onMessage: MessageHandler): Promise<void> {
    const decoder = wireDecoder(this.encoding);
    // A line is kept only up to one character past the limit: the codec refuses it (TOO_LONG), and a line with
    // no end in sight costs no more memory than that.
    let line = "";
    const hand = (text: string): void => {
      const message = text.endsWith("\r") ? text.slice(0, -1) : text;
      if (message.trim().length > 0) onMessage(message);
    };
    const onData = (chunk: Buffer | string): void => {
      const parts = (typeof chunk === "string" ? chunk : decoder.write(chunk)).split("\n");
      for (let i = 0; i < parts.length; i++) {
        if (line.length <= MAX_MESSAGE_LENGTH) line += parts[i]!.slice(0, MAX_MESSAGE_LENGTH + 1 - line.length);
        if (i < parts.length - 1) {
          hand(line);
          line = "";
        }
      }
    };
    const onEnd = (): void => {
      if (line) hand(line);
      line = "";
    };
    this.input.on("data", onData);
    this.input.on("end", onEnd);
    this.closeReader = () => {
      this.input.off("data", onData);
      this.input.off("end", onEnd);
      this.input.pause();
    };
  }

  async send(text: string): Promise<void> {
    if (!this.closeReader) throw new TransportError("NOT_STARTED", "the transport is not started");
    // Messages never contain line breaks (the codec sanitises fields), so a line is a message.
    await new Promise<void>((resolve, reject) =>
      this.output.write(encodeWire(`${text}\n`, this.encoding), (error) =>
        error ? reject(new TransportError("SEND_FAILED", error.message)) : resolve(),
      ),
    );
  }

  async stop(): Promise<void> {
    this.closeReader?.();
    this.closeReader = undefined;
  }
}
