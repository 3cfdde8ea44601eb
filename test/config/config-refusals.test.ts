/**
 * One config pass reports every bad value at once (config-refusals.ts): config.json, the policies, the environment
 * and the flags, each named with its path and what it should be, in the bridge's language; one bad value reads as
 * it always has.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../../bridge/config/config-checks.js";
import { loadConfig } from "../../bridge/config/config.js";
import { translator } from "../../bridge/i18n/i18n.js";
import { parseM365Config } from "../../bridge/m365/config.js";
import { useTempDir } from "../support/temp-dir.js";

const tempDir = useTempDir();

function withConfig(content: unknown): string {
  const dir = tempDir();
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "config.json"), JSON.stringify(content));
  return dir;
}

/** What loadConfig threw; fails the test when it threw nothing or something else. */
function refusal(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("nothing was refused");
}

const THREE_BAD = {
  language: "ru",
  encoding: "koi8",
  http: { port: "web" },
  microsoft365: { clientId: "c11e", sync: { intervalMinutes: 0 } },
};

describe("every bad setting at once", () => {
  it("names all three bad values of a config.json in one error, in English for the log", () => {
    const dir = withConfig(THREE_BAD);
    const file = join(dir, "config.json");
    const error = refusal(() => loadConfig({ dataDir: dir }, {}));
    expect(error.message).toBe(
      [
        "3 settings are wrong:",
        `  - ${file}: encoding must be one of cp1251, utf16le, utf8, got "koi8"`,
        `  - ${file}: http.port must be a port number 0-65535, got "web"`,
        `  - ${file}: microsoft365.sync.intervalMinutes must be a number from 0.05 to 1440, got 0`,
      ].join("\n"),
    );
    expect(error.refused).toHaveLength(3);
  });

  it("says them in the bridge's language: its good language setting, else the system's", () => {
    const dir = withConfig(THREE_BAD);
    const file = join(dir, "config.json");
    const error = refusal(() => loadConfig({ dataDir: dir }, { LANG: "uk_UA.UTF-8" }));
    expect(error.language).toBe("ru");
    expect(error.text(translator("ru")).split("\n")).toEqual([
      "Ошибки в 3 настройках:",
      `  - ${file}: encoding: указано "koi8", а должно быть одно из значений cp1251, utf16le, utf8`,
      `  - ${file}: http.port: указано "web", а должно быть номер порта от 0 до 65535`,
      `  - ${file}: microsoft365.sync.intervalMinutes: указано 0, а должно быть число от 0.05 до 1440`,
    ]);
    const badLanguage = refusal(() => loadConfig({ dataDir: withConfig({ language: "de" }) }, { LANG: "uk_UA.UTF-8" }));
    expect(badLanguage.language).toBe("uk");
    expect(badLanguage.text(translator("uk"))).toMatch(
      /language: вказано "de", а має бути одне зі значень uk, ru, en$/,
    );
  });

  it("gathers the file, a policy, the environment and the flags, and cross-checks inside a section", () => {
    const dir = withConfig({
      language: "en",
      microsoft365: { enabled: true, calls: { uploadChunkBytes: 400_000 }, sync: { sharedMailboxes: ["reception"] } },
      http: 3000,
    });
    const file = join(dir, "config.json");
    const policies = { machine: { SyncDirectory: 2 }, user: {} };
    const error = refusal(() =>
      loadConfig(
        { dataDir: dir, port: "70000", defaultRegion: "XX" },
        { TELEFUM_BRIDGE_PORT: "web" },
        tempDir(),
        policies,
      ),
    );
    expect(error.message.split("\n")).toEqual([
      "8 settings are wrong:",
      "  - HKLM\\Software\\Policies\\TelefUM Outlook Bridge\\SyncDirectory must be REG_DWORD 1 (on) or 0 (off), got 2",
      `  - ${file}: http must be an object, got 3000`,
      `  - ${file}: microsoft365.clientId is required (the app registration's Application ID)`,
      `  - ${file}: microsoft365.sync.sharedMailboxes must list e-mail addresses, got "reception"`,
      `  - ${file}: microsoft365.calls.uploadChunkBytes must be a multiple of 327680 (320 KiB)`,
      '  - --port must be a port number 0-65535, got "70000"',
      '  - TELEFUM_BRIDGE_PORT must be a port number 0-65535, got "web"',
      '  - --region must be a two-letter country code such as UA, got "XX"',
    ]);
  });

  it("keeps one bad value's message as it was, and a section parser on its own still stops at the first", () => {
    const dir = withConfig({ encoding: "koi8" });
    expect(() => loadConfig({ dataDir: dir }, {})).toThrow(
      new ConfigError(`${join(dir, "config.json")}: encoding must be one of cp1251, utf16le, utf8, got "koi8"`),
    );
    expect(() => parseM365Config({ clientId: "c", card: { mode: "fax" }, sync: { pageSize: 0 } })).toThrow(
      new ConfigError("microsoft365.sync.pageSize must be a number from 1 to 1000, got 0"),
    );
  });
});
