/**
 * What the user types during a call, kept at once (nothing is lost on a restart) and attached to that call's log
 * entry when its CALLHISTORY arrives. A note stays editable for 24 hours; `version` against `synced_version` tells
 * the mailbox what it has not seen yet.
 */
import type { Database } from "../store/sqlite.js";
import type { CallRecord } from "./call-record.js";
import { numberTail } from "./number-tail.js";
import { all, one } from "../store/query.js";

export const NOTE_EDITABLE_MS = 24 * 60 * 60 * 1000;

export interface CallNote {
  id: number;
  number: string;
  text: string;
  createdAt: string;
  updatedAt: string;
  callId: number | null;
  version: number;
  syncedVersion: number;
}

interface Row {
  id: number;
  number: string;
  text: string;
  created_at: string;
  updated_at: string;
  call_id: number | null;
  version: number;
  synced_version: number;
}

const hydrate = (r: Row): CallNote => ({
  id: Number(r.id),
  number: r.number,
  text: r.text,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  callId: r.call_id === null ? null : Number(r.call_id),
  version: Number(r.version),
  syncedVersion: Number(r.synced_version),
});

export class NoteNotEditableError extends Error {}

export class CallNotes {
  constructor(
    private readonly db: Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  get(id: number): CallNote | undefined {
    const row = one<Row>(this.db.prepare("SELECT * FROM call_notes WHERE id = ?"), id);
    return row ? hydrate(row) : undefined;
  }

  forCall(callId: number): CallNote | undefined {
    const row = one<Row>(this.db.prepare("SELECT * FROM call_notes WHERE call_id = ?"), callId);
    return row ? hydrate(row) : undefined;
  }

  /** Newest first: the notes on a number. */
  forNumber(number: string, limit = 10): CallNote[] {
    return all<Row>(
      this.db.prepare("SELECT * FROM call_notes WHERE tail = ? ORDER BY created_at DESC, id DESC LIMIT ?"),
      numberTail(number),
      limit,
    ).map(hydrate);
  }

  /**
   * A new note on `number`, or new text for note `id`. A note typed during a call waits for its CALLHISTORY;
   * `callId` names the call when it is already logged (the user writes on after hanging up).
   */
  save(number: string, text: string, id?: number, callId?: number): CallNote {
    const now = this.now();
    const at = now.toISOString();
    return this.db.transaction(() => {
      if (id !== undefined) {
        const note = this.get(id);
        if (!note) throw new NoteNotEditableError(`no note ${id}`);
        if (now.getTime() - Date.parse(note.createdAt) > NOTE_EDITABLE_MS)
          throw new NoteNotEditableError("a note can be changed for 24 hours only");
        if (note.text === text) return note;
        this.db
          .prepare("UPDATE call_notes SET text = ?, updated_at = ?, version = version + 1 WHERE id = ?")
          .run(text, at, id);
        return this.get(id)!;
      }
      const joinCall = callId !== undefined && !this.forCall(callId) ? callId : null;
      const result = this.db
        .prepare(
          "INSERT INTO call_notes (number, tail, text, created_at, updated_at, call_id) VALUES (?, ?, ?, ?, ?, ?)",
        )
        .run(number, numberTail(number), text, at, at, joinCall);
      return this.get(Number(result.lastInsertRowid))!;
    });
  }

  /** CALLHISTORY arrived: the newest unattached note on its number from the last 24 hours joins it. */
  attach(call: CallRecord): CallNote | undefined {
    if (this.forCall(call.id)) return undefined;
    const since = new Date(this.now().getTime() - NOTE_EDITABLE_MS).toISOString();
    const row = one<Row>(
      this.db.prepare(
        "SELECT * FROM call_notes WHERE tail = ? AND call_id IS NULL AND created_at >= ? " +
          "ORDER BY created_at DESC, id DESC LIMIT 1",
      ),
      numberTail(call.number),
      since,
    );
    if (!row) return undefined;
    this.db.prepare("UPDATE call_notes SET call_id = ?, version = version + 1 WHERE id = ?").run(call.id, row.id);
    return this.get(Number(row.id));
  }

  /** Notes on a logged call whose last text the mailbox has not got yet. */
  unsynced(limit = 50): CallNote[] {
    return all<Row>(
      this.db.prepare(
        "SELECT * FROM call_notes WHERE call_id IS NOT NULL AND synced_version < version ORDER BY id LIMIT ?",
      ),
      limit,
    ).map(hydrate);
  }

  markSynced(id: number, version: number): void {
    this.db.prepare("UPDATE call_notes SET synced_version = max(synced_version, ?) WHERE id = ?").run(version, id);
  }
}
