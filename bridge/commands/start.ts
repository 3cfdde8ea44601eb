/** `bridge start`: runs the bridge until a signal, a closed stdin (stdio transport) or the tray says stop. */
import { startBridge } from "../app.js";
import { loadConfig } from "../config/config.js";
import { translator } from "../i18n/i18n.js";
import { isPackagedApp } from "../windows-app/packaged.js";
import { fileAndConsoleLogger } from "./command-log.js";
import { controlFromStdin, stdinStream } from "./control-stdin.js";
import { overridesFrom, type Values } from "./options.js";
import { keepServingOnUncaughtErrors } from "../log/uncaught-errors.js";

export async function start(values: Values): Promise<number> {
  const config = loadConfig(overridesFrom(values));
  const log = fileAndConsoleLogger(config);
  // On Windows: one bridge per user, --quit, the tray icon (windows-app/windows-session.ts).
  const windows = process.platform === "win32" ? await import("../windows-app/windows-session.js") : undefined;
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
    // The signals are ours before anything is said: whoever reads the line below may stop us at once.
    const stopped = new Promise<void>((resolve) => {
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
    // A person who started the bridge by hand reads where to play TelefUM plainly, not inside a JSON log line
    // (stdout is free: the simulator is mounted only on the loopback transport, never with stdio's pipe).
    const simulatorUrl = bridge.http?.simulatorUrl;
    if (simulatorUrl)
      process.stdout.write(`${translator(config.language).t("simulator.openAt", { url: simulatorUrl })}\n`);
    await stopped;
  } finally {
    session?.release();
  }
  return 0;
}
