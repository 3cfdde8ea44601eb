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

/** Takes the data folder's lock, or throws DataFolderLockedError naming the bridge that holds it. */
export function lockDataFolder(dataDir: string): DataFolderLock {
  const lockFile = join(dataDir, "bridge.lock");
  const holderFile = join(dataDir, "bridge.lock.json");
  const { raw } = openRaw(lockFile);
  try {
    raw.exec("PRAGMA busy_timeout = 0");
    raw.exec("BEGIN EXCLUSIVE");
  } catch (error) {
    raw.close();
    if (/SQLITE_BUSY|locked/i.test(`${(error as { code?: string }).code} ${errorMessage(error)}`))
      throw new DataFolderLockedError(dataDir, describeHolder(holderFile));
    throw error;
  }
  const holder: Holder = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  writeFileSync(holderFile, `${JSON.stringify(holder)}\n`);
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      rmSync(holderFile, { force: true });
      raw.exec("ROLLBACK");
      raw.close();
    },
  };
}
