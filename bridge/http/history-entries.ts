/** Logged calls as the local API answers them: each with the names of the contacts it matched. */
import type { CallRecord } from "../calls/call-record.js";
import type { HistoryEntry } from "../api-contract/records.js";
import type { Directory } from "../directory/directory.js";

export function historyEntries(directory: Directory, calls: CallRecord[]): HistoryEntry[] {
  return calls.map((call) => ({
    ...call,
    contacts: directory.getMany(call.contactIds).map((c) => ({ id: c.id, name: c.name })),
  }));
}
