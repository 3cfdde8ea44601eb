/**
 * One running bridge per data folder. The lock is an exclusive SQLite transaction held open on `bridge.lock`:
 * SQLite takes an OS file lock for it (fcntl on POSIX, LockFileEx on Windows), which the OS drops when the process
 * ends however it ends, so a crashed bridge never leaves a stale lock. Who holds it is written next to it.
 */
import { hostname } from "node:os";
import { join } from "node:path";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { openRaw } from "./sqlite.js";
import { errorMessage } from "../log/error-message.js";

export class DataFolderLockedError extends Error {
  constructor(dataDir: string, holder: string) {
    super(
      `another bridge is running on ${dataDir} (${holder}); stop it first, or give this one another data folder ` +
        "(--home)",
    );
    this.name = "DataFolderLockedError";
  }
}

export interface DataFolderLock {
  release(): void;
}

interface Holder {
  pid: number;
  host: string;
  since: string;
}

function describeHolder(file: string): string {
  try {
    const holder = JSON.parse(readFileSync(file, "utf8")) as Holder;
    return `pid ${holder.pid} on ${holder.host}, since ${holder.since}`;
  } catch {
    return "it has not said who it is yet";
  }
}

/**
 * The OS lock of this process on `lockFile` (the same kind as the data folder's), or undefined while another
 * process holds it; the fallback journal's slots use it too. Throws when the file cannot be opened at all.
 */
export function exclusiveFileLock(lockFile: string): DataFolderLock | undefined {
  const { raw } = openRaw(lockFile);
  try {
    raw.exec("PRAGMA busy_timeout = 0");
    raw.exec("BEGIN EXCLUSIVE");
  } catch (error) {
    raw.close();
    if (/SQLITE_BUSY|locked/i.test(`${(error as { code?: string }).code} ${errorMessage(error)}`)) return undefined;
    throw error;
  }
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      raw.exec("ROLLBACK");
      raw.close();
    },
  };
}

/** Takes the data folder's lock, or throws DataFolderLockedError naming the bridge that holds it. */
export function lockDataFolder(dataDir: string): DataFolderLock {
  const holderFile = join(dataDir, "bridge.lock.json");
  const lock = exclusiveFileLock(join(dataDir, "bridge.lock"));
  if (!lock) throw new DataFolderLockedError(dataDir, describeHolder(holderFile));
  const holder: Holder = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  writeFileSync(holderFile, `${JSON.stringify(holder)}\n`);
  return {
    release() {
      rmSync(holderFile, { force: true });
      lock.release();
    },
  };
}
