/**
 * Rows the list refused for good (a 400 from a validation rule an admin set, say): each is parked with its own
 * backoff, so the mark moves on and the rows behind it are written, while it is tried again (base, doubled each
 * time, up to the max) until the list takes it. The status counts them. At most MAX_PARKED wait: past that the
 * queue stops at the refused row instead of parking more (nothing grows without bound; the status says why).
 */
import type { DeltaStateStore } from "../../store/delta-state.js";

export type RowKind = "calls" | "sms";

interface Parked {
  attempts: number;
  /** Epoch ms of the next try. */
  nextAt: number;
  status: number;
}

const PREFIX = "team:parked:";
export const MAX_PARKED = 500;

export class ParkedRows {
  constructor(
    private readonly state: DeltaStateStore,
    private readonly backoff: { baseSeconds: number; maxSeconds: number },
  ) {}

  /** Ids of `kind` whose next try is due, oldest first. */
  due(kind: RowKind, now = Date.now()): number[] {
    return this.state
      .keys(`${PREFIX}${kind}:`)
      .filter((key) => this.read(key).nextAt <= now)
      .map((key) => Number(key.slice(`${PREFIX}${kind}:`.length)))
      .sort((a, b) => a - b);
  }

  isParked(kind: RowKind, id: number): boolean {
    return this.state.get(`${PREFIX}${kind}:${id}`) !== undefined;
  }

  /** Parks (or parks again, later) a refused row; false when too many wait already. */
  park(kind: RowKind, id: number, status: number): boolean {
    const key = `${PREFIX}${kind}:${id}`;
    const known = this.state.get(key) !== undefined;
    if (!known && this.count() >= MAX_PARKED) return false;
    const attempts = (known ? this.read(key).attempts : 0) + 1;
    const seconds = Math.min(this.backoff.maxSeconds, this.backoff.baseSeconds * 2 ** (attempts - 1));
    this.state.set(key, JSON.stringify({ attempts, nextAt: Date.now() + seconds * 1000, status } satisfies Parked));
    return true;
  }

  /** Written at last (or gone from the log). */
  settle(kind: RowKind, id: number): void {
    this.state.delete(`${PREFIX}${kind}:${id}`);
  }

  count(): number {
    return this.state.keys(PREFIX).length;
  }

  private read(key: string): Parked {
    return JSON.parse(this.state.get(key) ?? "{}") as Parked;
  }
}
