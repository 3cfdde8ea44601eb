/**
 * Calls TelefUM reported while the store could not take them (disk full, say): kept in memory, in order, up to a
 * bound, and stored again with a growing delay until the store takes them. TelefUM sends a call once; this is the
 * only copy until it is stored.
 */
import type { CallHistory } from "../protocol/messages.js";

export interface UnstoredCallsOptions {
  /** Stores one call; throws while the store cannot. */
  store(call: CallHistory): Promise<void>;
  /** At most this many calls are held; beyond it the oldest is given up (and reported). */
  limit?: number;
  firstDelayMs?: number;
  /** A retry is one small transaction: cheap enough to try every 10 s (the default cap). */
  maxDelayMs?: number;
  onDropped?(call: CallHistory): void;
}

export class UnstoredCalls {
  private readonly held = new Map<string, CallHistory>();
  private timer: NodeJS.Timeout | undefined;
  private delayMs: number;
  private retrying: Promise<void> | undefined;

  constructor(private readonly options: UnstoredCallsOptions) {
    this.delayMs = options.firstDelayMs ?? 1000;
  }

  get size(): number {
    return this.held.size;
  }

  /** Holds a call that could not be stored, and makes sure a retry is due. */
  keep(call: CallHistory): void {
    const key = `${call.number}\u0000${call.direction}\u0000${call.start}`;
    this.held.delete(key);
    this.held.set(key, call);
    const limit = this.options.limit ?? 1000;
    while (this.held.size > limit) {
      const [oldestKey, oldest] = this.held.entries().next().value as [string, CallHistory];
      this.held.delete(oldestKey);
      this.options.onDropped?.(oldest);
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
    for (const [key, call] of [...this.held]) {
      try {
        await this.options.store(call);
      } catch {
        this.delayMs = Math.min(this.delayMs * 2, this.options.maxDelayMs ?? 10_000);
        this.schedule();
        return;
      }
      this.held.delete(key);
    }
    this.delayMs = this.options.firstDelayMs ?? 1000;
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
