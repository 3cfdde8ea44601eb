/** `start --control-stdin`: each stdin line is a message to TelefUM, so scripts (and the Wine test) can dial. */
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import type { RunningBridge } from "../app.js";
import type { Logger } from "../log/log.js";
import { parseMessage } from "../protocol/codec.js";
import { isInbound } from "../protocol/messages.js";
import { TransportError } from "../transport/transport.js";
import { errorMessage } from "../log/error-message.js";

/**
 * process.stdin, or fd 0 read as a plain stream where Node cannot open stdin as a pipe: a Windows
 * node.exe under Wine fails with EBADF on a pipe Wine made from a Unix pipe, yet reads fd 0 fine.
 */
export function stdinStream(): NodeJS.ReadableStream {
  try {
    return process.stdin;
  } catch {
    return createReadStream("", { fd: 0 });
  }
}

/** Reads outbound messages from `input` and sends them. */
export function controlFromStdin(bridge: RunningBridge, log: Logger, input: NodeJS.ReadableStream): void {
  const reader = createInterface({ input, crlfDelay: Infinity });
  reader.on("line", (line) => {
    const text = line.trim();
    if (!text) return;
    const parsed = parseMessage(text);
    if (!parsed.ok) return log("warn", "control: rejected", { reason: parsed.error.message, text });
    if (isInbound(parsed.message)) return log("warn", "control: only messages to TelefUM can be sent", { text });
    bridge.core.send(parsed.message).then(
      (sent) => log("info", "control: sent", { text: sent }),
      (error: unknown) =>
        log("error", "control: send failed", {
          reason: errorMessage(error),
          ...(error instanceof TransportError && { code: error.code }),
          text,
        }),
    );
  });
}
