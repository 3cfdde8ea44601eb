/**
 * Opens the bridge's two store files the way a running bridge must: whatever is wrong with them, TelefUM keeps
 * getting answers and no call is thrown away. Each file is checked on its own (PRAGMA quick_check):
 * - a damaged contact index (bridge.db) is moved aside, named with the date, and replaced by its last daily backup
 *   or a new file (Microsoft 365 contacts come back by a full sync); calls.db is not touched;
 * - a damaged calls.db is moved aside too, and a new one gets every row that can still be read from it, row by row,
 *   then whatever its last backup adds (salvage.ts).
 * A file that cannot be written (read-only folder, full disk) is opened read-only: lookups work, calls wait in the
 * fallback journal (calls/call-journal.ts). What happened is said as catalog words, in the user's language.
 */
import { copyFileSync, existsSync, renameSync, statfsSync, statSync } from "node:fs";
import { dirname } from "node:path";
import { errorMessage } from "../log/error-message.js";
import type { Logger } from "../log/log.js";
import { createPrivateFile } from "./private-files.js";
import { all } from "./query.js";
import { salvageKeptRows } from "./salvage.js";
import { latestBackup } from "./store-backup.js";
import { connect, keptFilePath, openDatabase, openDatabaseReadOnly, openKeptFile, type Database } from "./sqlite.js";

/** What the pane, the tray and the log say about the store: a `store.*` catalog key with its values. */
export interface StoreWords {
  key: string;
  params: Record<string, string | number>;
}

export interface StoreHealth {
  path: string;
  readOnly: boolean;
  /** What is wrong or what was done, in words for the catalogs (several: both files may have been damaged). */
  words: StoreWords[];
  /** The same in the user's language (app.ts fills it from `words`). */
  problem?: string;
}

export class StoreOpenError extends Error {
  constructor(path: string, cause: string, remedy: string) {
    super(`cannot open the store ${path}: ${cause}. ${remedy}`);
    this.name = "StoreOpenError";
  }
}

const CANNOT_WRITE = /SQLITE_(CANTOPEN|READONLY|PERM|AUTH)|unable to open|readonly|read-only|EACCES|EROFS|EPERM/i;
const FULL = /SQLITE_FULL|SQLITE_IOERR_SHMSIZE|disk is full|ENOSPC/i;
const DAMAGED = /SQLITE_(CORRUPT|NOTADB)|malformed|not a database|file is encrypted/i;
/** Room the store needs to run: the WAL up to its checkpoint (1,000 pages), its shared memory, a margin. */
export const ROOM_NEEDED_BYTES = 16 * 1024 * 1024;

function describe(error: unknown): string {
  const message = errorMessage(error);
  const code = (error as { code?: string } | null)?.code;
  return code && !message.includes(code) ? `${message} (${code})` : message;
}

/** "ok", or what quick_check found (first lines). */
export function quickCheck(db: Database, schema = "main"): string {
  const rows = all<{ quick_check: string }>(db.prepare(`PRAGMA ${schema}.quick_check(5)`));
  return rows.map((r) => r.quick_check).join("; ");
}

/**
 * `repair`: check the files and replace a damaged one; only for the bridge that holds the data folder's lock
 * (a one-shot command must not move the store from under a running bridge).
 */
export function openStoreFile(
  path: string,
  backupDir: string,
  log: Logger,
  options: { repair: boolean; now?: Date },
): { db: Database; health: StoreHealth } {
  const now = options.now ?? new Date();
  const words: StoreWords[] = [];
  let resync = false;
  let db: Database;
  try {
    if (options.repair) {
      const kept = keptFilePath(path);
      const keptDamage = damage(kept);
      if (keptDamage) words.push(rebuildKept(kept, backupDir, keptDamage, log, now));
      const indexDamage = damage(path);
      if (indexDamage) words.push(replaceIndex(path, backupDir, indexDamage, log, now));
      resync = indexDamage !== undefined;
    }
    db = openDatabase(path);
  } catch (error) {
    const reason = describe(error);
    if (FULL.test(reason)) return openReadOnly(path, reason, fullDisk(path), log, words);
    if (CANNOT_WRITE.test(reason)) return openReadOnly(path, reason, { key: "store.readOnly", params: {} }, log, words);
    throw new StoreOpenError(
      path,
      reason,
      "Keep the file: give the bridge a folder it can write (--home or TELEFUM_BRIDGE_HOME), check the disk, " +
        "or restore the file from the backups folder",
    );
  }
  // The backup's delta links would skip what changed since: Microsoft 365 contacts come back by a full sync.
  if (resync) db.exec("DELETE FROM m365_delta_state");
  return { db, health: { path, readOnly: false, words } };
}

