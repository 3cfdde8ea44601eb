/**
 * Every way a bridge.db reaches the latest schema: an empty file, a file as the bridge wrote it before schema
 * versions (user_version 0, tables present, rows in them), and each numbered version since. From version 7 the
 * calls, outbox and the rest that cannot be rebuilt live in calls.db: an older file is split on upgrade.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CallLog } from "../../bridge/calls/call-log.js";
import { openDirectory } from "../../bridge/directory/directory.js";
import { phoneKey } from "../../bridge/directory/phone-key.js";
import { DeltaStateStore } from "../../bridge/store/delta-state.js";
import { OutboxStore } from "../../bridge/m365/outbox/outbox-store.js";
import { migrate, schemaVersion } from "../../bridge/store/migrate.js";
import { copyKeptRows, KEPT_SCHEMA, KEPT_STEPS } from "../../bridge/store/kept-schema.js";
import { SCHEMA_STEPS } from "../../bridge/store/schema.js";
import { connect, keptFilePath, openDatabase, openKeptFile, type Database } from "../../bridge/store/sqlite.js";
import { useTempDir } from "../support/temp-dir.js";

const tempDir = useTempDir();
const LATEST = 9;
/** The step that moved the calls into calls.db. */
const SPLIT = 8;

/** The schema as released before versioning: what each module ran at start, verbatim. */
const RELEASED_V0 = `
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
`;

