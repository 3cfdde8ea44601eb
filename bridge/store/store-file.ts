/**
 * Opens the bridge's store file the way a running bridge must: whatever is wrong with it, TelefUM keeps getting
 * answers. A file that cannot be written (read-only folder or disk) is opened read-only: lookups work, writes are
 * refused, and the status says so. A damaged file (PRAGMA quick_check, or SQLite refusing it) is moved aside,
 * kept and named with the date, and replaced by the last good daily backup (store-backup.ts), or by a new file;
 * Microsoft 365 contacts then come back by a full sync. A file that cannot be opened at all names its path and why.
 */
import { copyFileSync, existsSync, renameSync } from "node:fs";
import type { Logger } from "../log/log.js";
import { latestBackup } from "./store-backup.js";
import { openDatabase, openDatabaseReadOnly, type Database } from "./sqlite.js";
import { errorMessage } from "../log/error-message.js";
import { all } from "./query.js";

export interface StoreHealth {
  path: string;
  readOnly: boolean;
  /** Why the store is read-only, or what was done to a damaged one (for the log and the pane). */
  problem?: string;
  /** Where a damaged file was moved. */
  movedAside?: string;
  restoredFrom?: string;
}

export class StoreOpenError extends Error {
  constructor(path: string, cause: string, remedy: string) {
    super(`cannot open the store ${path}: ${cause}. ${remedy}`);
    this.name = "StoreOpenError";
  }
}

const CANNOT_WRITE = /SQLITE_(CANTOPEN|READONLY|PERM|AUTH)|unable to open|readonly|read-only|EACCES|EROFS|EPERM/i;
const DAMAGED = /SQLITE_(CORRUPT|NOTADB)|malformed|not a database|file is encrypted/i;

function describe(error: unknown): string {
  const message = errorMessage(error);
  const code = (error as { code?: string } | null)?.code;
  return code && !message.includes(code) ? `${message} (${code})` : message;
}

/** "ok", or what quick_check found (first lines). */
export function quickCheck(db: Database): string {
  const rows = all<{ quick_check: string }>(db.prepare("PRAGMA quick_check(5)"));
  return rows.map((r) => r.quick_check).join("; ");
}

/**
 * `repair`: check the file and replace it when damaged; only for the bridge that holds the data folder's lock
 * (a one-shot command must not move the store from under a running bridge).
 */
export function openStoreFile(
  path: string,
  backupDir: string,
  log: Logger,
  options: { repair: boolean; now?: Date },
): { db: Database; health: StoreHealth } {
  const now = options.now ?? new Date();
  let db: Database;
  try {
    db = openDatabase(path);
  } catch (error) {
    const reason = describe(error);
    if (DAMAGED.test(reason) && options.repair) return replaceDamaged(path, backupDir, reason, log, now);
    if (!CANNOT_WRITE.test(reason)) throw new StoreOpenError(path, reason, "Move or delete the file to start afresh");
    return openReadOnly(path, reason, log);
  }
  if (!options.repair) return { db, health: { path, readOnly: false } };
  let check: string;
  try {
    check = quickCheck(db);
  } catch (error) {
    check = describe(error);
  }
  if (check === "ok") return { db, health: { path, readOnly: false } };
  db.close();
  return replaceDamaged(path, backupDir, `quick_check: ${check}`, log, now);
}

function openReadOnly(path: string, reason: string, log: Logger): { db: Database; health: StoreHealth } {
  let db: Database;
  try {
    db = openDatabaseReadOnly(path);
  } catch (error) {
    throw new StoreOpenError(
      path,
      `${reason}; read-only: ${describe(error)}`,
      "Give the bridge a folder it can write (--home or TELEFUM_BRIDGE_HOME) and check the disk",
    );
  }
  const problem =
    `the store is read-only (${reason}): lookups work; ` +
    "calls and contacts made now are kept only until the bridge stops";
  log("error", "store opened read-only", { path, reason });
  return { db, health: { path, readOnly: true, problem } };
}

function replaceDamaged(
  path: string,
  backupDir: string,
  reason: string,
  log: Logger,
  now: Date,
): { db: Database; health: StoreHealth } {
  const stamp = now.toISOString().replace(/[:.]/g, "-");
  const aside = `${path.replace(/\.db$/, "")}.damaged-${stamp}.db`;
  renameSync(path, aside);
  for (const suffix of ["-wal", "-shm"]) if (existsSync(path + suffix)) renameSync(path + suffix, aside + suffix);
  const backup = latestBackup(backupDir);
  if (backup) copyFileSync(backup, path);
  const db = openDatabase(path);
  // The backup's delta links would skip what changed since: Microsoft 365 contacts come back by a full sync.
  db.exec("DELETE FROM m365_delta_state");
  const problem =
    `the store was damaged (${reason}); it was moved to ${aside} and ` +
    (backup ? `restored from the backup ${backup}` : "a new one was started (no backup yet)");
  log("error", "damaged store replaced", {
    path,
    reason,
    movedAside: aside,
    ...(backup ? { restoredFrom: backup } : {}),
  });
  return {
    db,
    health: { path, readOnly: false, problem, movedAside: aside, ...(backup ? { restoredFrom: backup } : {}) },
  };
}
