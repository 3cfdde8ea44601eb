import { reasonOf } from "../api-contract/reasons.js";
import { errorMessage } from "../log/error-message.js";
import type { EventHub } from "./events.js";

/** What failed: its reason for the reader (a ReasonError's, else "failed" + the detail), English for the log. */
export function emitFailure(events: EventHub, stage: string, error: unknown, text?: string): void {
  const { code, params = {} } = reasonOf(error);
  events.emit("failure", { stage, code, params, message: errorMessage(error), ...(text !== undefined && { text }) });
}
