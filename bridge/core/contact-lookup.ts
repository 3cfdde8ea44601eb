import type { Contact } from "../directory/contact.js";
import type { Directory } from "../directory/directory.js";
import { ReasonError } from "../api-contract/reasons.js";
import { errorMessage } from "../log/error-message.js";
import { emitFailure } from "./emit-failure.js";
import type { EventHub } from "./events.js";

/** The contacts for a number; none when the index fails (a damaged page): TelefUM still gets its answer. */
export function lookupOrNone(
  deps: { directory: Directory; events: EventHub },
  number: string,
  stage: string,
): Contact[] {
  if (!number) return [];
  try {
    return deps.directory.lookup(number);
  } catch (error) {
    const why = `lookup of ${number} failed: ${errorMessage(error)}`;
    emitFailure(deps.events, stage, new ReasonError("LOOKUP_FAILED", why, { number, detail: errorMessage(error) }));
    return [];
  }
}
