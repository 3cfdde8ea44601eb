/**
 * Missed incoming calls not yet dealt with: CALLHISTORY `in` + not answered, until the user marks one done or an
 * answered outgoing call to the same number follows it. A cleared call remembers whether its To Do task is closed.
 */
import type { Database } from "../store/sqlite.js";
import type { CallLog } from "./call-log.js";
import type { CallRecord } from "./call-record.js";
import { numberTail } from "./number-tail.js";
import { all } from "../store/query.js";

export type ClearReason = "done" | "called-back";

export interface ClearedMissedCall {
  callId: number;
  reason: ClearReason;
}

export class MissedCalls {
  constructor(
    private readonly db: Database,
    private readonly calls: CallLog,
  ) {}

  /** Oldest first is how they should be called back; the list shows the newest first. */
  open(limit = 50): CallRecord[] {
    const ids = all<{ id: number }>(
      this.db.prepare(
        `SELECT c.id FROM calls c LEFT JOIN missed_calls_cleared m ON m.call_id = c.id
         WHERE c.direction = 'in' AND c.answered = 0 AND m.call_id IS NULL
         ORDER BY c.start DESC, c.id DESC LIMIT ?`,
      ),
      limit,
    );
    return ids.map((r) => this.calls.get(Number(r.id))).filter((c): c is CallRecord => c !== undefined);
  }

  /** The user said "done". False when the call is not an open missed call. */
  markDone(callId: number): boolean {
    const call = this.calls.get(callId);
    if (call?.direction !== "in" || call.answered) return false;
    return this.clear(callId, "done");
  }

  /** An answered outgoing call clears every open missed call from that number that came before it. */
  calledBack(call: CallRecord): number[] {
    if (call.direction !== "out" || !call.answered) return [];
    const tail = numberTail(call.number);
    const cleared = this.open(500)
      .filter((m) => numberTail(m.number) === tail && m.start <= call.start)
      .map((m) => m.id);
    for (const id of cleared) this.clear(id, "called-back");
    return cleared;
  }

  /** Cleared missed calls whose To Do task has not been closed yet. */
  taskToClose(limit = 50): ClearedMissedCall[] {
    return all<{ call_id: number; reason: ClearReason }>(
      this.db.prepare(
        "SELECT call_id, reason FROM missed_calls_cleared WHERE task_closed = 0 ORDER BY call_id LIMIT ?",
      ),
      limit,
    ).map((r) => ({ callId: Number(r.call_id), reason: r.reason }));
  }

  markTaskClosed(callId: number): void {
    this.db.prepare("UPDATE missed_calls_cleared SET task_closed = 1 WHERE call_id = ?").run(callId);
  }

  private clear(callId: number, reason: ClearReason): boolean {
    const result = this.db
      .prepare("INSERT INTO missed_calls_cleared (call_id, reason, cleared_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
      .run(callId, reason, new Date().toISOString());
    return Number(result.changes) > 0;
  }
}
