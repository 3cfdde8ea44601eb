/**
 * Shapes the add-in API answers with. Types only, no Node imports: the task pane (src/) imports them too,
 * so the pane and the bridge cannot drift apart.
 */
import type { CallRecord } from "../calls/call-record.js";
import type { Contact } from "../directory/contact.js";

/** A logged call with the names of the contacts it matched. */
export interface HistoryEntry extends CallRecord {
  contacts: { id: string; name: string }[];
}

/** GET /api/lookup: every contact on a number, the remembered choice, and recent calls. */
export interface LookupAnswer {
  number: string;
  contacts: Contact[];
  chosen: string | null;
  calls: HistoryEntry[];
}
