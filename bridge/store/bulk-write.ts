/**
 * Bulk work on the store (a sync, an import): many rows written in short transactions. During it the WAL is not
 * checkpointed after every commit (auto-checkpoint off) and commits do not wait for fsync (synchronous NORMAL,
 * which in WAL mode still never corrupts the file); one checkpoint follows. The rows can be fetched or read again,
 * so the few last commits a power cut might lose cost nothing.
 */
import type { Database } from "./database.js";

interface Saved {
  depth: number;
  synchronous: number;
  autocheckpoint: number;
}

const saved = new WeakMap<Database, Saved>();

function pragma(db: Database, name: string): number {
  return Number(Object.values(db.prepare(`PRAGMA ${name}`).get() ?? {})[0]);
}

function begin(db: Database): void {
  const outer = saved.get(db);
  if (outer) {
    outer.depth++;
    return;
  }
  saved.set(db, { depth: 1, synchronous: pragma(db, "synchronous"), autocheckpoint: pragma(db, "wal_autocheckpoint") });
  db.exec("PRAGMA wal_autocheckpoint = 0; PRAGMA synchronous = NORMAL;");
}

function end(db: Database): void {
  const state = saved.get(db)!;
  if (--state.depth > 0) return;
  saved.delete(db);
  // The settings as they were, then the one checkpoint the bulk work skipped (PASSIVE: never waits on a reader).
  db.exec(
    `PRAGMA synchronous = ${state.synchronous}; PRAGMA wal_autocheckpoint = ${state.autocheckpoint};` +
      " PRAGMA wal_checkpoint(PASSIVE);",
  );
}

/** Runs `work` (sync or async) as bulk work; nested calls join the outer one. */
export function bulkWrite<T>(db: Database, work: () => T): T {
  begin(db);
  let result: T;
  try {
    result = work();
  } catch (error) {
    end(db);
    throw error;
  }
  if (result instanceof Promise) return result.finally(() => end(db)) as T;
  end(db);
  return result;
}

/** How long one transaction of a chunked write may hold the event loop: a lookup waits at most about this. */
const CHUNK_BUDGET_MS = 2;

/**
 * Writes `items` in transactions of about CHUNK_BUDGET_MS each and lets the event loop run between them, so
 * TelefUM's lookups are answered while thousands of rows go in.
 */
export async function writeInChunks<T>(db: Database, items: readonly T[], write: (item: T) => void): Promise<void> {
  let next = 0;
  while (next < items.length) {
    const started = performance.now();
    db.transaction(() => {
      do write(items[next++]!);
      while (next < items.length && performance.now() - started < CHUNK_BUDGET_MS);
    });
    if (next < items.length) await new Promise((resolve) => setImmediate(resolve));
  }
}
