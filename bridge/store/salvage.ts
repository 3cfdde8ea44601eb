/**
 * Copies every readable row of the kept tables (calls, outbox, notes…) out of a damaged or backup file, row by
 * row by rowid, so a damaged page loses only the rows on it. Rows already in the target stay as they are: salvage
 * the damaged file first (its rows are the newest), then a backup fills only what could not be read.
 */
import { KEPT_TABLES } from "./kept-schema.js";
import { all, one } from "./query.js";
import type { Database } from "./sqlite.js";

/** Returns how many rows were copied into `into` (a connection to a calls file, as `main`). */
export function salvageKeptRows(into: Database, fromPath: string): number {
  try {
    into.prepare("ATTACH DATABASE ? AS salvage").run(fromPath);
  } catch {
    return 0; // not even a database: nothing to read
  }
  let copied = 0;
  try {
    for (const table of KEPT_TABLES) copied += salvageTable(into, table);
  } finally {
    into.exec("DETACH DATABASE salvage");
  }
  return copied;
}

function salvageTable(db: Database, table: string): number {
  let columns: string;
  try {
    const from = all<{ name: string }>(db.prepare(`PRAGMA salvage.table_info(${table})`)).map((c) => c.name);
    const to = new Set(all<{ name: string }>(db.prepare(`PRAGMA main.table_info(${table})`)).map((c) => c.name));
    columns = from
      .filter((c) => to.has(c))
      .map((c) => `"${c}"`)
      .join(", ");
  } catch {
    return 0; // the schema itself cannot be read
  }
  if (!columns) return 0;
  const last = lastRowid(db, table);
  const copy = db.prepare(
    `INSERT OR IGNORE INTO main.${table} (${columns}) SELECT ${columns} FROM salvage.${table} WHERE rowid = ?`,
  );
  let copied = 0;
  const CHUNK = 500;
  for (let start = 1; start <= last; start += CHUNK) {
    // One transaction per chunk (no fsync per row); a row on an unreadable page is skipped, not the chunk.
    db.transaction(() => {
      for (let rowid = start; rowid < start + CHUNK && rowid <= last; rowid++) {
        try {
          copied += Number(copy.run(rowid).changes);
        } catch {
          // unreadable: skipped
        }
      }
    });
  }
  return copied;
}

/** The highest rowid: the table's or AUTOINCREMENT's record, whichever is higher (the last page may be damaged). */
function lastRowid(db: Database, table: string): number {
  let last = 0;
  for (const sql of [
    `SELECT max(rowid) AS n FROM salvage.${table}`,
    "SELECT seq AS n FROM salvage.sqlite_sequence WHERE name = ?",
  ]) {
    try {
      const row = sql.includes("?") ? one<{ n: number }>(db.prepare(sql), table) : one<{ n: number }>(db.prepare(sql));
      last = Math.max(last, Number(row?.n ?? 0));
    } catch {
      // try the next way
    }
  }
  return last;
}
