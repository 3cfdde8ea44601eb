/**
 * Delta links per collection (and the small sync state beside them), kept next to the index so a restart continues
 * incrementally. In the store so that rooms below Microsoft 365 (the team copy's reader of who signed in) read it too.
 */
import type { Database } from "./database.js";
import { all, one } from "./query.js";

export class DeltaStateStore {
  constructor(private readonly db: Database) {}

  get(key: string): string | undefined {
    const row = one<{ link: string }>(this.db.prepare("SELECT link FROM m365_delta_state WHERE key = ?"), key);
    return row?.link;
  }

  set(key: string, link: string): void {
    this.db
      .prepare(
        "INSERT INTO m365_delta_state (key, link, updated_at) VALUES (?, ?, ?) " +
          "ON CONFLICT(key) DO UPDATE SET link = excluded.link, updated_at = excluded.updated_at",
      )
      .run(key, link, new Date().toISOString());
  }

  delete(key: string): void {
    this.db.prepare("DELETE FROM m365_delta_state WHERE key = ?").run(key);
  }

  /** Keys that start with `prefix` (one source's collections, e.g. the folders of a shared mailbox). */
  keys(prefix: string): string[] {
    const rows = all<{ key: string }>(
      this.db.prepare("SELECT key FROM m365_delta_state WHERE substr(key, 1, length(?)) = ? ORDER BY key"),
      prefix,
      prefix,
    );
    return rows.map((r) => r.key);
  }

  deletePrefix(prefix: string): void {
    this.db.prepare("DELETE FROM m365_delta_state WHERE substr(key, 1, length(?)) = ?").run(prefix, prefix);
  }

  clear(): void {
    this.db.exec("DELETE FROM m365_delta_state");
  }
}
