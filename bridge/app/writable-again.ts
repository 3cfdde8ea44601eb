/**
 * A store opened read-only at start (read-only folder, full disk) works on a private copy, which never takes a
 * write: without this, calls would wait in the fallback journal until the next start. While the store is read-only
 * the bridge tries every few seconds to open the real files for writing; once it can (and holds the data folder's
 * lock, so a second bridge never writes beside the first), every module goes on with that connection and the
 * journal is replayed at once.
 */
import type { BridgeConfig } from "../config/config.js";
import { errorMessage } from "../log/error-message.js";
import type { Logger } from "../log/log.js";
import { type DataFolderLock, DataFolderLockedError } from "../store/data-folder-lock.js";
import type { StoreHealth } from "../store/store-file.js";
import { openDatabase, type Database } from "../store/sqlite.js";
import { lockFolder } from "./data-folder.js";
import { databasePath } from "./store-paths.js";

/** A failed open of a read-only folder costs about a millisecond: cheap enough to try this often. */
const TRY_EVERY_MS = 2000;

export type SwappableDatabase = Database & { swap(next: Database): void };

/** The one connection every module holds: it forwards to the read-only copy until `swap` hands it the real file. */
export function swappableDatabase(first: Database): SwappableDatabase {
  let current = first;
  return {
    get path() {
      return current.path;
    },
    get driver() {
      return current.driver;
    },
    exec: (sql) => current.exec(sql),
    prepare: (sql) => current.prepare(sql),
    iterateArrays: (sql, ...params) => current.iterateArrays(sql, ...params),
    transaction: (fn) => current.transaction(fn),
    close: () => current.close(),
    swap(next) {
      const old = current;
      current = next;
      old.close();
    },
  };
}

export interface WritableAgainOptions {
  config: BridgeConfig;
  db: SwappableDatabase;
  health: StoreHealth;
  log: Logger;
  /** The store takes writes again: the data folder's lock, now held, and what else starts now. */
  onWritable(lock: DataFolderLock | undefined): void;
}

/** Starts trying; the returned function stops it (the bridge stops, or the store is writable). */
export function watchWritableAgain(options: WritableAgainOptions): () => void {
  const { config, db, health, log } = options;
  const timer = setInterval(() => {
    let lock: DataFolderLock | undefined;
    try {
      lock = lockFolder(config, () => {});
      if (!lock) return; // still read-only
      const next = openDatabase(databasePath(config));
      db.swap(next);
    } catch (error) {
      lock?.release();
      // Another bridge took the folder first: it stores; this one stays read-only, its calls in its journal slot.
      if (error instanceof DataFolderLockedError) stop();
      else log("debug", "store still read-only", { reason: errorMessage(error) });
      return;
    }
    stop();
    health.readOnly = false;
    health.words = [];
    delete health.problem;
    log("info", "store writable again", { path: health.path });
    options.onWritable(lock);
  }, TRY_EVERY_MS);
  timer.unref?.();
  const stop = (): void => clearInterval(timer);
  return stop;
}