/** Why a file must be replaced, or undefined when it is sound (or cannot be told: opening it will say). */
function damage(file: string): string | undefined {
  if (!existsSync(file)) return undefined;
  let db: Database | undefined;
  try {
    db = connect(file);
    const check = quickCheck(db);
    return check === "ok" ? undefined : `quick_check: ${check}`;
  } catch (error) {
    const reason = describe(error);
    if (DAMAGED.test(reason)) return reason;
    throw error;
  } finally {
    db?.close();
  }
}

function moveAside(file: string, now: Date): string {
  const stamp = now.toISOString().replace(/[:.]/g, "-");
  const aside = `${file.replace(/\.db$/, "")}.damaged-${stamp}.db`;
  renameSync(file, aside);
  for (const suffix of ["-wal", "-shm"]) if (existsSync(file + suffix)) renameSync(file + suffix, aside + suffix);
  return aside;
}

/** A new calls.db with every readable row of the damaged one, then what its last backup adds. */
function rebuildKept(kept: string, backupDir: string, reason: string, log: Logger, now: Date): StoreWords {
  const aside = moveAside(kept, now);
  createPrivateFile(kept);
  const db = openKeptFile(kept);
  const backup = latestBackup(backupDir, "calls");
  let salvaged: number;
  let fromBackup = 0;
  try {
    salvaged = salvageKeptRows(db, aside);
    if (backup) fromBackup = salvageKeptRows(db, backup);
  } finally {
    db.close();
  }
  log("error", "damaged calls file rebuilt", {
    path: kept,
    reason,
    movedAside: aside,
    salvaged,
    ...(backup ? { restoredFrom: backup, fromBackup } : {}),
  });
  return { key: "store.callsRebuilt", params: { path: kept, aside, salvaged, fromBackup } };
}

/**
 * The contact index replaced by its last backup (or a new file). A file from before the split still holds calls:
 * every readable one goes to calls.db first.
 */
function replaceIndex(path: string, backupDir: string, reason: string, log: Logger, now: Date): StoreWords {
  const aside = moveAside(path, now);
  const kept = openKeptFile(keptFilePath(path));
  let salvaged: number;
  try {
    salvaged = salvageKeptRows(kept, aside);
  } finally {
    kept.close();
  }
  const backup = latestBackup(backupDir, "bridge");
  if (backup) copyFileSync(backup, path);
  else createPrivateFile(path);
  log("error", "damaged store replaced", {
    path,
    reason,
    movedAside: aside,
    ...(backup ? { restoredFrom: backup } : {}),
    ...(salvaged > 0 ? { salvagedCalls: salvaged } : {}),
  });
  return {
    key: backup ? "store.indexRestored" : "store.indexNew",
    params: { path, aside, ...(backup ? { backup } : {}) },
  };
}

/** What is full and how much room the store needs there (statfs: the free space an ordinary user may use). */
function fullDisk(path: string): StoreWords {
  let free = 0;
  try {
    const stats = statfsSync(dirname(path));
    free = stats.bavail * stats.bsize;
  } catch {
    // unknown: say what is needed in full
  }
  let size = 0;
  for (const file of [path, keptFilePath(path)]) if (existsSync(file)) size += statSync(file).size;
  return {
    key: "store.diskFull",
    params: {
      folder: dirname(path),
      freeMb: mb(free),
      neededMb: mb(Math.max(ROOM_NEEDED_BYTES - free, 1)),
      storeMb: mb(size),
    },
  };
}

function mb(bytes: number): number {
  return Math.ceil(bytes / (1024 * 1024));
}

function openReadOnly(
  path: string,
  reason: string,
  why: StoreWords,
  log: Logger,
  words: StoreWords[],
): { db: Database; health: StoreHealth } {
  let db: Database;
  try {
    db = openDatabaseReadOnly(path);
  } catch (error) {
    throw new StoreOpenError(
      path,
      `${reason}; read-only: ${describe(error)}`,
      "Keep the file: give the bridge a folder it can write (--home or TELEFUM_BRIDGE_HOME) and check the disk",
    );
  }
  log("error", "store opened read-only", { path, reason, ...why.params });
  return { db, health: { path, readOnly: true, words: [...words, why] } };
}
