/** The data folder before the store opens: private to this user, and held by one running bridge. */
import type { BridgeConfig } from "../config/config.js";
import type { Logger } from "../log/log.js";
import { DataFolderLockedError, lockDataFolder, type DataFolderLock } from "../store/data-folder-lock.js";
import { createPrivateFile, lockDownFolder } from "../store/private-files.js";
import { keptFilePath } from "../store/sqlite.js";
import { databasePath } from "./store-paths.js";
import { errorMessage } from "../log/error-message.js";

/**
 * Before anything is written: the folder and every file in it are this user's alone. A folder that cannot be
 * changed (read-only) is left as it is; the store then says what it can do there.
 */
export function makePrivate(config: BridgeConfig, log: Logger): void {
  try {
    const notPrivate = lockDownFolder(config.dataDir, config.windowsUser);
    if (notPrivate) log("warn", "data folder: not private", { reason: notPrivate });
    createPrivateFile(databasePath(config));
    createPrivateFile(keptFilePath(databasePath(config)));
  } catch (error) {
    log("warn", "data folder: cannot make it private", { dir: config.dataDir, reason: errorMessage(error) });
  }
}

/** The running bridge's lock on its data folder; none in a folder that cannot be written (the store says so). */
export function lockFolder(config: BridgeConfig, log: Logger): DataFolderLock | undefined {
  try {
    return lockDataFolder(config.dataDir);
  } catch (error) {
    if (error instanceof DataFolderLockedError) throw error;
    log("warn", "cannot lock the data folder", { dir: config.dataDir, reason: errorMessage(error) });
    return undefined;
  }
}
