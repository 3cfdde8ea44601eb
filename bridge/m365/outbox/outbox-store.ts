/**
 * The durable queue between CALLHISTORY and the mailbox: one row per call (keyed by its transaction id, so a
 * repeated call is queued once), with the progress of each step so a restart resumes where it stopped.
 * A worker leases a row before it writes it (lease_owner, lease_until): every change it makes names its lease, so
 * two workers on one file (two bridges, a race at start) never write one call twice. A lease left by a process that
 * died runs out by itself.
 */
import type { CallRecord } from "../../calls/call-record.js";
import type { Database } from "../../store/sqlite.js";
import type { OutboxState } from "../../http/m365-status.js";
import { all, one } from "../../store/query.js";

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
  /**
   * The lookup of the call's number failed (a damaged index), so whose notes get the line is not known yet: the
   * other steps are written, the row stays pending for this one and looks the contacts up again next time.
   */
  contactsUnknown?: true;
}

export type { OutboxState } from "../../http/m365-status.js";

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

/** Another worker holds the row now (this one's lease ran out): stop writing it. */
export class LeaseLostError extends Error {
  constructor(id: number) {
    super(`outbox row ${id} is leased by another worker`);
    this.name = "LeaseLostError";
  }
}

const RELEASE = "lease_owner = NULL, lease_until = 0";

export class OutboxStore {
  constructor(private readonly db: Database) {}

  /** False when this call is already queued (or done). */
  enqueue(key: string, call: CallRecord, contacts: OutboxContact[], now = Date.now()): boolean {
    const result = this.db
      .prepare(
        `INSERT INTO m365_outbox (key, call, contacts, next_attempt_at, created_at, call_id) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(key) DO NOTHING`,
      )
      .run(key, JSON.stringify(call), JSON.stringify(contacts), now, new Date(now).toISOString(), call.id);
    return Number(result.changes) > 0;
  }

  /** Ids of calls logged since `sinceIso` that have no row (logged while the outbox could not take them). */
  unqueuedCallIds(sinceIso: string): number[] {
    const rows = all<{ id: number }>(
      this.db.prepare(
        `SELECT id FROM calls WHERE received_at >= ?
         AND NOT EXISTS (SELECT 1 FROM m365_outbox o WHERE o.call_id = calls.id) ORDER BY id`,
      ),
      sinceIso,
    );
    return rows.map((r) => Number(r.id));
  }

  /**
   * Pending rows due now and not leased by another live worker. `owner`'s own leases count as free: one it could
   * not give back (the store refused the reschedule) must not hold its call for a minute.
   */
  due(owner: string, now = Date.now(), limit = 20): OutboxItem[] {
    return all<Row>(
      this.db.prepare(
        `SELECT * FROM m365_outbox WHERE state = 'pending' AND next_attempt_at <= ?
           AND (lease_until <= ? OR lease_owner = ?) ORDER BY next_attempt_at, id LIMIT ?`,
      ),
      now,
      now,
      owner,
      limit,
    ).map(hydrate);
  }

  /** Takes the row for `owner` until `until`; false when another worker has it (or it is no longer pending). */
  claim(id: number, owner: string, until: number, now = Date.now()): boolean {
    const result = this.db
      .prepare(
        `UPDATE m365_outbox SET lease_owner = ?, lease_until = ?
         WHERE id = ? AND state = 'pending' AND (lease_until <= ? OR lease_owner = ?)`,
      )
      .run(owner, until, id, now, owner);
    return Number(result.changes) > 0;
  }

  /** Runs a leased change; none made means the lease is gone. */
  private leased(id: number, owner: string, sql: string, ...params: (string | number | null)[]): void {
    const result = this.db.prepare(`${sql} WHERE id = ? AND lease_owner = ?`).run(...params, id, owner);
    if (Number(result.changes) === 0) throw new LeaseLostError(id);
  }

  get(id: number): OutboxItem | undefined {
    const row = one<Row>(this.db.prepare("SELECT * FROM m365_outbox WHERE id = ?"), id);
    return row ? hydrate(row) : undefined;
  }

  byKey(key: string): OutboxItem | undefined {
    const row = one<Row>(this.db.prepare("SELECT * FROM m365_outbox WHERE key = ?"), key);
    return row ? hydrate(row) : undefined;
  }

  renewLease(id: number, owner: string, until: number): void {
    this.leased(id, owner, "UPDATE m365_outbox SET lease_until = ?", until);
  }

  /** Saves the progress and extends the lease to `until`. */
  saveSteps(id: number, owner: string, steps: OutboxSteps, until: number): void {
    this.leased(id, owner, "UPDATE m365_outbox SET steps = ?, lease_until = ?", JSON.stringify(steps), until);
  }

