import { CallLog } from "../calls/call-log.js";
import type { BridgeConfig } from "../config/config.js";
import { seedDemoContacts } from "../directory/demo-contacts.js";
import { openDirectory, type Directory } from "../directory/directory.js";
import { translator } from "../i18n/i18n.js";
import { createLogger, type Logger } from "../log/log.js";
import { openStoreFile, type StoreHealth } from "../store/store-file.js";
import type { Database } from "../store/sqlite.js";
import { makePrivate } from "./data-folder.js";
import { backupDir, databasePath } from "./store-paths.js";
import { type SwappableDatabase, swappableDatabase } from "./writable-again.js";

/**
 * Opens the store with every table the bridge uses (read-only when it cannot be written; with `repair`, checked
 * and replaced from the last backup when damaged); the CLI's one-shot commands share it. `seed` fills an empty
 * store with the demo contacts (when the config allows), so `lookup` answers as `start` would.
 */
export function openStore(
  config: BridgeConfig,
  options: { seed?: boolean; log?: Logger; repair?: boolean } = {},
): { db: Database; directory: Directory; callLog: CallLog; health: StoreHealth; reopenable?: SwappableDatabase } {
  const log = options.log ?? createLogger(undefined, "warn");
  const repair = options.repair ?? false;
  makePrivate(config, log);
  const file = openStoreFile(databasePath(config), backupDir(config), log, { repair });
  const health = file.health;
  // A read-only store may become writable while the bridge runs (app/writable-again.ts swaps the connection).
  const reopenable = health.readOnly ? swappableDatabase(file.db) : undefined;
  const db = reopenable ?? file.db;
  // The store says what happened as catalog words; the log and the pane read them in the bridge's language.
  const tr = translator(config.language);
  if (health.words.length > 0) health.problem = health.words.map((w) => tr.t(w.key, w.params)).join(" ");
  const directory = openDirectory(db, { defaultRegion: config.defaultRegion, language: config.language });
  if (options.seed && config.seedDemo && !health.readOnly) {
    const seeded = seedDemoContacts(directory);
    if (seeded > 0) options.log?.("info", "seeded demo contacts", { count: seeded });
  }
  return { db, directory, callLog: new CallLog(db), health, ...(reopenable ? { reopenable } : {}) };
}
