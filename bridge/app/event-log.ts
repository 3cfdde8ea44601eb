import type { BridgeEvent } from "../core/events.js";
import type { Logger } from "../log/log.js";

/** The command of a message text, all a log line at info level names (the rest may be names, notes, SMS text). */
function commandOf(text: string): string {
  return text.split("^", 1)[0]!.slice(0, 16);
}

/** At info level: what happened and to which command; the texts themselves (personal data) only at debug. */
export function logEvent(log: Logger, event: BridgeEvent): void {
  switch (event.type) {
    case "received":
      log("info", "from TelefUM", { command: commandOf(event.text), length: event.text.length });
      return log("debug", "from TelefUM (text)", { text: event.text });
    case "sent":
      log("info", "to TelefUM", { command: commandOf(event.text), length: event.text.length });
      return log("debug", "to TelefUM (text)", { text: event.text });
    case "protocol-error":
      log("warn", "message not understood (kept in the not-understood list)", {
        code: event.error.code,
        command: commandOf(event.error.raw),
      });
      return log("debug", "message not understood (text)", { reason: event.error.message, text: event.error.raw });
    case "failure":
      log("error", `${event.stage} failed`, { code: event.code, reason: event.message });
      return log("debug", `${event.stage} failed (text)`, { text: event.text });
    case "notice":
      return log(event.level, `${event.stage}: ${event.message}`);
    default:
      return;
  }
}
