/** The pane's on/off switch per source, kept in the store: it outlives restarts and wins over config.json. */
import type { Database } from "../../store/sqlite.js";
import { one } from "../../store/query.js";

export class SourceSwitches {
  constructor(private readonly db: Database) {}

  get(key: string): boolean | undefined {
    const row = one<{ enabled: number }>(
      this.db.prepare("SELECT enabled FROM m365_source_switches WHERE key = ?"),
      key,
    );
    return row === undefined ? undefined : row.enabled === 1;
  }

  set(key: string, enabled: boolean): void {
    this.db
      .prepare(
        `INSERT INTO m365_source_switches (key, enabled, updated_at) VALUES (?, ?, ?)
         ON CONFLICT(key) DO UPDATE SET enabled = excluded.enabled, updated_at = excluded.updated_at`,
      )
      .run(key, enabled ? 1 : 0, new Date().toISOString());
  }
}
