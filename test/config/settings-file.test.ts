import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../../bridge/config/config-checks.js";
import { loadConfig } from "../../bridge/config/config.js";
import { NO_POLICIES } from "../../bridge/config/policies.js";
import { saveInstallSettings } from "../../bridge/config/settings-file.js";
import { useTempDir } from "../support/temp-dir.js";

const tempDir = useTempDir();
const fileOf = (dir: string) => JSON.parse(readFileSync(join(dir, "config.json"), "utf8")) as unknown;

describe("the installer's settings in config.json", () => {
  it("creates config.json in a new data folder, private, with what the installer was given", () => {
    const dir = join(tempDir(), "new", "data");
    const written = saveInstallSettings(dir, {
      "client-id": "11111111-2222-3333-4444-555555555555",
      tenant: "contoso.onmicrosoft.com",
      "team-site": "https://contoso.sharepoint.com/sites/office",
      language: "ru",
    });
    expect(written).toEqual(["clientId", "tenant", "teamSite", "language"]);
    expect(fileOf(dir)).toEqual({
      microsoft365: {
        clientId: "11111111-2222-3333-4444-555555555555",
        tenant: "contoso.onmicrosoft.com",
        team: { site: "https://contoso.sharepoint.com/sites/office" },
      },
      language: "ru",
    });
    expect(statSync(join(dir, "config.json")).mode & 0o777).toBe(0o600);
    const config = loadConfig({ dataDir: dir }, {}, "/nonexistent-home", NO_POLICIES);
    expect(config.microsoft365.enabled).toBe(true);
    expect(config.language).toBe("ru");
    expect(config.managed).toEqual([]);
  });

  it("merges into an existing config.json and keeps every other setting", () => {
    const dir = tempDir();
    mkdirSync(dir, { recursive: true });
    const before = {
      seedDemo: false,
      microsoft365: { clientId: "old", sync: { directory: true }, team: { list: "Дзвінки", shareNotes: false } },
    };
    writeFileSync(join(dir, "config.json"), JSON.stringify(before));
    saveInstallSettings(dir, { "client-id": "new-app", "team-site": "https://contoso.sharepoint.com/sites/x" });
    expect(fileOf(dir)).toEqual({
      seedDemo: false,
      microsoft365: {
        clientId: "new-app",
        sync: { directory: true },
        team: { list: "Дзвінки", shareNotes: false, site: "https://contoso.sharepoint.com/sites/x" },
      },
    });
    expect(readdirSync(dir)).toEqual(["config.json"]);
  });

  it("leaves the file untouched when given nothing, a bad value or a file it cannot read", () => {
    const dir = tempDir();
    mkdirSync(dir, { recursive: true });
    expect(saveInstallSettings(dir, {})).toEqual([]);
    expect(existsSync(join(dir, "config.json"))).toBe(false);

    writeFileSync(join(dir, "config.json"), '{"seedDemo": false}');
    expect(() => saveInstallSettings(dir, { "team-site": "http://intranet", "client-id": "x" })).toThrow(
      new ConfigError('--team-site must be an https:// URL, got "http://intranet"'),
    );
    expect(() => saveInstallSettings(dir, { language: "de" })).toThrow(/--language must be one of uk, ru, en/);
    expect(readFileSync(join(dir, "config.json"), "utf8")).toBe('{"seedDemo": false}');

    writeFileSync(join(dir, "config.json"), "{ not json");
    expect(() => saveInstallSettings(dir, { "client-id": "x" })).toThrow(/config\.json is not valid JSON/);
    expect(readFileSync(join(dir, "config.json"), "utf8")).toBe("{ not json");
    expect(readdirSync(dir)).toEqual(["config.json"]);
  });
});
