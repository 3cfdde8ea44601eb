/** install / uninstall / --quit: what the Windows installer and uninstaller run. */
import { ConfigError } from "../config/config-checks.js";
import { defaultDataDir, loadConfig } from "../config/config.js";
import { INSTALL_OPTIONS, type InstallOption, saveInstallSettings } from "../config/settings-file.js";
import { systemLanguage } from "../i18n/language.js";
import { createLogger, type Logger } from "../log/log.js";
import { fileAndConsoleLogger } from "./command-log.js";
import { overridesFrom, type Values } from "./options.js";

export async function windowsCommand(values: Values, command: "install" | "uninstall" | "quit"): Promise<number> {
  if (process.platform !== "win32") throw new ConfigError(`${command === "quit" ? "--quit" : command} is for Windows`);
  if (command === "install") {
    // The installer's /CLIENTID=, /TENANT=, … go into config.json before the settings are read.
    const given = Object.keys(INSTALL_OPTIONS).map((option) => [option, values[option as InstallOption]]);
    saveInstallSettings(overridesFrom(values).dataDir ?? defaultDataDir(), Object.fromEntries(given));
    const config = loadConfig(overridesFrom(values));
    const setup = await import("../windows-app/windows-install.js");
    return setup.installCommand(
      config,
      values.lang ? systemLanguage(values.lang) : config.language,
      fileAndConsoleLogger(config),
    );
  }
  // Stopping must work even with a broken config.json: the settings only say where the log goes.
  let log: Logger;
  try {
    log = fileAndConsoleLogger(loadConfig(overridesFrom(values)));
  } catch {
    log = createLogger();
  }
  if (command === "quit") return (await import("../windows-app/windows-session.js")).quitRunningBridge(log);
  return (await import("../windows-app/windows-install.js")).uninstallCommand(log);
}
