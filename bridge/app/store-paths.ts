import { join } from "node:path";
import type { BridgeConfig } from "../config/config.js";

export function databasePath(config: Pick<BridgeConfig, "dataDir">): string {
  return join(config.dataDir, "bridge.db");
}

export function backupDir(config: Pick<BridgeConfig, "dataDir">): string {
  return join(config.dataDir, "backups");
}
