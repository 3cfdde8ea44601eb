/** One JSON line per event on stderr: stdout stays free for the stdio transport and CLI answers. */
export type LogLevel = "debug" | "info" | "warn" | "error";
export type Logger = (level: LogLevel, message: string, data?: Record<string, unknown>) => void;

/** Raw text (a message as received, a name) is cut to this many characters in a log line. */
export const MAX_LOGGED_TEXT = 512;
/** A log line is at most this many bytes, whatever a message held: one line per event, readable, bounded. */
export const MAX_LOG_LINE_BYTES = 1024;

/** Strings cut to `max` characters (saying how long they were); objects and arrays walked, anything else kept. */
function cut(value: unknown, max: number, depth = 0): unknown {
  if (typeof value === "string") {
    return value.length <= max ? value : `${value.slice(0, max)}… (${value.length} characters)`;
  }
  if (depth > 4 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.slice(0, 20).map((item) => cut(item, max, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, cut(item, max, depth + 1)]));
}

/** The line as JSON, its raw text cut until the line fits MAX_LOG_LINE_BYTES. */
export function formatLogLine(level: LogLevel, message: string, data: Record<string, unknown> = {}): string {
  const t = new Date().toISOString();
  let line = "";
  for (const max of [MAX_LOGGED_TEXT, 160, 48]) {
    line = JSON.stringify({ t, level, msg: cut(message, max), ...(cut(data, max) as Record<string, unknown>) });
    if (Buffer.byteLength(line) <= MAX_LOG_LINE_BYTES) return line;
  }
  return JSON.stringify({ t, level, msg: cut(message, 48), truncated: `${Buffer.byteLength(line)} bytes` });
}

const LEVELS: readonly LogLevel[] = ["debug", "info", "warn", "error"];

/**
 * The level a setting names (`TELEFUM_LOG_LEVEL`, read by the config pass), any case; info when it names none.
 * Debug shows what is normally too small or too personal to log: another program's WM_COPYDATA, the message texts
 * (names, notes, SMS).
 */
export function logLevelFrom(setting: string | undefined): LogLevel {
  const wanted = setting?.toLowerCase();
  return LEVELS.find((level) => level === wanted) ?? "info";
}

export const writeToStderr = (line: string): void => void process.stderr.write(`${line}\n`);

export function createLogger(write: (line: string) => void = writeToStderr, minLevel: LogLevel = "info"): Logger {
  const min = LEVELS.indexOf(minLevel);
  return (level, message, data) => {
    if (LEVELS.indexOf(level) < min) return;
    write(formatLogLine(level, message, data));
  };
}

export const silentLogger: Logger = () => {};
