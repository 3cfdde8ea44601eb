/**
 * The calls file (calls.db): what cannot be rebuilt (calls, outbox, notes, SMS log, missed-call claims, messages not
 * understood), apart from the contact index so damage to one never takes the other. Its schema is numbered on its
 * own; bridge.db's step 8 moves these tables' rows here (copyKeptRows) before dropping them.
 */
import type { Database } from "./database.js";
import { all } from "./query.js";
import type { SchemaStep } from "./schema.js";

/** The tables that cannot be rebuilt: they live in their own file (calls.db), apart from the contact index. */
export const KEPT_TABLES = ["calls", "m365_outbox", "call_notes", "sms_log", "missed_calls_cleared", "not_understood"];

/** The schema name the calls file is attached under on every connection (sqlite.ts). */
export const KEPT_SCHEMA = "kept";

/**
 * Copies every row of the kept tables from schema `from` into the calls file, keeping their ids: a row already
 * there is left as it is (so copying twice moves each row once).
 */
export function copyKeptRows(db: Database, from: string): void {
  db.transaction(() => {
    for (const table of KEPT_TABLES) {
      const columns = all<{ name: string }>(db.prepare(`PRAGMA ${from}.table_info(${table})`))
        .map((c) => `"${c.name}"`)
        .join(", ");
      if (!columns) continue;
      db.exec(`INSERT OR IGNORE INTO ${KEPT_SCHEMA}.${table} (${columns}) SELECT ${columns} FROM ${from}.${table}`);
    }
  });
}

/**
 * The calls file's own schema, numbered on its own. Version 1 is the kept tables exactly as bridge.db had them at
 * its version 7 (same columns, same order), so rows move across unchanged.
 */
export const KEPT_STEPS: readonly SchemaStep[] = [
  {
    version: 1,
    name: "calls, outbox, call notes, SMS log, missed-call claims, messages not understood",
    sql: `
CREATE TABLE calls (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  number TEXT NOT NULL,
  direction TEXT NOT NULL,
  answered INTEGER NOT NULL,
  start TEXT NOT NULL,
  duration_seconds INTEGER NOT NULL,
  recording_path TEXT NOT NULL,
  contact_ids TEXT NOT NULL,
  received_at TEXT NOT NULL,
  UNIQUE (number, direction, start)
);
CREATE INDEX calls_start ON calls(start);
CREATE TABLE m365_outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  key TEXT NOT NULL UNIQUE,
  call TEXT NOT NULL,
  contacts TEXT NOT NULL,
  steps TEXT NOT NULL DEFAULT '{}',
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_error TEXT,
  state TEXT NOT NULL DEFAULT 'pending',
  created_at TEXT NOT NULL,
  done_at TEXT,
  lease_owner TEXT,
  lease_until INTEGER NOT NULL DEFAULT 0,
  awaiting_sign_in INTEGER NOT NULL DEFAULT 0,
  call_id INTEGER
);
CREATE INDEX m365_outbox_due ON m365_outbox(state, next_attempt_at);
CREATE INDEX m365_outbox_call ON m365_outbox(call_id);
CREATE TABLE not_understood (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  received_at TEXT NOT NULL,
  code TEXT NOT NULL,
  reason TEXT NOT NULL,
  raw TEXT NOT NULL
);
CREATE TABLE call_notes (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  number TEXT NOT NULL,
  tail TEXT NOT NULL,
  text TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  call_id INTEGER REFERENCES calls(id) ON DELETE SET NULL,
  version INTEGER NOT NULL DEFAULT 1,
  synced_version INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX call_notes_tail ON call_notes(tail, created_at);
CREATE UNIQUE INDEX call_notes_call ON call_notes(call_id) WHERE call_id IS NOT NULL;
CREATE TABLE sms_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  number TEXT NOT NULL,
  tail TEXT NOT NULL,
  template INTEGER NOT NULL,
  text TEXT NOT NULL,
  device INTEGER,
  sent_at TEXT NOT NULL,
  contact_ids TEXT NOT NULL,
  noted INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX sms_log_tail ON sms_log(tail, sent_at);
CREATE TABLE missed_calls_cleared (
  call_id INTEGER PRIMARY KEY REFERENCES calls(id) ON DELETE CASCADE,
  reason TEXT NOT NULL,
  cleared_at TEXT NOT NULL,
  task_closed INTEGER NOT NULL DEFAULT 0
);
`,
  },
];
