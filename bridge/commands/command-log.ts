import type { BridgeConfig } from "../config/config.js";
import { rotatingLogFile, teeLines } from "../log/log-file.js";
import { createLogger, writeToStderr, type Logger } from "../log/log.js";

/** The console and <data folder>/logs/bridge.log: the installed Windows bridge has no console. */
export function fileAndConsoleLogger(config: Pick<BridgeConfig, "dataDir" | "logLevel">): Logger {
  return createLogger(teeLines(writeToStderr, rotatingLogFile(config.dataDir)), config.logLevel);
}