  complete(id: number, owner: string): void {
    this.leased(
      id,
      owner,
      `UPDATE m365_outbox SET state = 'done', done_at = ?, last_error = NULL, attempts = attempts + 1, ${RELEASE}`,
      new Date().toISOString(),
    );
  }

  /** `awaitingSignIn`: due again as soon as someone signs in (wakeSignInWaiters), whatever `at` says. */
  reschedule(id: number, owner: string, at: number, error: string, awaitingSignIn = false): void {
    this.leased(
      id,
      owner,
      `UPDATE m365_outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?, awaiting_sign_in = ?,
       ${RELEASE}`,
      at,
      error,
      awaitingSignIn ? 1 : 0,
    );
  }

  fail(id: number, owner: string, error: string): void {
    this.leased(
      id,
      owner,
      `UPDATE m365_outbox SET state = 'failed', attempts = attempts + 1, last_error = ?, ${RELEASE}`,
      error,
    );
  }

  /** The sign-in is back: calls that waited for it are due now. */
  wakeSignInWaiters(now = Date.now()): number {
    return Number(
      this.db
        .prepare(
          `UPDATE m365_outbox SET next_attempt_at = ?, awaiting_sign_in = 0
           WHERE state = 'pending' AND awaiting_sign_in = 1`,
        )
        .run(now).changes,
    );
  }

  /**
   * Graph answers again: pending rows that backed off are due now; not those waiting for a sign-in, nor those
   * waiting for their contacts (Graph answering does not mend the index).
   */
  wakeBackedOff(now = Date.now()): number {
    return Number(
      this.db
        .prepare(
          `UPDATE m365_outbox SET next_attempt_at = ?
           WHERE state = 'pending' AND awaiting_sign_in = 0 AND next_attempt_at > ?
             AND json_extract(steps, '$.contactsUnknown') IS NULL`,
        )
        .run(now, now).changes,
    );
  }

  /**
   * A start: the contact index was checked and mended on opening, so calls whose contact note waited for it are due
   * now rather than after their backoff (up to the outbox's longest pause).
   */
  wakeContactWaiters(now = Date.now()): number {
    return Number(
      this.db
        .prepare(
          `UPDATE m365_outbox SET next_attempt_at = ?
           WHERE state = 'pending' AND next_attempt_at > ? AND json_extract(steps, '$.contactsUnknown')`,
        )
        .run(now, now).changes,
    );
  }

  /** The wall clock stepped by `deltaMs`: pending rows' due times and leases move as far (a re-made plan). */
  moveDueTimes(deltaMs: number): number {
    return Number(
      this.db
        .prepare(
          `UPDATE m365_outbox SET next_attempt_at = next_attempt_at + ?,
           lease_until = CASE WHEN lease_until > 0 THEN lease_until + ? ELSE 0 END
           WHERE state = 'pending'`,
        )
        .run(deltaMs, deltaMs).changes,
    );
  }

  /** Puts failed items back in the queue (after the user fixed the cause, say). */
  retryFailed(now = Date.now()): number {
    return Number(
      this.db.prepare("UPDATE m365_outbox SET state = 'pending', next_attempt_at = ? WHERE state = 'failed'").run(now)
        .changes,
    );
  }

  /**
   * When the next pending row is due and free for `owner` (leases of other workers count); without an owner,
   * when the next one is due, leased or not.
   */
  nextDueAt(owner?: string): number | undefined {
    const row = one<{ at: number | null }>(
      this.db.prepare(
        `SELECT min(CASE WHEN ? IS NULL OR lease_owner = ? THEN next_attempt_at
                         ELSE max(next_attempt_at, lease_until) END) AS at
         FROM m365_outbox WHERE state = 'pending'`,
      ),
      owner ?? null,
      owner ?? null,
    )!;
    return row.at === null ? undefined : Number(row.at);
  }

  /** Pending calls whose contact note waits until their contacts can be looked up. */
  waitingForContacts(): number {
    const row = one<{ n: number }>(
      this.db.prepare(
        "SELECT count(*) AS n FROM m365_outbox WHERE state = 'pending' AND json_extract(steps, '$.contactsUnknown')",
      ),
    )!;
    return Number(row.n);
  }

  counts(): Record<OutboxState, number> {
    const rows = all<{ state: OutboxState; n: number }>(
      this.db.prepare("SELECT state, count(*) AS n FROM m365_outbox GROUP BY state"),
    );
    const out: Record<OutboxState, number> = { pending: 0, done: 0, failed: 0 };
    for (const r of rows) out[r.state] = Number(r.n);
    return out;
  }
}
