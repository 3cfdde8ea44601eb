/**
 * What this PC has to give the team list: its calls and sent SMS after the marks kept in the delta state (the call
 * log and the SMS log are the durable queue; the marks its progress), each as the list's fields: the start in UTC,
 * the number's key, the contact's name and company, the employee, TelefUM's phone and line, the notes.
 */
import { CallNotes } from "../../calls/call-notes.js";
import type { Directory } from "../../directory/directory.js";
import { phoneKey } from "../../directory/phone-key.js";
import { all, one } from "../../store/query.js";
import type { Database } from "../../store/sqlite.js";
import type { DeltaStateStore } from "../../store/delta-state.js";
import type { TeamFields } from "./team-fields.js";
import type { ParkedRows, RowKind } from "./team-parked.js";
import { zonedToUtc } from "./zoned-time.js";

export interface Employee {
  id: string;
  name: string;
}

export interface PendingRow {
  /** Which mark it advances and to what. */
  mark: RowKind;
  id: number;
  fields: TeamFields;
}

/** TelefUM's phone and line as the last CONTACT? for a number said (kept for a few hundred numbers). */
export type LineOf = (number: string) => { device: number; line: number } | undefined;

interface CallRow {
  id: number;
  number: string;
  direction: "in" | "out";
  answered: number;
  start: string;
  duration_seconds: number;
  contact_ids: string;
}

interface SmsRow {
  id: number;
  number: string;
  text: string;
  template: number;
  device: number | null;
  sent_at: string;
  contact_ids: string;
}

/** Calls and SMS older than this when the team log is first switched on are not sent (no surprise flood). */
const BACKFILL_MS = 24 * 60 * 60 * 1000;

export class TeamRows {
  private readonly notes: CallNotes;

  constructor(
    private readonly deps: {
      db: Database;
      directory: Directory;
      state: DeltaStateStore;
      timeZone: string;
      shareNotes: boolean;
      lineOf: LineOf;
      parked: ParkedRows;
    },
  ) {
    this.notes = new CallNotes(deps.db);
  }

  /** The parked rows whose retry is due, then up to `limit` new rows of each kind, oldest first. */
  pending(employee: Employee, limit = 100): PendingRow[] {
    const { db, parked } = this.deps;
    const callOf = (row: CallRow) => this.callRow(row, employee);
    const smsOf = (row: SmsRow) => this.smsRow(row, employee);
    const again = [
      ...this.byIds("calls", parked.due("calls").slice(0, limit), callOf),
      ...this.byIds("sms", parked.due("sms").slice(0, limit), smsOf),
    ];
    const calls = all<CallRow>(
      db.prepare("SELECT * FROM calls WHERE id > ? ORDER BY id LIMIT ?"),
      this.mark("calls"),
      limit,
    ).map(callOf);
    const sms = all<SmsRow>(
      db.prepare("SELECT * FROM sms_log WHERE id > ? ORDER BY id LIMIT ?"),
      this.mark("sms"),
      limit,
    ).map(smsOf);
    return [...again, ...calls, ...sms];
  }

  /** The list holds the row (written now, or already): its mark moves past it, a parked one is done. */
  written(row: PendingRow): void {
    this.deps.parked.settle(row.mark, row.id);
    this.advance(row.mark, row.id);
  }

  /** The list refused the row for good: parked to be tried again later; false (nothing moves) when too many wait. */
  refused(row: PendingRow, status: number): boolean {
    if (!this.deps.parked.park(row.mark, row.id, status)) return false;
    this.advance(row.mark, row.id);
    return true;
  }

  /** Everything up to `id` of that kind is in the list (or parked). */
  private advance(mark: PendingRow["mark"], id: number): void {
    if (id > this.mark(mark)) this.deps.state.set(`team:mark:${mark}`, String(id));
  }

  /** Rows by id; an id no longer in the log is no longer parked. */
  private byIds<R extends { id: number }>(kind: RowKind, ids: number[], to: (row: R) => PendingRow): PendingRow[] {
    const table = kind === "calls" ? "calls" : "sms_log";
    const rows: PendingRow[] = [];
    for (const id of ids) {
      const row = one<R>(this.deps.db.prepare(`SELECT * FROM ${table} WHERE id = ?`), id);
      if (row) rows.push(to(row));
      else this.deps.parked.settle(kind, id);
    }
    return rows;
  }

  private mark(kind: PendingRow["mark"]): number {
    const kept = this.deps.state.get(`team:mark:${kind}`);
    if (kept !== undefined) return Number(kept);
    const since = new Date(Date.now() - BACKFILL_MS).toISOString();
    const [table, column] = kind === "calls" ? ["calls", "received_at"] : ["sms_log", "sent_at"];
    const row = one<{ id: number | null }>(
      this.deps.db.prepare(`SELECT max(id) AS id FROM ${table} WHERE ${column} < ?`),
      since,
    );
    const start = Number(row?.id ?? 0);
    this.deps.state.set(`team:mark:${kind}`, String(start));
    return start;
  }

  private contact(ids: string): { contactName: string; company: string } {
    const first = this.deps.directory.getMany(ids ? ids.split(",") : [])[0];
    return { contactName: first?.name ?? "", company: first?.company ?? "" };
  }

  private keyOf(number: string): string {
    return phoneKey(number, this.deps.directory.options.defaultRegion)?.key ?? `#${number.replace(/\D/g, "")}`;
  }

  /** The list's unique key of one of this PC's calls (`start` as TelefUM wrote it, in its zone). */
  callKey(call: { number: string; direction: "in" | "out"; start: string }, employee: Employee): string {
    const start = zonedToUtc(call.start, this.deps.timeZone);
    return `${employee.id}|${this.keyOf(call.number)}|${start}|${call.direction}`;
  }

  private callRow(row: CallRow, employee: Employee): PendingRow {
    const start = zonedToUtc(row.start, this.deps.timeZone);
    const numberKey = this.keyOf(row.number);
    const line = this.deps.lineOf(row.number);
    const note = this.deps.shareNotes ? (this.notes.forCall(Number(row.id))?.text ?? "") : "";
    return {
      mark: "calls",
      id: Number(row.id),
      fields: {
        callKey: this.callKey(row, employee),
        kind: "call",
        start,
        durationSeconds: Number(row.duration_seconds),
        direction: row.direction,
        answered: row.answered === 1,
        number: row.number,
        numberKey,
        ...this.contact(row.contact_ids),
        employeeName: employee.name,
        employeeId: employee.id,
        device: line?.device ?? null,
        line: line?.line ?? null,
        recordingUrl: "",
        notes: note,
        claimedBy: "",
        claimedById: "",
        claimedAt: null,
      },
    };
  }

  private smsRow(row: SmsRow, employee: Employee): PendingRow {
    const start = new Date(row.sent_at).toISOString();
    const numberKey = this.keyOf(row.number);
    return {
      mark: "sms",
      id: Number(row.id),
      fields: {
        callKey: `${employee.id}|${numberKey}|${start}|sms`,
        kind: "sms",
        start,
        durationSeconds: 0,
        direction: "out",
        answered: true,
        number: row.number,
        numberKey,
        ...this.contact(row.contact_ids),
        employeeName: employee.name,
        employeeId: employee.id,
        device: row.device,
        line: null,
        recordingUrl: "",
        notes: this.deps.shareNotes && row.template === 0 ? row.text : "",
        claimedBy: "",
        claimedById: "",
        claimedAt: null,
      },
    };
  }
}
