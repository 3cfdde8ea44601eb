/**
 * The one place that opens SQLite. better-sqlite3 is the driver; where its native addon cannot load
 * (a Windows node.exe running a Linux checkout, e.g. under Wine) Node's built-in node:sqlite stands in.
 * Callers use positional `?` parameters and numbers for booleans, which both drivers accept alike.
 * Opening brings the file to the latest schema (./schema.ts), so every module finds its tables.
 */
import { createRequire } from "node:module";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { migrate } from "./migrate.js";
import { KEPT_SCHEMA, KEPT_STEPS } from "./kept-schema.js";
import { SCHEMA_STEPS } from "./schema.js";
import type { Database, SqlValue, Statement } from "./database.js";

export type { Database, SqlValue, Statement } from "./database.js";

const require = createRequire(import.meta.url);

/** A driver's statement that can hand rows as arrays: better-sqlite3's raw(), node:sqlite's setReturnArrays(). */
interface RawStatement extends Statement {
  iterate(...params: SqlValue[]): IterableIterator<unknown>;
  raw?(on: boolean): unknown;
  setReturnArrays?(on: boolean): unknown;
}

interface RawDb {
  exec(sql: string): unknown;
  prepare(sql: string): RawStatement;
  close(): unknown;
  /** better-sqlite3 */
  readonly inTransaction?: boolean;
  /** node:sqlite */
  readonly isTransaction?: boolean;
}

/** SQLite rolls a transaction back itself on some errors (disk full, I/O): then there is nothing to roll back. */
function inTransaction(raw: RawDb): boolean {
  return raw.inTransaction ?? raw.isTransaction ?? true;
}

export function openRaw(path: string): { raw: RawDb; driver: Database["driver"] } {
  try {
    const BetterSqlite3 = require("better-sqlite3") as new (file: string) => RawDb;
    return { raw: new BetterSqlite3(path), driver: "better-sqlite3" };
  } catch (betterError) {
    // SQLite itself refused the file: the other driver would too, and the first error is the news.
    if ((betterError as { code?: string }).code?.startsWith("SQLITE_")) throw betterError;
    try {
      const { DatabaseSync } = require("node:sqlite") as { DatabaseSync: new (file: string) => RawDb };
      return { raw: new DatabaseSync(path), driver: "node:sqlite" };
    } catch {
      throw betterError;
    }
  }
}

/** The file of what cannot be rebuilt (calls, outbox, notes…) beside the contact index: bridge.db → calls.db. */
export function keptFilePath(path: string): string {
  return join(
    dirname(path),
    basename(path) === "bridge.db" ? "calls.db" : basename(path).replace(/(\.db)?$/, ".calls.db"),
  );
}

/** Brings the calls file alone to its latest schema (its steps are unqualified, so it must be `main` here). */
export function openKeptFile(path: string): Database {
  const db = connect(path);
  try {
    migrate(db, KEPT_STEPS);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/**
 * The contact index with the calls file attached as `kept`: one connection, so every query (and every module)
 * works as before with unqualified table names. A transaction is atomic within each file, which is all the bridge
 * needs: a call and its outbox row are both in calls.db.
 */
export function openDatabase(path: string): Database {
  const keptPath = keptFilePath(path);
  openKeptFile(keptPath).close();
  const db = connect(path);
  try {
    db.prepare(`ATTACH DATABASE ? AS ${KEPT_SCHEMA}`).run(keptPath);
    migrate(db, SCHEMA_STEPS);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/**
 * A store that cannot be written where it is (read-only folder or disk): SQLite cannot even read a WAL file there
 * (it needs its shared-memory file), so the bridge works on a private copy in the temp folder, removed on close.
 * Lookups work as before; writes are refused (query_only), so a call goes to the fallback journal instead of a copy
 * that is removed on close.
 */
export function openDatabaseReadOnly(path: string): Database {
  const dir = mkdtempSync(join(tmpdir(), "telefum-readonly-"));
  const copy = join(dir, basename(path));
  try {
    for (const [from, to] of [
      [path, copy],
      [keptFilePath(path), keptFilePath(copy)],
    ] as const) {
      if (!existsSync(from)) continue;
      copyFileSync(from, to);
      if (existsSync(`${from}-wal`)) copyFileSync(`${from}-wal`, `${to}-wal`);
    }
    const db = openDatabase(copy);
    db.exec("PRAGMA query_only = ON");
    return {
      ...db,
      close() {
        db.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * A connection that only reads a file as it is (a damaged store, a backup): no journal mode set, no schema
 * brought up to date, writes refused.
 */
export function connectForReading(path: string): Database {
  const opened = openRaw(path);
  opened.raw.exec("PRAGMA query_only = ON");
  return wrap(opened, path);
}

/** A connection without touching the schema (migrate() and its tests start from here). */
export function connect(path: string): Database {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const opened = openRaw(path);
  // WAL lets the add-in API read while a sync writes; busy_timeout covers a second bridge process.
  opened.raw.exec("PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON;");
  return wrap(opened, path);
}

function wrap({ raw, driver }: ReturnType<typeof openRaw>, path: string): Database {
  const cache = new Map<string, Statement>();
  // Array statements apart from the others: a driver's array mode belongs to the statement, not to one call.
  const arrays = new Map<string, { statement: RawStatement; asArrays: boolean }>();
  let depth = 0;
  return {
    path,
    driver,
    exec: (sql) => void raw.exec(sql),
    prepare(sql) {
      let statement = cache.get(sql);
      if (!statement) {
        statement = raw.prepare(sql);
        cache.set(sql, statement);
      }
      return statement;
    },
    iterateArrays(sql, ...params) {
      let entry = arrays.get(sql);
      if (!entry) {
        const statement = raw.prepare(sql);
        const mode = statement.raw ?? statement.setReturnArrays;
        mode?.call(statement, true);
        entry = { statement, asArrays: mode !== undefined };
        arrays.set(sql, entry);
      }
      const rows = entry.statement.iterate(...params);
      // A node:sqlite older than 22.16 has no array mode: its rows are turned into arrays here.
      return entry.asArrays ? (rows as IterableIterator<unknown[]>) : objectsAsArrays(rows);
    },
    transaction<T>(fn: () => T): T {
      if (depth > 0) return fn();
      raw.exec("BEGIN IMMEDIATE");
      depth++;
      try {
        const result = fn();
        raw.exec("COMMIT");
        return result;
      } catch (error) {
        // The original error is the news ("database or disk is full"); a failing rollback must not hide it.
        if (inTransaction(raw)) {
          try {
            raw.exec("ROLLBACK");
          } catch {
            // already rolled back by SQLite
          }
        }
        throw error;
      } finally {
        depth--;
      }
    },
    close: () => void raw.close(),
  };
}

function* objectsAsArrays(rows: IterableIterator<unknown>): IterableIterator<unknown[]> {
  for (const row of rows) yield Object.values(row as Record<string, unknown>);
}
