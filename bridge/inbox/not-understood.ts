/**
 * Messages from TelefUM the bridge could not understand, kept with their reason and raw text (never silently
 * dropped): the pane lists the latest. Only the newest KEEP are kept, so a flood cannot fill the disk.
 */
import { parseMessage } from "../protocol/codec.js";
import type { ProtocolError, ReasonParams } from "../protocol/errors.js";
import { quotable } from "../protocol/errors.js";
import { MAX_MESSAGE_LENGTH } from "../protocol/limits.js";
import type { Database } from "../store/sqlite.js";
import type { NotUnderstood } from "./not-understood-entry.js";
import { all } from "../store/query.js";

export type { NotUnderstood };

const KEEP = 1000;
/** A raw text longer than this is cut (TelefUM's messages are a few hundred characters). */
const MAX_RAW = 4000;

export class NotUnderstoodLog {
  constructor(private readonly db: Database) {}

  add(error: ProtocolError, receivedAt = new Date().toISOString()): void {
    this.db.transaction(() => {
      this.db
        .prepare("INSERT INTO not_understood (received_at, code, reason, raw) VALUES (?, ?, ?, ?)")
        .run(receivedAt, error.code, error.message, error.raw.slice(0, MAX_RAW));
      this.db.prepare("DELETE FROM not_understood WHERE id <= (SELECT max(id) FROM not_understood) - ?").run(KEEP);
    });
  }

  /** Newest first. */
  recent(limit = 50): NotUnderstood[] {
    const rows = all<{ id: number; received_at: string; code: string; reason: string; raw: string }>(
      this.db.prepare("SELECT id, received_at, code, reason, raw FROM not_understood ORDER BY id DESC LIMIT ?"),
      limit,
    );
    return rows.map((r) => ({
      id: r.id,
      receivedAt: r.received_at,
      code: r.code,
      reason: r.reason,
      params: paramsOf(r.code, r.raw),
      raw: r.raw,
    }));
  }
}

/**
 * The values a kept message's reason names, found again by parsing its raw text (the codec is pure, so the same text
 * gives the same reason): nothing more needs keeping than the code and the text.
 */
function paramsOf(code: string, raw: string): ReasonParams {
  const parsed = parseMessage(raw);
  if (!parsed.ok && parsed.error.code === code) return parsed.error.params ?? {};
  if (code === "TOO_LONG") return { max: MAX_MESSAGE_LENGTH };
  return { command: quotable(raw.split("^")[0] ?? "") };
}
