#!/usr/bin/env node
/**
 * `bridge` command line: parses the arguments and hands them to the command (bridge/commands/, one file each).
 * A bad setting, or a data folder another bridge holds, exits 2 with its name; any other failure exits 1.
 */
import { parseArgs } from "node:util";
import { useCodeCache } from "./app/code-cache.js";
import { OPTIONS, type Values } from "./commands/options.js";
import { USAGE } from "./commands/usage.js";
import { ConfigError } from "./config/config-checks.js";
import { readPolicies } from "./config/policy-source.js";
import { DataFolderLockedError } from "./store/data-folder-lock.js";
import { isPackagedApp } from "./windows-app/packaged.js";
import { errorMessage } from "./log/error-message.js";
import { translator } from "./i18n/i18n.js";
import { systemLanguage } from "./i18n/language.js";

export async function main(argv: string[]): Promise<number> {
  useCodeCache(); // before the command's modules load
  const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  await readPolicies(); // the administrator's policy values, for every loadConfig this command makes
  if (values.quit) return (await import("./commands/windows.js")).windowsCommand(values, "quit");
  // The installed bridge.exe, started from the Start menu or at logon, runs the bridge.
  const [command = isPackagedApp() ? "start" : undefined, argument] = positionals;
  if (values.help || !command) {
    process.stdout.write(USAGE);
    return command || values.help ? 0 : 2;
  }
  const run = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!run) {
    process.stderr.write(`unknown command "${command}"\n\n${USAGE}`);
    return 2;
  }
  return run(values, command, argument);
}

type Command = (values: Values, command: string, argument: string | undefined) => Promise<number>;

/**
 * Each command's module loads only when it runs: `start` must answer TelefUM's first call without first loading
 * Microsoft 365's sign-in, the report writer or the installer's code.
 */
const COMMANDS: Record<string, Command> = {
  start: async (values) => (await import("./commands/start.js")).start(values),
  lookup: async (values, _, argument) => (await import("./commands/lookup.js")).lookup(values, argument),
  import: async (values, _, argument) => (await import("./commands/import.js")).importFile(values, argument),
  signin: async (values) => (await import("./commands/microsoft365.js")).microsoft365(values, "signin"),
  status: async (values) => (await import("./commands/microsoft365.js")).microsoft365(values, "status"),
  manifest: async (values) => (await import("./commands/manifest.js")).manifest(values),
  simulate: async (values, _, argument) => (await import("./commands/simulate.js")).simulate(values, argument),
  report: async (values) => (await import("./commands/report.js")).report(values),
  install: async (values) => (await import("./commands/windows.js")).windowsCommand(values, "install"),
  uninstall: async (values) => (await import("./commands/windows.js")).windowsCommand(values, "uninstall"),
};

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
