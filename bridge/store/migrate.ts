/** Brings a database file to the latest schema step, each step in its own transaction with its `user_version`. */
import type { SchemaStep } from "./schema.js";
import type { Database } from "./database.js";
import { one } from "./query.js";

export class SchemaTooNewError extends Error {
  constructor(
    readonly found: number,
    readonly known: number,
  ) {
    super(`the database has schema version ${found}, newer than this bridge knows (${known}): update the bridge`);
  }
}

export function schemaVersion(db: Pick<Database, "prepare">): number {
  return Number(one<{ user_version: number }>(db.prepare("PRAGMA user_version"))?.user_version ?? 0);
}

/** Applies the steps after the file's version; returns those applied. A failed step leaves the file as it was. */
export function migrate(db: Database, steps: readonly SchemaStep[]): number[] {
  const latest = steps.at(-1)?.version ?? 0;
  const found = schemaVersion(db);
  if (found > latest) throw new SchemaTooNewError(found, latest);
  if (found === latest) return [];
  const applied: number[] = [];
  for (const step of steps) {
    if (step.version === schemaVersion(db) + 1) step.before?.(db);
    db.transaction(() => {
      // Read again inside the write lock: a second bridge opening the same file waits here, then skips the step.
      if (step.version !== schemaVersion(db) + 1) return;
      db.exec(step.sql);
      db.exec(`PRAGMA user_version = ${step.version}`);
      applied.push(step.version);
    });
  }
  return applied;
}
