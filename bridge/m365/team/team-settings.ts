/**
 * The team log's settings from the pane: read from config.json as a restart would read them, saved into it through
 * the one config writer (the other settings untouched) and applied at once: the sign-in asks for the site's
 * permission from now on, and the team room is made again with the new site, list and shareNotes.
 */
import type { TeamSettingName, TeamSettings, TeamSettingsAnswer } from "../../api-contract/team-settings-endpoints.js";
import { configFilePath, mergedConfig, readConfigFile, writeConfigFile } from "../../config/config-file.js";
import type { Logger } from "../../log/log.js";
import { parseM365Config, type M365Config } from "../config.js";
import type { TeamSwitch } from "./team-switch.js";
import { ManagedSettingError } from "../config.js";

export { ManagedSettingError };

export interface TeamSettingsDeps {
  dataDir: string;
  teams: TeamSwitch;
  /** The sign-in's scopes follow the settings (the site's permission is asked for once a site is set). */
  askFor(scopes: string[]): void;
  /** Whether a setting (by its full name, `microsoft365.team.site`) is set by policy; none is unless told. */
  managed?: (setting: string) => boolean;
  log: Logger;
}

const NAMES: readonly TeamSettingName[] = ["site", "list", "shareNotes"];
const fullName = (name: TeamSettingName): string => `microsoft365.team.${name}`;

export class TeamSettingsStore {
  constructor(private readonly deps: TeamSettingsDeps) {}

  read(): TeamSettingsAnswer {
    const { team } = this.fileConfig(readConfigFile(this.file));
    const status = this.deps.teams.status();
    return {
      site: team.site,
      list: team.list,
      shareNotes: team.shareNotes,
      managed: NAMES.filter((name) => this.deps.managed?.(fullName(name)) ?? false),
      ...(status ? { team: status } : {}),
    };
  }

  /** Refuses a change of a managed setting (ManagedSettingError); a value left as it was is no change. */
  async save(settings: TeamSettings): Promise<TeamSettingsAnswer> {
    const now = this.read();
    const locked = NAMES.find((name) => now.managed.includes(name) && now[name] !== settings[name]);
    if (locked) throw new ManagedSettingError(fullName(locked));
    // An empty site turns the team log off: the key goes, as if it had never been written.
    const values = { ...settings, site: settings.site || undefined };
    const merged = mergedConfig(this.file, { path: ["microsoft365", "team"], values });
    const config = this.fileConfig(merged);
    writeConfigFile(this.file, merged);
    this.deps.log("info", "team call log settings saved", { site: config.team.site, list: config.team.list });
    this.deps.askFor(config.scopes);
    await this.deps.teams.apply(config);
    return this.read();
  }

  private get file(): string {
    return configFilePath(this.deps.dataDir);
  }

  /** The `microsoft365` section as the bridge reads it at start (a bad value elsewhere is refused, not written). */
  private fileConfig(raw: Record<string, unknown>): M365Config {
    return parseM365Config(raw.microsoft365);
  }
}
