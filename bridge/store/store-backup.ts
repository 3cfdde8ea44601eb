/**
 * A daily copy of the store (`VACUUM INTO`, a consistent snapshot while the bridge runs), the last few kept:
 * local contacts and the call log come back from it when the store file is damaged (store-file.ts).
 */
import { existsSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { createPrivateFile, PRIVATE_DIR_MODE } from "./private-files.js";
import { join } from "node:path";
import type { Database } from "./sqlite.js";

const NAME = /^bridge-(\d{4}-\d{2}-\d{2})\.db$/;
export const BACKUPS_KEPT = 7;

function backups(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => NAME.test(name))
    .sort();
}

export function latestBackup(dir: string): string | undefined {
  const last = backups(dir).at(-1);
  return last ? join(dir, last) : undefined;
}

/** Writes today's backup unless there is one; drops all but the newest `BACKUPS_KEPT`. Returns the new file. */
export function backupStore(db: Database, dir: string, now = new Date()): string | undefined {
  // As private as the store it copies (private-files.ts): the folder 0700, the file made 0600 before SQLite fills it.
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  const day = now.toISOString().slice(0, 10);
  const file = join(dir, `bridge-${day}.db`);
  if (existsSync(file)) return undefined;
  createPrivateFile(file);
  db.prepare("VACUUM INTO ?").run(file);
  for (const old of backups(dir).slice(0, -BACKUPS_KEPT)) rmSync(join(dir, old), { force: true });
  return file;
}
