/** One JSON line per event on stderr: stdout stays free for the stdio transport and CLI answers. */
export type LogLevel = "debug" | "info" | "warn" | "error";
export type Logger = (level: LogLevel, message: string, data?: Record<string, unknown>) => void;

export const writeToStderr = (line: string): void => void process.stderr.write(`${line}\n`);

export function createLogger(write: (line: string) => void = writeToStderr, minLevel: LogLevel = "info"): Logger {
  const order: LogLevel[] = ["debug", "info", "warn", "error"];
  const min = order.indexOf(minLevel);
  return (level, message, data) => {
    if (order.indexOf(level) < min) return;
    write(JSON.stringify({ t: new Date().toISOString(), level, msg: message, ...data }));
  };
}

export const silentLogger: Logger = () => {};

const LEVELS: readonly LogLevel[] = ["debug", "info", "warn", "error"];

/** `TELEFUM_LOG_LEVEL=debug` shows what is normally too small to log (another program's WM_COPYDATA, say). */
export function logLevelFrom(env: NodeJS.ProcessEnv = process.env): LogLevel {
  const wanted = env.TELEFUM_LOG_LEVEL?.toLowerCase();
  return LEVELS.find((level) => level === wanted) ?? "info";
}
