/**
 * The one place that opens SQLite. better-sqlite3 is the driver; where its native addon cannot load
 * (a Windows node.exe running a Linux checkout, e.g. under Wine) Node's built-in node:sqlite stands in.
 * Callers use positional `?` parameters and numbers for booleans, which both drivers accept alike.
 * Opening brings the file to the latest schema (./schema.ts), so every module finds its tables.
 */
import { createRequire } from "node:module";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { pathToFileURL } from "node:url";
import { migrate, schemaVersion } from "./migrate.js";
import { SCHEMA_STEPS } from "./schema.js";

export type SqlValue = string | number | bigint | null | Uint8Array;

export interface Statement {
  run(...params: SqlValue[]): { changes: number | bigint; lastInsertRowid: number | bigint };
  get(...params: SqlValue[]): Record<string, unknown> | undefined;
  all(...params: SqlValue[]): Record<string, unknown>[];
}

export interface Database {
  readonly path: string;
  readonly driver: "better-sqlite3" | "node:sqlite";
  exec(sql: string): void;
  prepare(sql: string): Statement;
  /** Runs fn in a transaction (nested calls join the outer one). */
  transaction<T>(fn: () => T): T;
  close(): void;
}

const require = createRequire(import.meta.url);

interface RawDb {
  exec(sql: string): unknown;
  prepare(sql: string): Statement;
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

export function openRaw(path: string, readOnly = false): { raw: RawDb; driver: Database["driver"] } {
  try {
    const BetterSqlite3 = require("better-sqlite3") as new (file: string, options?: object) => RawDb;
    return { raw: new BetterSqlite3(path, readOnly ? { readonly: true } : {}), driver: "better-sqlite3" };
  } catch (betterError) {
    if ((betterError as { code?: string }).code?.startsWith("SQLITE_")) throw betterError;
    try {
      const { DatabaseSync } = require("node:sqlite") as {
        DatabaseSync: new (file: string, options?: object) => RawDb;
      };
      return { raw: new DatabaseSync(path, readOnly ? { readOnly: true } : {}), driver: "node:sqlite" };
    } catch {
      throw betterError;
    }
  }
}

export function openDatabase(path: string): Database {
  const db = connect(path);
  try {
    migrate(db, SCHEMA_STEPS);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/**
 * The file as it is, for reading only (a read-only folder or disk): `immutable` because SQLite could not create
 * the WAL's shared-memory file there. Its schema must be the latest already.
 */
export function openDatabaseReadOnly(path: string): Database {
  const db = wrap(openRaw(`${pathToFileURL(path).href}?immutable=1`, true), path);
  const version = schemaVersion(db);
  const latest = SCHEMA_STEPS.at(-1)?.version ?? 0;
  if (version !== latest) {
    db.close();
    throw new Error(`schema version ${version}, and a read-only file cannot be brought to ${latest}`);
  }
  return db;
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
