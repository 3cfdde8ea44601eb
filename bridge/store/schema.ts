import type { Database } from "./database.js";
import { copyKeptRows } from "./kept-schema.js";

/**
 * The bridge database's schema, as numbered steps: step N brings a file from `user_version` N-1 to N.
 * Steps are only ever appended; a released step is never edited (files in the field already ran it).
 */
export interface SchemaStep {
  version: number;
  /** What the step does, for the log and for whoever reads the history. */
  name: string;
  sql: string;
  /**
   * Work in another file before the step (its own transaction: SQLite commits attached WAL files one by one).
   * It must be idempotent: a bridge killed between it and the step runs both again.
   */
  before?(db: Database): void;
}

export const SCHEMA_STEPS: readonly SchemaStep[] = [
  {
    version: 1,
    // Files written before versioning have these tables at user_version 0: IF NOT EXISTS adopts them as they are.
    name: "contacts, phones, number choices, calls, Microsoft 365 delta links and outbox",
    sql: `
CREATE TABLE IF NOT EXISTS contacts (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  source TEXT NOT NULL,
  external_id TEXT,
  folder_id TEXT,
  name TEXT NOT NULL DEFAULT '',
  company TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL,
  UNIQUE (source, external_id)
);
CREATE TABLE IF NOT EXISTS contact_phones (
  contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  number TEXT NOT NULL,
  kind TEXT NOT NULL,
  key TEXT NOT NULL,
  tail TEXT NOT NULL,
  PRIMARY KEY (contact_id, position)
);
CREATE INDEX IF NOT EXISTS contact_phones_key ON contact_phones(key);
CREATE INDEX IF NOT EXISTS contact_phones_tail ON contact_phones(tail) WHERE tail <> '';
CREATE TABLE IF NOT EXISTS number_choices (
  key TEXT PRIMARY KEY,
  contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  chosen_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS calls (
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
CREATE INDEX IF NOT EXISTS calls_start ON calls(start);
CREATE TABLE IF NOT EXISTS m365_delta_state (key TEXT PRIMARY KEY, link TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS m365_outbox (
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
  done_at TEXT
);
CREATE INDEX IF NOT EXISTS m365_outbox_due ON m365_outbox(state, next_attempt_at);
`,
  },
  {
    version: 2,
    // A sync lists, sweeps and drops contacts by folder; without this each of those scans every contact.
    name: "index contacts by source and folder",
    sql: "CREATE INDEX contacts_folder ON contacts(source, folder_id);",
  },
  {
    version: 3,
    // The pane switches Microsoft 365 sources on and off; the switch outlives restarts and wins over config.json.
    name: "Microsoft 365 source switches",
    sql: `CREATE TABLE m365_source_switches (
  key TEXT PRIMARY KEY,
  enabled INTEGER NOT NULL,
  updated_at TEXT NOT NULL
);`,
  },
  {
    version: 4,
    // A message the bridge could not understand is kept, never dropped: the pane lists it with its reason.
    name: "messages not understood",
    sql: `
CREATE TABLE not_understood (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  received_at TEXT NOT NULL,
  code TEXT NOT NULL,
  reason TEXT NOT NULL,
  raw TEXT NOT NULL
);`,
  },
  {
    version: 5,
    // Issue 15: what the user typed during a call, the SMS sent from Outlook, and missed calls dealt with.
    name: "call notes, SMS log, cleared missed calls",
    sql: `
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
  {
    version: 6,
    // Leases: two bridges (or a race at start) never work one call at once. call_id finds logged calls without
    // a row; awaiting_sign_in marks calls that wait for a sign-in, due at once when it comes back.
    name: "outbox leases, call ids and calls waiting for a sign-in",
    sql: `
ALTER TABLE m365_outbox ADD COLUMN lease_owner TEXT;
ALTER TABLE m365_outbox ADD COLUMN lease_until INTEGER NOT NULL DEFAULT 0;
ALTER TABLE m365_outbox ADD COLUMN awaiting_sign_in INTEGER NOT NULL DEFAULT 0;
ALTER TABLE m365_outbox ADD COLUMN call_id INTEGER;
UPDATE m365_outbox SET call_id = json_extract(call, '$.id');
CREATE INDEX m365_outbox_call ON m365_outbox(call_id);
`,
  },
  {
    version: 7,
    // Issue 21: this PC's copy of the office's team call log (a SharePoint list), synced by delta; rebuildable
    // from the list, so it lives with the contact index. Reports and the card read only this, never Graph.
    // start_local is the start in this PC's zone ("YYYY-MM-DD HH:MM:SS"): periods, days and hours are local.
    name: "team call log copy",
    sql: `
CREATE TABLE team_calls (
  item_id TEXT PRIMARY KEY,
  call_key TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  start TEXT NOT NULL,
  start_local TEXT NOT NULL,
  duration_seconds INTEGER NOT NULL,
  direction TEXT NOT NULL,
  answered INTEGER NOT NULL,
  number TEXT NOT NULL,
  number_key TEXT NOT NULL,
  contact_name TEXT NOT NULL DEFAULT '',
  company TEXT NOT NULL DEFAULT '',
  employee_name TEXT NOT NULL,
  employee_id TEXT NOT NULL,
  device INTEGER,
  line INTEGER,
  recording_url TEXT NOT NULL DEFAULT '',
  notes TEXT NOT NULL DEFAULT '',
  claimed_by TEXT NOT NULL DEFAULT '',
  claimed_by_id TEXT NOT NULL DEFAULT '',
  claimed_at TEXT,
  modified_at TEXT NOT NULL
);
CREATE INDEX team_calls_start ON team_calls(start_local);
CREATE INDEX team_calls_number ON team_calls(number_key, start_local);
CREATE INDEX team_calls_employee ON team_calls(employee_id, start_local);
`,
  },
  {
    version: 8,
    // Issue 25: a damaged contact index must not take the calls with it. Rows were copied to calls.db (before);
    // children first, so no foreign key fires. The file keeps only what a sync or an import can rebuild.
    name: "calls, outbox, notes, SMS log, missed-call claims and messages not understood move to calls.db",
    sql: `
DROP TABLE main.missed_calls_cleared;
DROP TABLE main.call_notes;
DROP TABLE main.m365_outbox;
DROP TABLE main.sms_log;
DROP TABLE main.not_understood;
DROP TABLE main.calls;
`,
    before: (db) => copyKeptRows(db, "main"),
  },
  {
    version: 9,
    // Whether a missed call was returned is "the first later answered call with its number key": this partial
    // index answers it from the index alone, one seek per missed call (a year's report has ~100,000 of them).
    name: "answered team calls by number",
    sql: `CREATE INDEX team_calls_answered ON team_calls(number_key, start_local)
  WHERE answered = 1 AND kind = 'call';`,
  },
];