/** Rows a user of the released bridge has: two contacts on one number, the choice between them, a call, sync state. */
function insertReleasedRows(db: Database): void {
  const key = phoneKey("0441234567", "UA")!;
  const contact = db.prepare(
    `INSERT INTO contacts (source, external_id, folder_id, name, company, note, email, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  contact.run("outlook", "AAMkVasya", "folder-1", "Вася Петров", "Меридиан", "", "", "2026-01-01T00:00:00.000Z");
  contact.run("local", null, null, "Офіс", "", "", "", "2026-01-01T00:00:00.000Z");
  const phone = db.prepare(
    "INSERT INTO contact_phones (contact_id, position, number, kind, key, tail) VALUES (?, ?, ?, ?, ?, ?)",
  );
  phone.run(1, 0, "044 123 45 67", "work", key.key, key.tail);
  phone.run(2, 0, "0441234567", "work", key.key, key.tail);
  db.prepare("INSERT INTO number_choices (key, contact_id, chosen_at) VALUES (?, ?, ?)").run(
    key.key,
    2,
    "2026-01-02T00:00:00.000Z",
  );
  db.prepare(
    `INSERT INTO calls (number, direction, answered, start, duration_seconds, recording_path, contact_ids, received_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run("0441234567", "in", 1, "2026-01-03 10:00:00", 65, "C:\\rec\\1.wav", "1,2", "2026-01-03T08:01:05.000Z");
  db.prepare("INSERT INTO m365_delta_state (key, link, updated_at) VALUES (?, ?, ?)").run(
    "contacts:folder-1",
    "https://graph/delta?token=1",
    "2026-01-03T00:00:00.000Z",
  );
  db.prepare("INSERT INTO m365_outbox (key, call, contacts, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?)").run(
    "telefum-in-0441234567-20260103100000",
    JSON.stringify({ id: 1, number: "0441234567" }),
    "[]",
    1000,
    "2026-01-03T08:01:05.000Z",
  );
}

/** What the modules read back from those rows, through their own methods. */
function readBack(db: Database) {
  const directory = openDirectory(db, { defaultRegion: "UA" });
  return {
    lookup: directory.lookup("+380 44 123 45 67").map((c) => [c.id, c.name]),
    all: directory.lookupAll("0441234567").map((c) => [c.id, c.name, c.folderId]),
    calls: new CallLog(db).recent().map((c) => [c.number, c.direction, c.start, c.durationSeconds, c.contactIds]),
    delta: new DeltaStateStore(db).get("contacts:folder-1"),
    outbox: new OutboxStore(db).byKey("telefum-in-0441234567-20260103100000")?.call,
  };
}

const RELEASED_ROWS_READ_BACK = {
  // The remembered choice first (directory/ranking.ts), then the others: TelefUM is told every match.
  lookup: [
    ["2", "Офіс"],
    ["1", "Вася Петров"],
  ],
  all: [
    ["2", "Офіс", null],
    ["1", "Вася Петров", "folder-1"],
  ],
  calls: [["0441234567", "in", "2026-01-03 10:00:00", 65, ["1", "2"]]],
  delta: "https://graph/delta?token=1",
  outbox: { id: 1, number: "0441234567" },
};

/** Tables and indexes with their SQL: two files with equal shapes have equal schemas. */
function shape(db: Database, schema = "main"): string[] {
  const rows = db
    .prepare(`SELECT type, name, sql FROM ${schema}.sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name`)
    .all() as { type: string; name: string; sql: string }[];
  return rows.map((r) => `${r.type} ${r.name}: ${r.sql.replace(/\s+/g, " ").replace(/ IF NOT EXISTS/i, "")}`);
}

function fileAt(version: "empty" | "released" | number): string {
  const path = join(tempDir(), "bridge.db");
  const db = connect(path);
  if (version === "released") {
    db.exec(RELEASED_V0);
    insertReleasedRows(db);
  } else if (version === LATEST) {
    db.close();
    const latest = openDatabase(path);
    insertReleasedRows(latest);
    latest.close();
    return path;
  } else if (typeof version === "number") {
    // From the split on (step 8), a file at that version has its calls file beside it, attached as the bridge does.
    if (version >= SPLIT) {
      openKeptFile(keptFilePath(path)).close();
      db.prepare(`ATTACH DATABASE ? AS ${KEPT_SCHEMA}`).run(keptFilePath(path));
    }
    migrate(
      db,
      SCHEMA_STEPS.filter((step) => step.version <= version),
    );
    insertReleasedRows(db);
  }
  db.close();
  return path;
}

describe("schema versions", () => {
  it("numbers its steps 1, 2, … with nothing skipped", () => {
    expect(SCHEMA_STEPS.map((step) => step.version)).toEqual(Array.from({ length: LATEST }, (_, i) => i + 1));
  });

  it("creates every table in an empty file and marks it with the latest version", () => {
    const db = openDatabase(fileAt("empty"));
    expect(schemaVersion(db)).toBe(LATEST);
    const names = (schema: string) => shape(db, schema).map((line) => line.slice(0, line.indexOf(":")));
    expect(names("main")).toEqual([
      "index contact_phones_key",
      "index contact_phones_tail",
      "index contacts_folder",
      "index team_calls_answered",
      "index team_calls_employee",
      "index team_calls_number",
      "index team_calls_start",
      "table contact_phones",
      "table contacts",
      "table m365_delta_state",
      "table m365_source_switches",
      "table number_choices",
      "table team_calls",
    ]);
    expect(names(KEPT_SCHEMA)).toEqual([
      "index call_notes_call",
      "index call_notes_tail",
      "index calls_start",
      "index m365_outbox_call",
      "index m365_outbox_due",
      "index sms_log_tail",
      "table call_notes",
      "table calls",
      "table m365_outbox",
      "table missed_calls_cleared",
      "table not_understood",
      "table sms_log",
    ]);
    expect(readBack(db)).toEqual({ lookup: [], all: [], calls: [], delta: undefined, outbox: undefined });
    db.close();
  });

  it("adopts a file as released before versions (user_version 0): every row kept, same schema as a new file", () => {
    const path = fileAt("released");
    const before = connect(path);
    expect(schemaVersion(before)).toBe(0);
    before.close();
    const db = openDatabase(path);
    expect(schemaVersion(db)).toBe(LATEST);
    expect(readBack(db)).toEqual(RELEASED_ROWS_READ_BACK);
    const fresh = openDatabase(fileAt("empty"));
    expect(shape(db)).toEqual(shape(fresh));
    expect(shape(db, KEPT_SCHEMA)).toEqual(shape(fresh, KEPT_SCHEMA));
    fresh.close();
    db.close();
  });

  for (let version = 1; version <= LATEST; version++) {
    it(`brings a version ${version} file to the latest, rows kept`, () => {
      const path = fileAt(version);
      const before = connect(path);
      expect(schemaVersion(before)).toBe(version);
      before.close();
      const db = openDatabase(path);
      expect(schemaVersion(db)).toBe(LATEST);
      expect(readBack(db)).toEqual(RELEASED_ROWS_READ_BACK);
      db.close();
    });
  }

  it("opens a migrated file again without applying anything", () => {
    const path = fileAt("released");
    openDatabase(path).close();
    const db = connect(path);
    db.prepare(`ATTACH DATABASE ? AS ${KEPT_SCHEMA}`).run(keptFilePath(path));
    expect(migrate(db, SCHEMA_STEPS)).toEqual([]);
    expect(readBack(db)).toEqual(RELEASED_ROWS_READ_BACK);
    db.close();
  });

  it("refuses a file from a newer bridge and leaves it untouched", () => {
    const path = fileAt("empty");
    const newer = connect(path);
    newer.exec(`PRAGMA user_version = ${LATEST + 1}`);
    newer.close();
    expect(() => openDatabase(path)).toThrow(
      `the database has schema version ${LATEST + 1}, newer than this bridge knows (${LATEST}): update the bridge`,
    );
    const after = connect(path);
    expect(schemaVersion(after)).toBe(LATEST + 1);
    expect(shape(after)).toEqual([]);
    after.close();
  });

  it("rolls a failing step back whole: the file stays at the version before it", () => {
    const db = openDatabase(fileAt("empty"));
    const sql = "CREATE TABLE extra (a TEXT); INSERT INTO missing VALUES (1);";
    const broken = { version: LATEST + 1, name: "broken", sql };
    expect(() => migrate(db, [...SCHEMA_STEPS, broken])).toThrow("no such table: missing");
    expect(schemaVersion(db)).toBe(LATEST);
    expect(shape(db).some((line) => line.startsWith("table extra"))).toBe(false);
    db.close();
  });
});

describe("the split into bridge.db and calls.db", () => {
  /** Rows of each kept table in each file, read without the bridge's own attach. */
  function counts(path: string): { index: Record<string, number>; kept: Record<string, number> } {
    const read = (file: string) => {
      const db = connect(file);
      const rows = db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .all() as { name: string }[];
      const result = Object.fromEntries(
        rows.map((r) => [r.name, Number(db.prepare(`SELECT count(*) AS n FROM "${r.name}"`).get()?.n)]),
      );
      db.close();
      return result;
    };
    return { index: read(path), kept: read(keptFilePath(path)) };
  }

  for (const version of [6, 7]) {
    it(`a version ${version} file with rows: each call and outbox row moves to calls.db once, none stays`, () => {
      const path = fileAt(version);
      openDatabase(path).close();
      const { index, kept } = counts(path);
      expect(Object.keys(index).sort()).toEqual([
        "contact_phones",
        "contacts",
        "m365_delta_state",
        "m365_source_switches",
        "number_choices",
        "team_calls",
      ]);
      expect(kept).toMatchObject({ calls: 1, m365_outbox: 1, call_notes: 0, sms_log: 0, not_understood: 0 });
      const keptFile = connect(keptFilePath(path));
      expect(schemaVersion(keptFile)).toBe(KEPT_STEPS.at(-1)!.version);
      keptFile.close();
    });
  }

  for (const version of [6, 7]) {
    it(`a version ${version} file killed after the copy, before the drop: each row moves once`, () => {
      const path = fileAt(version);
      openKeptFile(keptFilePath(path)).close();
      // What a bridge killed midway leaves: the rows copied into calls.db, bridge.db still at its version with them.
      const half = connect(path);
      half.prepare(`ATTACH DATABASE ? AS ${KEPT_SCHEMA}`).run(keptFilePath(path));
      copyKeptRows(half, "main");
      half.close();
      expect(counts(path).kept.calls).toBe(1);
      expect(counts(path).index.calls).toBe(1);

      const db = openDatabase(path);
      expect(schemaVersion(db)).toBe(LATEST);
      expect(readBack(db)).toEqual(RELEASED_ROWS_READ_BACK);
      db.close();
      const { index, kept } = counts(path);
      expect(index.calls).toBeUndefined();
      expect(kept).toMatchObject({ calls: 1, m365_outbox: 1 });
    });
  }
});
