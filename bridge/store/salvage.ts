/**
 * Copies every readable row of the kept tables (calls, outbox, notes…) out of a damaged or backup file, row by
 * row by rowid, so a damaged page loses only the rows on it. Rows already in the target stay as they are: salvage
 * the damaged file first (its rows are the newest), then a backup fills only what could not be read.
 * The source is read on a connection of its own and never attached to the target: a write transaction takes a
 * lock on every attached file, and SQLite refuses to begin one on a damaged file (SQLITE_CORRUPT).
 */
import { KEPT_TABLES } from "./kept-schema.js";
import { all, one } from "./query.js";
import { connectForReading, type Database, type SqlValue } from "./sqlite.js";

/** Rows per write transaction: no fsync per row, and a short lock. */
const CHUNK = 500;

/** Returns how many rows were copied into `into` (a connection to a calls file, as `main`). */
export function salvageKeptRows(into: Database, fromPath: string): number {
  let from: Database;
  try {
    from = connectForReading(fromPath);
  } catch {
    return 0; // not even a database: nothing to read
  }
  let copied = 0;
  try {
    for (const table of KEPT_TABLES) copied += salvageTable(into, from, table);
  } finally {
    from.close();
  }
  return copied;
}

function columnsOf(db: Database, table: string): string[] {
  return all<{ name: string }>(db.prepare(`PRAGMA table_info(${table})`)).map((c) => c.name);
}

function salvageTable(into: Database, from: Database, table: string): number {
  let columns: string[];
  try {
    const target = new Set(columnsOf(into, table));
    columns = columnsOf(from, table).filter((c) => target.has(c));
  } catch {
    return 0; // the schema itself cannot be read
  }
  if (columns.length === 0) return 0;
  const list = columns.map((c) => `"${c}"`).join(", ");
  const read = from.prepare(`SELECT ${list} FROM ${table} WHERE rowid = ?`);
  const write = into.prepare(`INSERT OR IGNORE INTO ${table} (${list}) VALUES (${columns.map(() => "?").join(", ")})`);
  const last = lastRowid(from, table);
  let copied = 0;
  for (let start = 1; start <= last; start += CHUNK) {
    into.transaction(() => {
      for (let rowid = start; rowid < start + CHUNK && rowid <= last; rowid++) {
        let row: Record<string, SqlValue> | undefined;
        try {
          row = one<Record<string, SqlValue>>(read, rowid);
        } catch {
          continue; // on an unreadable page: skipped, not the chunk
        }
        if (row) copied += Number(write.run(...columns.map((c) => row[c] ?? null)).changes);
      }
    });
  }
  return copied;
}

/** The highest rowid: the table's or AUTOINCREMENT's record, whichever is higher (the last page may be damaged). */
function lastRowid(db: Database, table: string): number {
  let last = 0;
  for (const [sql, params] of [
    [`SELECT max(rowid) AS n FROM ${table}`, []],
    ["SELECT seq AS n FROM sqlite_sequence WHERE name = ?", [table]],
  ] as const) {
    try {
      last = Math.max(last, Number(one<{ n: number | null }>(db.prepare(sql), ...params)?.n ?? 0));
    } catch {
      // try the next way
    }
  }
  return last;
}
