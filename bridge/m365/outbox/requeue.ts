/** Calls logged in the last days without an outbox row (the store failed between the two before): queue them. */
import type { CallLog } from "../../calls/call-log.js";
import type { Directory } from "../../directory/directory.js";
import type { Logger } from "../../log/log.js";
import { callTransactionId } from "./call-note.js";
import { outboxContacts } from "./call-sink.js";
import type { OutboxStore } from "./outbox-store.js";

const REQUEUE_DAYS = 7;

export function requeueUnqueuedCalls(store: OutboxStore, callLog: CallLog, directory: Directory, log: Logger): void {
  const since = new Date(Date.now() - REQUEUE_DAYS * 86_400_000).toISOString();
  let queued = 0;
  for (const id of store.unqueuedCallIds(since)) {
    const call = callLog.get(id);
    if (!call) continue;
    if (store.enqueue(callTransactionId(call), call, outboxContacts(directory.getMany(call.contactIds)))) queued++;
  }
  if (queued > 0) log("info", "queued logged calls that had no outbox row", { count: queued });
}
