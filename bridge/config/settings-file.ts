/**
 * Settings written into config.json by the installer (`Setup.exe /S /CLIENTID=… /TENANT=… /TEAMSITE=… /LANG=…`
 * through `bridge install`): merged into what the file holds, never overwriting its other settings, and written
 * whole (a temporary file renamed over it), so a failed write leaves the old file. The policy keys still decide
 * over what is written here, as over anything in config.json.
 */
import { mkdirSync } from "node:fs";
import { PRIVATE_DIR_MODE } from "../store/private-files.js";
import { configFilePath, readConfigFile, writeConfigFile } from "./config-file.js";
import { layOver, type PolicyValues } from "./policies.js";

/** The `bridge install` options the installer passes, by the policy value each one sets. */
export const INSTALL_OPTIONS = {
  "client-id": "ClientId",
  tenant: "Tenant",
  "team-site": "TeamSite",
  "team-list": "TeamList",
  language: "Language",
} as const;
export type InstallOption = keyof typeof INSTALL_OPTIONS;

/**
 * Merges the given options into `dataDir/config.json`; answers the settings written (none given: the file is not
 * touched). A bad value or an unreadable file is refused before anything is written.
 */
export function saveInstallSettings(dataDir: string, options: Partial<Record<InstallOption, string>>): string[] {
  const values: Record<string, string> = {};
  const optionOf: Record<string, string> = {};
  for (const [option, name] of Object.entries(INSTALL_OPTIONS)) {
    const value = options[option as InstallOption];
    if (value === undefined) continue;
    values[name] = value;
    optionOf[name] = `--${option}`;
  }
  if (Object.keys(values).length === 0) return [];
  const path = configFilePath(dataDir);
  const raw = readConfigFile(path);
  const written = layOver(raw, values as PolicyValues, (name) => optionOf[name] ?? name);
  mkdirSync(dataDir, { recursive: true, mode: PRIVATE_DIR_MODE });
  writeConfigFile(path, raw);
  return written;
}
