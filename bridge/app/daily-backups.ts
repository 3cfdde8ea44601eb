import type { BridgeConfig } from "../config/config.js";
import type { Logger } from "../log/log.js";
import type { Database } from "../store/sqlite.js";
import { backupStore } from "../store/store-backup.js";
import { backupDir } from "./store-paths.js";
import { errorMessage } from "../log/error-message.js";

const DAY_MS = 86_400_000;

/** Today's backup now, then once a day; a failure is logged (the store itself is unaffected). */
export function keepBackups(db: Database, config: BridgeConfig, log: Logger): NodeJS.Timeout {
  const backup = (): void => {
    try {
      for (const file of backupStore(db, backupDir(config))) log("info", "store backed up", { file });
    } catch (error) {
      log("warn", "store backup failed", { dir: backupDir(config), reason: errorMessage(error) });
    }
  };
  backup();
  const timer = setInterval(backup, DAY_MS / 24);
  timer.unref();
  return timer;
}
