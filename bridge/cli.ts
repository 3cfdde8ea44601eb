#!/usr/bin/env node
/**
 * `bridge` command line: start the bridge, answer a lookup, import contacts, play TelefUM against a running bridge.
 */
import { createReadStream, writeFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { manifestForPort } from "./addin-api/manifest-for-port.js";
import { openStore, startBridge, type RunningBridge } from "./app.js";
import { ConfigError } from "./config/config-checks.js";
import { loadConfig, type ConfigOverrides } from "./config/config.js";
import { buildContactReply } from "./core/contact-reply.js";
import { removeDemoContacts } from "./directory/demo-contacts.js";
import { isPackagedApp } from "./windows-app/packaged.js";
import { importContactsFile } from "./directory/import/import-file.js";
import { systemLanguage } from "./i18n/language.js";
import { rotatingLogFile, teeLines } from "./log/log-file.js";
import { createLogger, logLevelFrom, writeToStderr, type Logger } from "./log/log.js";
import { keepServingOnUncaughtErrors } from "./log/uncaught-errors.js";
import { formatMessage, parseMessage } from "./protocol/codec.js";
import { isInbound } from "./protocol/messages.js";
import { deliverToBridge, type Delivery } from "./simulator/simulate-client.js";
import { LoopbackTransport } from "./transport/loopback.js";
import { DataFolderLockedError } from "./store/data-folder-lock.js";
import { TransportError } from "./transport/transport.js";

const USAGE = `usage: bridge <command> [options]

commands:
  start                 run the bridge (TelefUM transport + local web server for the add-in)
  lookup <number>       print the exact reply TelefUM would get for CONTACT?^number^1^1^
  import <file>         import contacts from a vCard (.vcf) or CSV file
  simulate <message>    send one message as TelefUM to a running bridge (simulator transport) and print the replies
  signin                sign in to Microsoft 365 (device code; --browser for the system browser), sync, print status
  status                print the Microsoft 365 status (sign-in, sync, call outbox)
  manifest              print manifest.xml for the configured port (--port; --out FILE writes it)
  install               (Windows installer) localhost certificate trusted for this user, manifest, welcome page
  uninstall             (Windows uninstaller) stop the bridge (hwndProgr = 0), remove the certificate's trust
  --quit                (Windows) stop the running bridge and wait until it has

options:
  --home DIR            data folder (default: per-user app data; env TELEFUM_BRIDGE_HOME)
  --transport KIND      auto | win32 | simulator | stdio (default auto: win32 on Windows, simulator elsewhere)
  --encoding ENC        cp1251 | utf16le | utf8 (default cp1251)
  --region CC           default country for numbers without a country code (default UA)
  --port N              local web server port (default 3000; env TELEFUM_BRIDGE_PORT)
  --no-http             do not start the local web server
  --no-demo             do not seed demo contacts into an empty store
  --control-stdin       (start) each stdin line CALL^…^ / SENDSMS^…^ / SENDSMSSHABL^…^ is sent to TelefUM
  --device N --line N   (lookup) the phone and line to answer for (default 1, 1)
  --quiet               (start, Windows) no message box when a bridge already runs (autostart, scripts)
  --lang uk|ru|en       (install) the welcome page's language
`;

const OPTIONS = {
  home: { type: "string" },
  transport: { type: "string" },
  encoding: { type: "string" },
  region: { type: "string" },
  port: { type: "string" },
  "no-http": { type: "boolean" },
  "no-demo": { type: "boolean" },
  "control-stdin": { type: "boolean" },
  browser: { type: "boolean" },
  out: { type: "string" },
  device: { type: "string" },
  line: { type: "string" },
  quit: { type: "boolean" },
  quiet: { type: "boolean" },
  lang: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>["values"];

function overridesFrom(values: Values): ConfigOverrides {
  return {
    ...(values.home !== undefined && { dataDir: values.home }),
    ...(values.transport !== undefined && { transport: values.transport }),
    ...(values.encoding !== undefined && { encoding: values.encoding }),
    ...(values.region !== undefined && { defaultRegion: values.region }),
    ...(values.port !== undefined && { port: values.port }),
    ...(values["no-http"] && { http: false }),
    ...(values["no-demo"] && { seedDemo: false }),
  };
}

/**
 * process.stdin, or fd 0 read as a plain stream where Node cannot open stdin as a pipe: a Windows
 * node.exe under Wine fails with EBADF on a pipe Wine made from a Unix pipe, yet reads fd 0 fine.
 */
function stdinStream(): NodeJS.ReadableStream {
  try {
    return process.stdin;
  } catch {
    return createReadStream("", { fd: 0 });
  }
}

/** Reads outbound messages from stdin and sends them: lets scripts (and the Wine test) make the bridge dial. */
function controlFromStdin(
  bridge: RunningBridge,
  log: ReturnType<typeof createLogger>,
  input: NodeJS.ReadableStream,
): void {
  const reader = createInterface({ input, crlfDelay: Infinity });
  reader.on("line", (line) => {
    const text = line.trim();
    if (!text) return;
    const parsed = parseMessage(text);
    if (!parsed.ok) return log("warn", "control: rejected", { reason: parsed.error.message, text });
    if (isInbound(parsed.message)) return log("warn", "control: only messages to TelefUM can be sent", { text });
    bridge.core.send(parsed.message).then(
      (sent) => log("info", "control: sent", { text: sent }),
      (error: Error) =>
        log("error", "control: send failed", {
          reason: error.message,
          ...(error instanceof TransportError && { code: error.code }),
          text,
        }),
    );
  });
}

/** The console and <data folder>/logs/bridge.log: the installed Windows bridge has no console. */
function fileAndConsoleLogger(config: { dataDir: string }): Logger {
  return createLogger(teeLines(writeToStderr, rotatingLogFile(config.dataDir)), logLevelFrom());
}

async function start(values: Values): Promise<number> {
  const config = loadConfig(overridesFrom(values));
  const log = fileAndConsoleLogger(config);
  // On Windows: one bridge per user, --quit, the tray icon (desktop/windows-session.ts).
  const windows = process.platform === "win32" ? await import("./windows-app/windows-session.js") : undefined;
  const session = windows?.beginWindowsSession({
    log,
    language: config.language,
    quiet: !!values.quiet,
    tray: isPackagedApp(),
  });
  if (windows && !session) return 0;
  try {
    const bridge = await startBridge(config, { log });
    keepServingOnUncaughtErrors(log);
    const stdin = config.transport === "stdio" || values["control-stdin"] ? stdinStream() : undefined;
    if (values["control-stdin"] && stdin) controlFromStdin(bridge, log, stdin);
    await new Promise<void>((resolve) => {
      const shutdown = (signal: string): void => {
        log("info", "stopping", { signal });
        bridge.stop().then(resolve, resolve);
      };
      process.once("SIGINT", () => shutdown("SIGINT"));
      process.once("SIGTERM", () => shutdown("SIGTERM"));
      // A parent that closes our stdin pipe (the stdio transport's peer) means we are done.
      stdin?.once("end", () => shutdown("stdin closed"));
      session?.attach(bridge, shutdown);
    });
  } finally {
    session?.release();
  }
  return 0;
}

/** install / uninstall / --quit: what the Windows installer and uninstaller run. */
async function windowsCommand(values: Values, command: "install" | "uninstall" | "quit"): Promise<number> {
  if (process.platform !== "win32") throw new ConfigError(`${command === "quit" ? "--quit" : command} is for Windows`);
  if (command === "install") {
    const config = loadConfig(overridesFrom(values));
    const setup = await import("./windows-app/windows-install.js");
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
  if (command === "quit") return (await import("./windows-app/windows-session.js")).quitRunningBridge(log);
  return (await import("./windows-app/windows-install.js")).uninstallCommand(log);
}

function positiveInt(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) throw new ConfigError(`--${name} must be a number, got "${value}"`);
  return Number(value);
}

function lookup(values: Values, number: string | undefined): number {
  if (!number) throw new ConfigError("lookup needs a phone number: bridge lookup 0675355355");
  const device = positiveInt(values.device, "device", 1);
  const line = positiveInt(values.line, "line", 1);
  const query = parseMessage(`CONTACT?^${number}^${device}^${line}^`);
  if (!query.ok || query.message.command !== "CONTACT?")
    throw new ConfigError(query.ok ? "not a lookup" : query.error.message);
  const config = loadConfig(overridesFrom(values));
  const { db, directory } = openStore(config, { seed: true });
  try {
    process.stdout.write(`${formatMessage(buildContactReply(query.message, directory.lookup(number)).reply)}\n`);
  } finally {
    db.close();
  }
  return 0;
}

function importFile(values: Values, file: string | undefined): number {
  if (!file) throw new ConfigError("import needs a file: bridge import contacts.vcf");
  const config = loadConfig(overridesFrom(values));
  const { db, directory } = openStore(config);
  try {
    const result = importContactsFile(directory, db, file);
    process.stdout.write(`imported ${result.imported} contact(s) from ${result.file} (${result.format})\n`);
    const demo = result.imported > 0 ? removeDemoContacts(directory) : 0;
    if (demo > 0) process.stdout.write(`removed the ${demo} demo contacts\n`);
    for (const skip of result.skipped) process.stdout.write(`skipped ${skip.name || "(no name)"}: ${skip.reason}\n`);
  } finally {
    db.close();
  }
  return 0;
}

async function simulate(values: Values, text: string | undefined): Promise<number> {
  if (!text) throw new ConfigError('simulate needs a message: bridge simulate "CONTACT?^0675355355^1^1^"');
  const config = loadConfig(overridesFrom(values));
  let delivery: Delivery;
  try {
    delivery = await deliverToBridge(config.http, text);
  } catch (error) {
    const reason = (error as Error).message;
    process.stderr.write(`no bridge answers at ${config.http.origin} (${reason}); start one with: npm start\n`);
    return 1;
  }
  const { status, body } = delivery;
  if (status !== 200) {
    process.stderr.write(`bridge refused: ${body.error ?? status}\n`);
    return 1;
  }
  for (const reply of body.replies ?? []) process.stdout.write(`${reply}\n`);
  for (const problem of body.problems ?? []) process.stderr.write(`${problem}\n`);
  return body.problems?.length ? 1 : 0;
}

/**
 * One-shot Microsoft 365 commands: a bridge without transport or web server, so the token cache and the
 * first sync land in the same store the running bridge uses (it reads the cache before every token use).
 */
async function microsoft365(values: Values, action: "signin" | "status"): Promise<number> {
  const config = loadConfig({ ...overridesFrom(values), http: false });
  // No background work: a running bridge may own the sync and the call outbox right now.
  const bridge = await startBridge(config, {
    transport: new LoopbackTransport("cli"),
    log: createLogger(undefined, "warn"),
    background: false,
  });
  try {
    if (!bridge.m365.enabled) {
      throw new ConfigError(
        `Microsoft 365 is not configured: add "microsoft365": { "clientId": "<app id>" } ` +
          `to ${config.dataDir}/config.json`,
      );
    }
    if (action === "signin") {
      const { account } = values.browser
        ? await bridge.m365.signInInteractive()
        : await bridge.m365.signInWithDeviceCode((info) => process.stdout.write(`${info.message}\n`));
      process.stdout.write(`signed in as ${account}; syncing contacts…\n`);
      await bridge.m365.syncNow();
    }
    process.stdout.write(`${JSON.stringify(await bridge.m365.status(), null, 2)}\n`);
    return 0;
  } finally {
    await bridge.stop();
  }
}

/**
 * The add-in manifest with this bridge's port in every URL: sideload it instead of manifest.xml after moving the
 * port.
 */
function manifest(values: Values): number {
  const { http } = loadConfig(overridesFrom(values));
  const xml = manifestForPort(http.port);
  if (values.out) {
    writeFileSync(values.out, xml);
    process.stdout.write(`wrote ${values.out} for https://localhost:${http.port}\n`);
  } else process.stdout.write(xml);
  return 0;
}

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
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
      return microsoft365(values, "signin");
    case "status":
      return microsoft365(values, "status");
    case "manifest":
      return manifest(values);
    case "simulate":
      return simulate(values, argument);
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
  (error: Error) => {
    process.stderr.write(`${error instanceof ConfigError ? "" : "error: "}${error.message}\n`);
    const usage = error instanceof ConfigError || error instanceof TypeError || error instanceof DataFolderLockedError;
    process.exit(usage ? 2 : 1);
  },
);
