/**
 * The CallSink the core hands every logged call to: it queues durably, in the call log's transaction, and wakes
 * the worker once that is committed.
 */
import type { CallRecord } from "../../calls/call-record.js";
import type { Contact } from "../../directory/contact.js";
import type { CallSink } from "../../core/ports.js";
import { callTransactionId } from "./call-note.js";
import type { OutboxContact, OutboxStore } from "./outbox-store.js";
import type { OutboxWorker } from "./outbox-worker.js";

export function outboxContacts(contacts: Contact[]): OutboxContact[] {
  return contacts.map((c) => ({ id: c.id, externalId: c.externalId, source: c.source, name: c.name }));
}

export class OutboxCallSink implements CallSink {
  readonly name = "microsoft365";

  constructor(
    private readonly store: OutboxStore,
    private readonly worker: Pick<OutboxWorker, "kick">,
  ) {}

  queue(call: CallRecord, contacts: Contact[]): boolean {
    return this.store.enqueue(callTransactionId(call), call, outboxContacts(contacts));
  }

  async record(): Promise<void> {
    this.worker.kick();
  }
}
