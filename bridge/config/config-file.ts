/**
 * The one writer of the user's config.json: a setting changed at run time (the pane's team log settings) is merged
 * into the file as it is now, so every other setting, and any key this version does not know, stays as written.
 * The new file is written beside it and renamed over it: a crash leaves the old file or the new one, never half.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { errorMessage } from "../log/error-message.js";
import { PRIVATE_FILE_MODE } from "../store/private-files.js";
import { ConfigError } from "./config-checks.js";
import { isRecord } from "./is-record.js";

/** A change: at `path` (section names, then the key), each of `values` set; the keys beside them are kept. */
export interface ConfigChange {
  path: readonly string[];
  values: Record<string, unknown>;
}

export const configFilePath = (dataDir: string): string => join(dataDir, "config.json");

/** config.json as written (an absent file is `{}`); a file that is not a JSON object is refused, never replaced. */
export function readConfigFile(file: string): Record<string, unknown> {
  if (!existsSync(file)) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new ConfigError({ key: "config.fileNotJson", params: { file, detail: errorMessage(error) } });
  }
  if (!isRecord(parsed)) throw new ConfigError({ key: "config.fileNotObject", params: { file } });
  return parsed;
}

/** The file's content with `change` merged in (nothing written): the caller checks it before `writeConfigFile`. */
export function mergedConfig(file: string, change: ConfigChange): Record<string, unknown> {
  const root = readConfigFile(file);
  let section = root;
  for (const name of change.path) {
    const inner = section[name];
    // A section written as something else (null, say) would lose nothing worth keeping by becoming an object.
    section[name] = isRecord(inner) ? { ...inner } : {};
    section = section[name] as Record<string, unknown>;
  }
  Object.assign(section, change.values);
  return root;
}

/** Writes the whole settings object atomically (temp file, then rename), private to the user. */
export function writeConfigFile(file: string, settings: Record<string, unknown>): void {
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(settings, null, 2)}\n`, { mode: PRIVATE_FILE_MODE });
  renameSync(temp, file);
}
