/**
 * Bulk work on the store (a sync, an import): many rows written in short transactions. During it commits do not wait
 * for fsync (synchronous NORMAL, which in WAL mode still never corrupts the file); the rows can be fetched or read
 * again, so the few last commits a power cut might lose cost nothing. Auto-checkpoint stays on: with it off, short
 * transactions grow the WAL to hundreds of MiB at 100 000 contacts, every read then searches it, and the one
 * checkpoint after blocks for long (measured: a 100k sync 11-12 s with it off, 6-9 s with it on).
 */
import type { Database } from "./database.js";
import { one } from "./query.js";

interface Saved {
  depth: number;
  synchronous: number;
}

const saved = new WeakMap<Database, Saved>();

function begin(db: Database): void {
  const outer = saved.get(db);
  if (outer) {
    outer.depth++;
    return;
  }
  const synchronous = Number(one<{ synchronous: number }>(db.prepare("PRAGMA synchronous"))?.synchronous);
  saved.set(db, { depth: 1, synchronous });
  db.exec("PRAGMA synchronous = NORMAL");
}

function end(db: Database): void {
  const state = saved.get(db)!;
  if (--state.depth > 0) return;
  saved.delete(db);
  db.exec(`PRAGMA synchronous = ${state.synchronous}`);
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

/**
 * How long one transaction of a chunked write may hold the event loop: a lookup waits at most about this. A page of
 * 1000 contacts takes a few ms to parse on the same loop anyway, so a budget below that bought no lookup latency,
 * only commits (at 2 ms: 2,612 transactions of ~38 contacts for 100k, COMMIT a quarter of the CPU).
 */
const CHUNK_BUDGET_MS = 5;

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
