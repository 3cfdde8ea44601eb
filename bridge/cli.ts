#!/usr/bin/env node
/**
 * `bridge` command line: parses the arguments and hands them to the command (bridge/commands/, one file each).
 * A bad setting, or a data folder another bridge holds, exits 2 with its name; any other failure exits 1.
 */
import { parseArgs } from "node:util";
import { importFile } from "./commands/import.js";
import { lookup } from "./commands/lookup.js";
import { manifest } from "./commands/manifest.js";
import { microsoft365 } from "./commands/microsoft365.js";
import { OPTIONS } from "./commands/options.js";
import { report } from "./commands/report.js";
import { simulate } from "./commands/simulate.js";
import { start } from "./commands/start.js";
import { USAGE } from "./commands/usage.js";
import { windowsCommand } from "./commands/windows.js";
import { ConfigError } from "./config/config-checks.js";
import { readPolicies } from "./config/policy-source.js";
import { DataFolderLockedError } from "./store/data-folder-lock.js";
import { isPackagedApp } from "./windows-app/packaged.js";
import { errorMessage } from "./log/error-message.js";
import { translator } from "./i18n/i18n.js";
import { systemLanguage } from "./i18n/language.js";

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  await readPolicies(); // the administrator's policy values, for every loadConfig this command makes
  if (values.quit) return windowsCommand(values, "quit");
  // The installed bridge.exe, started from the Start menu or at logon, runs the bridge.
  const [command = isPackagedApp() ? "start" : undefined, argument] = positionals;
  if (values.help || !command) {
    process.stdout.write(USAGE);
    return command || values.help ? 0 : 2;
  }
  switch (command) {
    case "start":
      return start(values);
    case "lookup":
      return lookup(values, argument);
    case "import":
      return importFile(values, argument);
    case "signin":
    case "status":
      return microsoft365(values, command);
    case "manifest":
      return manifest(values);
    case "simulate":
      return simulate(values, argument);
    case "report":
      return report(values);
    case "install":
    case "uninstall":
      return windowsCommand(values, command);
    default:
      process.stderr.write(`unknown command "${command}"\n\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    // A bad setting is told in the bridge's language, every one of them (config.ts); anything else as it is.
    const told = error instanceof ConfigError ? error.text(translator(error.language ?? systemLanguage())) : undefined;
    process.stderr.write(`${told ?? `error: ${errorMessage(error)}`}\n`);
    const usage = error instanceof ConfigError || error instanceof TypeError || error instanceof DataFolderLockedError;
    process.exit(usage ? 2 : 1);
  },
);
