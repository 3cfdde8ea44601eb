import type { Contact } from "../directory/contact.js";
import type { Directory } from "../directory/directory.js";
import { errorMessage } from "../log/error-message.js";
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
    deps.events.emit("failure", { stage, message: `lookup of ${number} failed: ${errorMessage(error)}` });
    return [];
  }
}
