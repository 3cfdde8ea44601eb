/**
 * A daily copy of each store file (`VACUUM INTO`, a consistent snapshot while the bridge runs), the last few kept:
 * `bridge-DAY.db` (the contact index: local contacts) and `calls-DAY.db` (the calls file). A damaged file is
 * rebuilt from its own backups (store-file.ts), never from the other's.
 */
import { existsSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { createPrivateFile, PRIVATE_DIR_MODE } from "./private-files.js";
import { join } from "node:path";
import { KEPT_SCHEMA } from "./kept-schema.js";
import type { Database } from "./sqlite.js";

export type BackupKind = "bridge" | "calls";
export const BACKUPS_KEPT = 7;

const SCHEMA_OF: Record<BackupKind, string> = { bridge: "main", calls: KEPT_SCHEMA };

function backups(dir: string, kind: BackupKind): string[] {
  if (!existsSync(dir)) return [];
  const name = new RegExp(`^${kind}-(\\d{4}-\\d{2}-\\d{2})\\.db$`);
  return readdirSync(dir)
    .filter((file) => name.test(file))
    .sort();
}

export function latestBackup(dir: string, kind: BackupKind = "bridge"): string | undefined {
  const last = backups(dir, kind).at(-1);
  return last ? join(dir, last) : undefined;
}

/** Writes today's backup of each file unless there is one; drops all but the newest `BACKUPS_KEPT`. */
export function backupStore(db: Database, dir: string, now = new Date()): string[] {
  // As private as the store it copies (private-files.ts): the folder 0700, the file made 0600 before SQLite fills it.
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  const day = now.toISOString().slice(0, 10);
  const written: string[] = [];
  for (const kind of ["bridge", "calls"] as const) {
    const file = join(dir, `${kind}-${day}.db`);
    if (existsSync(file)) continue;
    createPrivateFile(file);
    try {
      db.prepare(`VACUUM ${SCHEMA_OF[kind]} INTO ?`).run(file);
    } catch (error) {
      // An empty file named as a backup would be restored as one.
      rmSync(file, { force: true });
      throw error;
    }
    for (const old of backups(dir, kind).slice(0, -BACKUPS_KEPT)) rmSync(join(dir, old), { force: true });
    written.push(file);
  }
  return written;
}
