/**
 * This PC's copy of the team call log: what a delta sync of the SharePoint list brings is applied here, so the
 * card, the team's missed calls and the reports read SQLite only and work with Graph down.
 */
import { bulkWrite } from "../store/bulk-write.js";
import { all, one } from "../store/query.js";
import type { Database } from "../store/database.js";
import type { TeamCall } from "./team-call.js";

/** The table's row, as stored. */
export interface TeamCallRow {
  item_id: string;
  call_key: string;
  kind: "call" | "sms";
  start: string;
  start_local: string;
  duration_seconds: number;
  direction: "in" | "out";
  answered: number;
  number: string;
  number_key: string;
  contact_name: string;
  company: string;
  employee_name: string;
  employee_id: string;
  device: number | null;
  line: number | null;
  recording_url: string;
  notes: string;
  claimed_by: string;
  claimed_by_id: string;
  claimed_at: string | null;
  modified_at: string;
}

export function teamCallOf(row: TeamCallRow): TeamCall {
  return {
    itemId: row.item_id,
    callKey: row.call_key,
    kind: row.kind,
    start: row.start,
    startLocal: row.start_local,
    durationSeconds: row.duration_seconds,
    direction: row.direction,
    answered: row.answered === 1,
    number: row.number,
    numberKey: row.number_key,
    contactName: row.contact_name,
    company: row.company,
    employeeName: row.employee_name,
    employeeId: row.employee_id,
    device: row.device,
    line: row.line,
    recordingUrl: row.recording_url,
    notes: row.notes,
    claimedBy: row.claimed_by,
    claimedById: row.claimed_by_id,
    claimedAt: row.claimed_at,
    modifiedAt: row.modified_at,
  };
}

const COLUMNS = [
  "item_id",
  "call_key",
  "kind",
  "start",
  "start_local",
  "duration_seconds",
  "direction",
  "answered",
  "number",
  "number_key",
  "contact_name",
  "company",
  "employee_name",
  "employee_id",
  "device",
  "line",
  "recording_url",
  "notes",
  "claimed_by",
  "claimed_by_id",
  "claimed_at",
  "modified_at",
] as const;

export class TeamCopy {
  constructor(private readonly db: Database) {}

  /**
   * Applies created or changed items. A row is replaced only by a change at least as new as it; a call key seen
   * under another item id (the list was recreated, or an item re-added) takes the newer item.
   */
  apply(calls: readonly TeamCall[]): void {
    if (calls.length === 0) return;
    const upsert = this.db.prepare(
      `INSERT INTO team_calls (${COLUMNS.join(", ")}) VALUES (${COLUMNS.map(() => "?").join(", ")})
       ON CONFLICT(item_id) DO UPDATE SET ${COLUMNS.slice(1)
         .map((c) => `${c} = excluded.${c}`)
         .join(", ")}
       WHERE excluded.modified_at >= team_calls.modified_at`,
    );
    const dropOtherItem = this.db.prepare("DELETE FROM team_calls WHERE call_key = ? AND item_id <> ?");
    bulkWrite(this.db, () =>
      this.db.transaction(() => {
        for (const call of calls) {
          dropOtherItem.run(call.callKey, call.itemId);
          upsert.run(
            call.itemId,
            call.callKey,
            call.kind,
            call.start,
            call.startLocal,
            call.durationSeconds,
            call.direction,
            call.answered ? 1 : 0,
            call.number,
            call.numberKey,
            call.contactName,
            call.company,
            call.employeeName,
            call.employeeId,
            call.device,
            call.line,
            call.recordingUrl,
            call.notes,
            call.claimedBy,
            call.claimedById,
            call.claimedAt,
            call.modifiedAt,
          );
        }
      }),
    );
  }

  /** Items removed from the list (delta's `deleted` facet). */
  remove(itemIds: readonly string[]): void {
    if (itemIds.length === 0) return;
    const remove = this.db.prepare("DELETE FROM team_calls WHERE item_id = ?");
    this.db.transaction(() => {
      for (const id of itemIds) remove.run(id);
    });
  }

  /** Forgets every row: a delta that must start over (410 Gone, another list) fills the copy again. */
  clear(): void {
    this.db.exec("DELETE FROM team_calls");
  }

  get(itemId: string): TeamCall | undefined {
    const row = one<TeamCallRow>(this.db.prepare("SELECT * FROM team_calls WHERE item_id = ?"), itemId);
    return row ? teamCallOf(row) : undefined;
  }

  /** True when no row was ever synced: O(1), unlike count(). */
  isEmpty(): boolean {
    return one<{ found: number }>(this.db.prepare("SELECT EXISTS (SELECT 1 FROM team_calls) AS found"))?.found !== 1;
  }

  /** The row of one call by its unique key (the list's callKey). */
  byCallKey(callKey: string): TeamCall | undefined {
    const row = one<TeamCallRow>(this.db.prepare("SELECT * FROM team_calls WHERE call_key = ?"), callKey);
    return row ? teamCallOf(row) : undefined;
  }

  count(): number {
    return Number(one<{ n: number }>(this.db.prepare("SELECT count(*) AS n FROM team_calls"))?.n ?? 0);
  }

  /** Newest first, a page at a time (for tests and the pane's full list). */
  recent(limit = 50): TeamCall[] {
    return all<TeamCallRow>(
      this.db.prepare("SELECT * FROM team_calls ORDER BY start_local DESC, item_id DESC LIMIT ?"),
      limit,
    ).map(teamCallOf);
  }
}
