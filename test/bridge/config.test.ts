import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, defaultDataDir, loadConfig } from "../../bridge/config.js";
import { resolveTransportKind } from "../../bridge/transport/select.js";
import { useTempDir } from "../support/temp-dir.js";

const tempDir = useTempDir();

function withConfigFile(content: string): string {
  const dir = tempDir();
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "config.json"), content);
  return dir;
}

describe("loadConfig", () => {
  it("has embedded defaults that run without any file", () => {
    const dir = tempDir();
    expect(loadConfig({ dataDir: dir }, {})).toEqual({
      dataDir: dir,
      defaultRegion: "UA",
      encoding: "cp1251",
      transport: "auto",
      http: { enabled: true, host: "127.0.0.1", port: 3000 },
      seedDemo: true,
      microsoft365: undefined,
      addin: undefined,
    });
  });

  it("layers config.json, then environment, then flags", () => {
    const dir = withConfigFile(JSON.stringify({ defaultRegion: "pl", encoding: "utf8", http: { port: 4000 }, seedDemo: false }));
    expect(loadConfig({ dataDir: dir }, {})).toMatchObject({ defaultRegion: "PL", encoding: "utf8", http: { port: 4000 }, seedDemo: false });
    expect(loadConfig({ dataDir: dir }, { TELEFUM_BRIDGE_PORT: "4100" }).http.port).toBe(4100);
    expect(loadConfig({ dataDir: dir, port: "4200", encoding: "utf16le" }, { TELEFUM_BRIDGE_PORT: "4100" })).toMatchObject({
      encoding: "utf16le",
      http: { port: 4200 },
    });
    expect(loadConfig({ dataDir: dir }, { TELEFUM_BRIDGE_PORT: "" }).http.port).toBe(4000);
  });

  it.each([
    [{ encoding: "koi8" }, /encoding must be cp1251, utf16le or utf8, got "koi8"/],
    [{ transport: "fax" }, /transport must be one of auto, win32, simulator, stdio/],
    [{ defaultRegion: "XX" }, /defaultRegion must be a two-letter country code/],
    [{ port: "70000" }, /--port must be a port number 0-65535/],
  ])("refuses %j with a clear message", (overrides, message) => {
    expect(() => loadConfig({ dataDir: tempDir(), ...overrides }, {})).toThrow(message);
  });

  it("names the file and field of a bad config.json", () => {
    const broken = withConfigFile("{ nope");
    expect(() => loadConfig({ dataDir: broken }, {})).toThrow(ConfigError);
    expect(() => loadConfig({ dataDir: broken }, {})).toThrow(/config\.json is not valid JSON/);
    const wrongType = withConfigFile(JSON.stringify({ http: { enabled: "yes" } }));
    expect(() => loadConfig({ dataDir: wrongType }, {})).toThrow(/http\.enabled must be true or false, got "yes"/);
  });

  it("keeps data per user: LOCALAPPDATA on Windows, XDG elsewhere, or TELEFUM_BRIDGE_HOME", () => {
    expect(defaultDataDir({ LOCALAPPDATA: "C:\\Users\\u\\AppData\\Local" }, "win32")).toMatch(/TelefUM Outlook Bridge$/);
    expect(defaultDataDir({ XDG_DATA_HOME: "/home/u/.local/share" }, "linux")).toBe("/home/u/.local/share/telefum-outlook-bridge");
    expect(defaultDataDir({ TELEFUM_BRIDGE_HOME: "/srv/bridge" }, "win32")).toBe("/srv/bridge");
  });
});

describe("transport choice", () => {
  it("picks the Win32 transport on Windows and the simulator elsewhere, unless told", () => {
    expect(resolveTransportKind("auto", "win32")).toBe("win32");
    expect(resolveTransportKind("auto", "linux")).toBe("simulator");
    expect(resolveTransportKind("stdio", "win32")).toBe("stdio");
  });
});
