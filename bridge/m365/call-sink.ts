/** The CallSink the core hands every logged call to: it only queues (durably) and wakes the worker. */
import type { CallRecord } from "../calls/call-record.js";
import type { Contact } from "../directory/contact.js";
import type { CallSink } from "../core/ports.js";
import { callTransactionId } from "./call-note.js";
import type { OutboxStore } from "./outbox-store.js";
import type { OutboxWorker } from "./outbox-worker.js";

export class OutboxCallSink implements CallSink {
  readonly name = "microsoft365";

  constructor(
    private readonly store: OutboxStore,
    private readonly worker: Pick<OutboxWorker, "kick">,
  ) {}

  async record(call: CallRecord, contacts: Contact[]): Promise<void> {
    const queued = this.store.enqueue(
      callTransactionId(call),
      call,
      contacts.map((c) => ({ id: c.id, externalId: c.externalId, source: c.source, name: c.name })),
    );
    if (queued) this.worker.kick();
  }
}
