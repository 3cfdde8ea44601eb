/**
 * The running bridge's log on disk, besides the console: <data folder>/logs/bridge.log, rotated when it
 * passes maxBytes into bridge.1.log … bridge.<keep>.log, so it never grows without bound. On Windows the
 * installed bridge is a GUI program with no console: this file is where its log can be read.
 */
import { appendFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";

export interface RotatingLogOptions {
  maxBytes?: number;
  /** How many rotated files are kept besides the current one. */
  keep?: number;
}

export function logDir(dataDir: string): string {
  return join(dataDir, "logs");
}

export function logFilePath(dataDir: string): string {
  return join(logDir(dataDir), "bridge.log");
}

/** A line writer for createLogger: appends synchronously (a crash loses nothing) and rotates by size. */
export function rotatingLogFile(dataDir: string, options: RotatingLogOptions = {}): (line: string) => void {
  const maxBytes = options.maxBytes ?? 1024 * 1024;
  const keep = options.keep ?? 3;
  const file = logFilePath(dataDir);
  const rotated = (n: number): string => join(logDir(dataDir), `bridge.${n}.log`);
  try {
    // Private like the rest of the data folder (store/private-files.ts): the log names numbers and ids.
    mkdirSync(logDir(dataDir), { recursive: true, mode: 0o700 });
  } catch {
    // A read-only data folder: the bridge still answers TelefUM, and the console has every line.
  }
  let size = existsSync(file) ? statSync(file).size : 0;

  const rotate = (): void => {
    rmSync(rotated(keep), { force: true });
    for (let n = keep - 1; n >= 1; n--) if (existsSync(rotated(n))) renameSync(rotated(n), rotated(n + 1));
    renameSync(file, rotated(1));
    size = 0;
  };

  return (line) => {
    const bytes = Buffer.byteLength(line) + 1;
    try {
      if (size > 0 && size + bytes > maxBytes) rotate();
      appendFileSync(file, `${line}\n`, { mode: 0o600 });
      size += bytes;
    } catch {
      // A full disk or a locked file must not stop the bridge; the console still has the line.
    }
  };
}

/** Writes each line to every writer (the console and the file). */
export function teeLines(...writers: ((line: string) => void)[]): (line: string) => void {
  return (line) => {
    for (const write of writers) write(line);
  };
}
