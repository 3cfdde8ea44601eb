/** The bridge's log file: appended line by line, rotated by size, never more than `keep` old files. */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { logFilePath, rotatingLogFile, teeLines } from "../../bridge/log/log-file.js";
import { createLogger } from "../../bridge/log/log.js";

let dataDir: string;
beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), "log-file-"))));
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

const logs = (): string[] => readdirSync(join(dataDir, "logs")).sort();
const text = (name: string): string => readFileSync(join(dataDir, "logs", name), "utf8");

describe("rotating log file", () => {
  it("appends to <data folder>/logs/bridge.log, and rotates before a line would pass the cap", () => {
    const write = rotatingLogFile(dataDir, { maxBytes: 20, keep: 2 });
    for (const line of ["line-01", "line-02", "line-03", "line-04", "line-05", "line-06", "line-07"]) write(line);
    // 8 bytes a line with its newline: two fit in 20, the third opens a new file.
    expect(logs()).toEqual(["bridge.1.log", "bridge.2.log", "bridge.log"]);
    expect(text("bridge.log")).toBe("line-07\n");
    expect(text("bridge.1.log")).toBe("line-05\nline-06\n");
    expect(text("bridge.2.log")).toBe("line-03\nline-04\n");
  });

  it("continues an existing file after a restart", () => {
    rotatingLogFile(dataDir, { maxBytes: 20 })("first-1");
    const again = rotatingLogFile(dataDir, { maxBytes: 20 });
    again("second1");
    again("second2");
    expect(text("bridge.log")).toBe("second2\n");
    expect(text("bridge.1.log")).toBe("first-1\nsecond1\n");
  });

  it("gets the same JSON lines as the console", () => {
    const console: string[] = [];
    const log = createLogger(teeLines((line) => console.push(line), rotatingLogFile(dataDir)));
    log("info", "bridge started", { transport: "win32" });
    expect(existsSync(logFilePath(dataDir))).toBe(true);
    expect(readFileSync(logFilePath(dataDir), "utf8")).toBe(`${console.join("\n")}\n`);
    expect(JSON.parse(console[0]!)).toMatchObject({ level: "info", msg: "bridge started", transport: "win32" });
  });
});
