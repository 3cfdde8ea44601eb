/**
 * The `CallHold` of call-intake.ts: calls TelefUM reported while the store could not take them (disk full,
 * read-only). Each is written to the fallback journal on another disk (calls/call-journal.ts) before it counts as
 * kept, and held in order with its receipt time; they are stored again with a growing delay until the store takes
 * them. Calls an earlier run left in the journal are held from the start. Only when the journal cannot be written
 * either is a call held in memory alone (up to a bound, and reported).
 */
import type { CallJournal } from "../calls/call-journal.js";
import { formatMessage, parseMessage } from "../protocol/codec.js";
import type { CallHistory } from "../protocol/messages.js";

export interface UnstoredCallsOptions {
  /** Stores one call with its original receipt time; throws while the store cannot. */
  store(call: CallHistory, receivedAt: Date): Promise<void>;
  /** At most this many calls are held; beyond it the oldest is given up (and reported). */
  limit?: number;
  firstDelayMs?: number;
  /** A retry is one small transaction: cheap enough to try every 10 s (the default cap). */
  maxDelayMs?: number;
  onDropped?(call: CallHistory): void;
  journal?: CallJournal;
  /** The number of calls in the journal changed (0: none waits there any more). */
  onJournal?(waiting: number): void;
  /** The journal could not be written: the call is held in memory only. */
  onJournalFailed?(error: unknown): void;
}

interface Held {
  /** Undefined for a journal line that is no call (never written by keep): it keeps its place in the order. */
  call: CallHistory | undefined;
  receivedAt: Date;
  journaled: boolean;
}

export class UnstoredCalls {
  private readonly held = new Map<string, Held>();
  private timer: NodeJS.Timeout | undefined;
  private delayMs: number;
  private retrying: Promise<void> | undefined;

  constructor(private readonly options: UnstoredCallsOptions) {
    this.delayMs = options.firstDelayMs ?? 1000;
    for (const entry of options.journal?.read().entries ?? []) {
      const parsed = parseMessage(entry.text);
      const call = parsed.ok && parsed.message.command === "CALLHISTORY" ? parsed.message : undefined;
      const key = call ? keyOf(call) : `line ${this.held.size}`;
      // The same call twice in the journal (kept, then kept again by a later run): one entry, both lines dropped.
      this.held.set(this.held.has(key) ? `line ${this.held.size}` : key, {
        call: this.held.has(key) ? undefined : call,
        receivedAt: new Date(entry.receivedAt),
        journaled: true,
      });
    }
  }

  get size(): number {
    return this.held.size;
  }

  /** Calls waiting in the fallback journal. */
  get journaled(): number {
    let count = 0;
    for (const held of this.held.values()) if (held.journaled && held.call) count++;
    return count;
  }

  /** Holds a call that could not be stored (in the journal first), and makes sure a retry is due. */
  keep(call: CallHistory, receivedAt: Date): void {
    const key = keyOf(call);
    if (this.held.has(key)) return this.schedule();
    let journaled = false;
    if (this.options.journal) {
      try {
        this.options.journal.append({ text: formatMessage(call), receivedAt: receivedAt.toISOString() });
        journaled = true;
      } catch (error) {
        this.options.onJournalFailed?.(error);
      }
    }
    this.held.set(key, { call, receivedAt, journaled });
    if (journaled) this.options.onJournal?.(this.journaled);
    const limit = this.options.limit ?? 1000;
    // Only calls held in memory alone count against the bound: the journal is on disk and is the user's copy.
    let inMemory = 0;
    for (const [oldKey, old] of [...this.held].reverse()) {
      if (old.journaled) continue;
      if (++inMemory <= limit) continue;
      this.held.delete(oldKey);
      if (old.call) this.options.onDropped?.(old.call);
    }
    this.schedule();
  }

  /** Tries to store every held call now, oldest first; stops at the first the store still refuses. */
  retry(): Promise<void> {
    this.retrying ??= this.storeHeld().finally(() => {
      this.retrying = undefined;
    });
    return this.retrying;
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async storeHeld(): Promise<void> {
    // Journal order is held order: the journaled calls stored in this pass are the journal's first lines.
    let stored = 0;
    try {
      for (const [key, held] of [...this.held]) {
        try {
          if (held.call) await this.options.store(held.call, held.receivedAt);
        } catch {
          this.delayMs = Math.min(this.delayMs * 2, this.options.maxDelayMs ?? 10_000);
          this.schedule();
          return;
        }
        this.held.delete(key);
        if (held.journaled) stored++;
      }
      this.delayMs = this.options.firstDelayMs ?? 1000;
    } finally {
      if (stored > 0) this.dropFromJournal(stored);
    }
  }

  private dropFromJournal(count: number): void {
    try {
      this.options.journal?.drop(count);
    } catch (error) {
      // Left in the journal they are replayed again at the next start: the call log takes each once.
      this.options.onJournalFailed?.(error);
    }
    this.options.onJournal?.(this.journaled);
  }

  private schedule(): void {
    if (this.timer || this.held.size === 0) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.retry();
    }, this.delayMs);
    this.timer.unref?.();
  }
}

function keyOf(call: CallHistory): string {
  return `${call.number}\u0000${call.direction}\u0000${call.start}`;
}
