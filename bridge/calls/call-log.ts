/**
 * The local record of every call TelefUM reported. It is the source of truth for the add-in's history,
 * and its unique key makes a repeated CALLHISTORY harmless: the same call is never logged twice.
 */
import type { CallHistory } from "../protocol/messages.js";
import type { Database } from "../store/sqlite.js";
import type { CallRecord, DayCount } from "./call-record.js";
import { all, one } from "../store/query.js";

interface CallRow {
  id: number;
  number: string;
  direction: "in" | "out";
  answered: number;
  start: string;
  duration_seconds: number;
  recording_path: string;
  contact_ids: string;
  received_at: string;
}

function hydrate(row: CallRow): CallRecord {
  return {
    id: row.id,
    number: row.number,
    direction: row.direction,
    answered: row.answered === 1,
    start: row.start,
    durationSeconds: row.duration_seconds,
    recordingPath: row.recording_path,
    contactIds: row.contact_ids ? row.contact_ids.split(",") : [],
    receivedAt: row.received_at,
  };
}

export class CallLog {
  constructor(private readonly db: Database) {}

  /**
   * Logs a call; `created` is false when the same call (number, direction, start) was logged before.
   * `within` runs in the same transaction with the logged call (new or not): what it writes commits with it.
   * `receivedAt`: when TelefUM reported it (a call replayed from the fallback journal keeps its first time).
   */
  record<T = undefined>(
    call: Omit<CallHistory, "command">,
    contactIds: string[],
    within?: (call: CallRecord) => T,
    receivedAt: Date = new Date(),
  ): { call: CallRecord; created: boolean; within: T | undefined } {
    return this.db.transaction(() => {
      const result = this.db
        .prepare(
          "INSERT INTO calls (number, direction, answered, start, duration_seconds, " +
            `recording_path, contact_ids, received_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(number, direction, start) DO NOTHING`,
        )
        .run(
          call.number,
          call.direction,
          call.answered ? 1 : 0,
          call.start,
          call.durationSeconds,
          call.recordingPath,
          contactIds.join(","),
          receivedAt.toISOString(),
        );
      const row = one<CallRow>(
        this.db.prepare("SELECT * FROM calls WHERE number = ? AND direction = ? AND start = ?"),
        call.number,
        call.direction,
        call.start,
      )!;
      const logged = hydrate(row);
      return { call: logged, created: Number(result.changes) > 0, within: within?.(logged) };
    });
  }

  get(id: number): CallRecord | undefined {
    const row = one<CallRow>(this.db.prepare("SELECT * FROM calls WHERE id = ?"), id);
    return row ? hydrate(row) : undefined;
  }

  /** Newest first; optionally only calls with a contact or a number. */
  recent(options: { limit?: number; contactId?: string; number?: string } = {}): CallRecord[] {
    const limit = options.limit ?? 50;
    let rows: CallRow[];
    if (options.contactId !== undefined) {
      rows = all<CallRow>(
        this.db.prepare(
          "SELECT * FROM calls WHERE ',' || contact_ids || ',' LIKE ? ORDER BY start DESC, id DESC LIMIT ?",
        ),
        `%,${options.contactId},%`,
        limit,
      );
    } else if (options.number !== undefined) {
      rows = all<CallRow>(
        this.db.prepare("SELECT * FROM calls WHERE number = ? ORDER BY start DESC, id DESC LIMIT ?"),
        options.number,
        limit,
      );
    } else {
      rows = all<CallRow>(this.db.prepare("SELECT * FROM calls ORDER BY start DESC, id DESC LIMIT ?"), limit);
    }
    return rows.map(hydrate);
  }

  /** Calls per day over the last `days` days (local dates), for the add-in's chart. */
  perDay(days: number, today: string): DayCount[] {
    const rows = all<{ day: string; incoming: number; outgoing: number; missed: number }>(
      this.db.prepare(
        `SELECT substr(start, 1, 10) AS day,
                sum(direction = 'in') AS incoming, sum(direction = 'out') AS outgoing,
                sum(direction = 'in' AND answered = 0) AS missed
         FROM calls WHERE substr(start, 1, 10) > date(?, ?) AND substr(start, 1, 10) <= ?
         GROUP BY day ORDER BY day`,
      ),
      today,
      `-${days} days`,
      today,
    );
    return rows.map((r) => ({
      day: r.day,
      incoming: Number(r.incoming),
      outgoing: Number(r.outgoing),
      missed: Number(r.missed),
    }));
  }
}
