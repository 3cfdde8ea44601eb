/**
 * The durable queue between CALLHISTORY and the mailbox: one row per call (keyed by its transaction id, so a
 * repeated call is queued once), with the progress of each step so a restart resumes where it stopped.
 */
import type { CallRecord } from "../calls/call-record.js";
import type { Database } from "../store/sqlite.js";
import type { OutboxState } from "../http/m365-status.js";

export interface OutboxContact {
  id: string;
  externalId: string | null;
  source: string;
  name: string;
}

export interface OutboxSteps {
  /** `refused`: why the recording file was not read (calls/recording-file.ts); `missing` is the older spelling. */
  recording?: { done: boolean; url?: string; missing?: boolean; refused?: string };
  /** Graph contact ids whose notes already carry the line. */
  notes?: Record<string, true>;
  event?: { id: string };
  /** `attempted` is saved before the POST: after a lost answer the retry looks for the task first. */
  task?: { id?: string; attempted?: boolean };
}

export type { OutboxState } from "../http/m365-status.js";

export interface OutboxItem {
  id: number;
  key: string;
  call: CallRecord;
  contacts: OutboxContact[];
  steps: OutboxSteps;
  attempts: number;
  nextAttemptAt: number;
  lastError: string | null;
  state: OutboxState;
}

interface Row {
  id: number;
  key: string;
  call: string;
  contacts: string;
  steps: string;
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  state: OutboxState;
}

function hydrate(row: Row): OutboxItem {
  return {
    id: Number(row.id),
    key: row.key,
    call: JSON.parse(row.call) as CallRecord,
    contacts: JSON.parse(row.contacts) as OutboxContact[],
    steps: JSON.parse(row.steps) as OutboxSteps,
    attempts: Number(row.attempts),
    nextAttemptAt: Number(row.next_attempt_at),
    lastError: row.last_error,
    state: row.state,
  };
}

export class OutboxStore {
  constructor(private readonly db: Database) {}

  /** False when this call is already queued (or done). */
  enqueue(key: string, call: CallRecord, contacts: OutboxContact[], now = Date.now()): boolean {
    const result = this.db
      .prepare(
        "INSERT INTO m365_outbox (key, call, contacts, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?) " +
          "ON CONFLICT(key) DO NOTHING",
      )
      .run(key, JSON.stringify(call), JSON.stringify(contacts), now, new Date(now).toISOString());
    return Number(result.changes) > 0;
  }

  due(now = Date.now(), limit = 20): OutboxItem[] {
    return (
      this.db
        .prepare(
          "SELECT * FROM m365_outbox WHERE state = 'pending' AND next_attempt_at <= ? " +
            "ORDER BY next_attempt_at, id LIMIT ?",
        )
        .all(now, limit) as unknown as Row[]
    ).map(hydrate);
  }

  get(id: number): OutboxItem | undefined {
    const row = this.db.prepare("SELECT * FROM m365_outbox WHERE id = ?").get(id) as unknown as Row | undefined;
    return row ? hydrate(row) : undefined;
  }

  byKey(key: string): OutboxItem | undefined {
    const row = this.db.prepare("SELECT * FROM m365_outbox WHERE key = ?").get(key) as unknown as Row | undefined;
    return row ? hydrate(row) : undefined;
  }

  saveSteps(id: number, steps: OutboxSteps): void {
    this.db.prepare("UPDATE m365_outbox SET steps = ? WHERE id = ?").run(JSON.stringify(steps), id);
  }

  complete(id: number): void {
    this.db
      .prepare(
        "UPDATE m365_outbox SET state = 'done', done_at = ?, last_error = NULL, attempts = attempts + 1 WHERE id = ?",
      )
      .run(new Date().toISOString(), id);
  }

  reschedule(id: number, at: number, error: string): void {
    this.db
      .prepare("UPDATE m365_outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE id = ?")
      .run(at, error, id);
  }

  fail(id: number, error: string): void {
    this.db
      .prepare("UPDATE m365_outbox SET state = 'failed', attempts = attempts + 1, last_error = ? WHERE id = ?")
      .run(error, id);
  }

  /** Puts failed items back in the queue (after the user fixed the cause, say). */
  retryFailed(now = Date.now()): number {
    return Number(
      this.db.prepare("UPDATE m365_outbox SET state = 'pending', next_attempt_at = ? WHERE state = 'failed'").run(now)
        .changes,
    );
  }

  nextDueAt(): number | undefined {
    const row = this.db.prepare("SELECT min(next_attempt_at) AS at FROM m365_outbox WHERE state = 'pending'").get() as {
      at: number | null;
    };
    return row.at === null ? undefined : Number(row.at);
  }

  counts(): Record<OutboxState, number> {
    const rows = this.db.prepare("SELECT state, count(*) AS n FROM m365_outbox GROUP BY state").all() as {
      state: OutboxState;
      n: number;
    }[];
    const out: Record<OutboxState, number> = { pending: 0, done: 0, failed: 0 };
    for (const r of rows) out[r.state] = Number(r.n);
    return out;
  }
}
