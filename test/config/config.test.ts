import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { devCertPaths, selfSignedPaths } from "../../bridge/addin-api/addin-tls.js";
import { defaultJournalPath } from "../../bridge/calls/call-journal.js";
import { ConfigError } from "../../bridge/config/config-checks.js";
import { defaultDataDir, loadConfig } from "../../bridge/config/config.js";
import { systemLanguage } from "../../bridge/i18n/language.js";
import { parseM365Config } from "../../bridge/m365/config.js";
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
    expect(loadConfig({ dataDir: dir }, {}, tempDir())).toEqual({
      dataDir: dir,
      defaultRegion: "UA",
      encoding: "cp1251",
      // stdio stays a script's UTF-8 unless an encoding is asked for.
      stdioEncoding: "utf8",
      transport: "auto",
      http: {
        enabled: true,
        host: "127.0.0.1",
        port: 3000,
        tls: undefined,
        scheme: "http",
        origin: "http://localhost:3000",
      },
      seedDemo: true,
      language: systemLanguage(),
      card: { idForm: "number" },
      createCard: { mode: "form" },
      microsoft365: parseM365Config(undefined),
      addin: { tls: "auto" },
      recording: { folders: [join(dir, "recordings")], maxBytes: 200 * 1024 * 1024 },
      lookup: { fromMail: "suggest" },
      logLevel: "info",
      windowsUser: { profileDir: undefined, account: undefined },
      fallbackJournal: defaultJournalPath(dir),
      managed: [],
    });
  });

  it("takes the log level from TELEFUM_LOG_LEVEL in any case, info when it names none", () => {
    const level = (value: string | undefined) =>
      loadConfig({ dataDir: tempDir() }, value === undefined ? {} : { TELEFUM_LOG_LEVEL: value }).logLevel;
    expect(level("debug")).toBe("debug");
    expect(level("WARN")).toBe("warn");
    expect(level("loud")).toBe("info");
    expect(level(undefined)).toBe("info");
  });

  it("names the Windows user the data folder is limited to from USERDOMAIN, USERNAME and USERPROFILE", () => {
    const user = (env: NodeJS.ProcessEnv) => loadConfig({ dataDir: tempDir() }, env).windowsUser;
    expect(user({ USERDOMAIN: "OFFICE", USERNAME: "olena", USERPROFILE: "C:\\Users\\olena" })).toEqual({
      profileDir: "C:\\Users\\olena",
      account: "OFFICE\\olena",
    });
    expect(user({ USERNAME: "olena", USERDOMAIN: "" })).toEqual({ profileDir: undefined, account: "olena" });
    expect(user({ USERDOMAIN: "OFFICE", USERNAME: "" })).toEqual({ profileDir: undefined, account: undefined });
  });

  it("speaks the language setting, else the system's (LANG) when it is uk, ru or en, else Ukrainian", () => {
    const language = (env: NodeJS.ProcessEnv, content = "{}") =>
      loadConfig({ dataDir: withConfigFile(content) }, env).language;
    expect(language({ LANG: "ru_RU.UTF-8" })).toBe("ru");
    expect(language({ LANG: "en_GB.UTF-8" })).toBe("en");
    expect(language({ LANG: "de_DE.UTF-8" })).toBe("uk");
    expect(language({ LANG: "ru_RU.UTF-8" }, JSON.stringify({ language: "en" }))).toBe("en");
  });

  it("reads what CARD and CREATECARD do", () => {
    const dir = withConfigFile(
      JSON.stringify({
        card: { idForm: "url" },
        createCard: { mode: "create-and-open", urlTemplate: "https://crm.example/?phone={phone}" },
      }),
    );
    expect(loadConfig({ dataDir: dir }, {})).toMatchObject({
      card: { idForm: "url" },
      createCard: { mode: "create-and-open", urlTemplate: "https://crm.example/?phone={phone}" },
    });
  });

  it("layers config.json, then environment, then flags", () => {
    const dir = withConfigFile(
      JSON.stringify({ defaultRegion: "pl", encoding: "utf8", http: { port: 4000 }, seedDemo: false }),
    );
    expect(loadConfig({ dataDir: dir }, {})).toMatchObject({
      defaultRegion: "PL",
      encoding: "utf8",
      stdioEncoding: "utf8",
      http: { port: 4000 },
      seedDemo: false,
    });
    expect(loadConfig({ dataDir: dir }, { TELEFUM_BRIDGE_PORT: "4100" }).http.port).toBe(4100);
    expect(
      loadConfig({ dataDir: dir, port: "4200", encoding: "utf16le" }, { TELEFUM_BRIDGE_PORT: "4100" }),
    ).toMatchObject({
      encoding: "utf16le",
      stdioEncoding: "utf16le",
      http: { port: 4200 },
    });
    expect(loadConfig({ dataDir: dir }, { TELEFUM_BRIDGE_PORT: "" }).http.port).toBe(4000);
  });

  it.each([
    [{ encoding: "koi8" }, '--encoding must be one of cp1251, utf16le, utf8, got "koi8"'],
    [{ transport: "fax" }, '--transport must be one of auto, win32, simulator, stdio, got "fax"'],
    [{ defaultRegion: "XX" }, '--region must be a two-letter country code such as UA, got "XX"'],
    [{ port: "70000" }, '--port must be a port number 0-65535, got "70000"'],
  ])("refuses the flags %j by the flag's name", (overrides, message) => {
    expect(() => loadConfig({ dataDir: tempDir(), ...overrides }, {})).toThrow(new ConfigError(message));
  });

  it("refuses a bad environment port by the variable's name", () => {
    expect(() => loadConfig({ dataDir: tempDir() }, { TELEFUM_BRIDGE_PORT: "web" })).toThrow(
      new ConfigError('TELEFUM_BRIDGE_PORT must be a port number 0-65535, got "web"'),
    );
  });

  it.each([
    [{ encoding: "koi8" }, 'encoding must be one of cp1251, utf16le, utf8, got "koi8"'],
    [{ http: { host: "0.0.0.0" } }, 'http.host must be one of 127.0.0.1, ::1, localhost, got "0.0.0.0"'],
    [{ http: 3000 }, "http must be an object, got 3000"],
    [
      { microsoft365: { clientId: "a", card: { mode: "fax" } } },
      'microsoft365.card.mode must be one of web, classic, pane, got "fax"',
    ],
    [
      { microsoft365: { clientId: "a", sync: { intervalMinutes: 0 } } },
      "microsoft365.sync.intervalMinutes must be a number from 0.05 to 1440, got 0",
    ],
    [{ addin: { tls: "on" } }, 'addin.tls must be "auto", "self-signed", "off" or {"cert","key","ca"}, got "on"'],
    [{ language: "de" }, 'language must be one of uk, ru, en, got "de"'],
    [{ card: { idForm: "link" } }, 'card.idForm must be one of number, url, got "link"'],
    [{ createCard: { mode: "popup" } }, 'createCard.mode must be one of form, create-and-open, got "popup"'],
    [
      { createCard: { urlTemplate: "file:///C:/crm.html?{phone}" } },
      'createCard.urlTemplate must be an http(s) link with {phone} in it, got "file:///C:/crm.html?{phone}"',
    ],
    [{ lookup: { fromMail: "always" } }, 'lookup.fromMail must be one of suggest, off, got "always"'],
  ])("checks every section of config.json in one pass: %j", (content, message) => {
    const dir = withConfigFile(JSON.stringify(content));
    expect(() => loadConfig({ dataDir: dir }, {})).toThrow(new ConfigError(`${join(dir, "config.json")}: ${message}`));
  });

  it("names configured certificate files that are missing", () => {
    const cert = join(tempDir(), "bridge.crt");
    const dir = withConfigFile(JSON.stringify({ addin: { tls: { cert, key: cert } } }));
    expect(() => loadConfig({ dataDir: dir }, {})).toThrow(new ConfigError(`addin.tls.cert: ${cert} does not exist`));
  });

  it("derives the scheme and origin from the certificate the server will use", () => {
    const home = tempDir();
    const selfSigned = withConfigFile(JSON.stringify({ addin: { tls: "self-signed" }, http: { port: 4443 } }));
    const own = selfSignedPaths(selfSigned);
    expect(loadConfig({ dataDir: selfSigned }, {}, home).http).toEqual({
      enabled: true,
      host: "127.0.0.1",
      port: 4443,
      tls: { ...own, source: `self-signed (${own.cert})`, generateInto: own },
      scheme: "https",
      origin: "https://localhost:4443",
    });
    const noHttp = loadConfig({ dataDir: selfSigned, http: false }, {}, home).http;
    expect(noHttp).toMatchObject({ tls: undefined, scheme: "http" });

    // "auto": office-addin-dev-certs' files when they are installed in the user's home, else plain HTTP.
    const auto = tempDir();
    expect(loadConfig({ dataDir: auto, port: 3001 }, {}, home).http.origin).toBe("http://localhost:3001");
    const dev = devCertPaths(home);
    mkdirSync(join(home, ".office-addin-dev-certs"));
    for (const file of [dev.cert, dev.key, dev.ca]) writeFileSync(file, "PEM");
    expect(loadConfig({ dataDir: auto, port: 3001 }, {}, home).http).toMatchObject({
      tls: { ...dev, source: `office-addin-dev-certs (${dev.cert})` },
      scheme: "https",
      origin: "https://localhost:3001",
    });
  });

  it("names the file and field of a bad config.json", () => {
    const broken = withConfigFile("{ nope");
    expect(() => loadConfig({ dataDir: broken }, {})).toThrow(ConfigError);
    expect(() => loadConfig({ dataDir: broken }, {})).toThrow(/config\.json is not valid JSON/);
    const wrongType = withConfigFile(JSON.stringify({ http: { enabled: "yes" } }));
    expect(() => loadConfig({ dataDir: wrongType }, {})).toThrow(/http\.enabled must be true or false, got "yes"/);
  });

  it("keeps data per user: LOCALAPPDATA on Windows, XDG elsewhere, or TELEFUM_BRIDGE_HOME", () => {
    expect(defaultDataDir({ LOCALAPPDATA: "C:\\Users\\u\\AppData\\Local" }, "win32")).toMatch(
      /TelefUM Outlook Bridge$/,
    );
    expect(defaultDataDir({ XDG_DATA_HOME: "/home/u/.local/share" }, "linux")).toBe(
      "/home/u/.local/share/telefum-outlook-bridge",
    );
    expect(defaultDataDir({ TELEFUM_BRIDGE_HOME: "/srv/bridge" }, "win32")).toBe("/srv/bridge");
  });

  it("puts the data folder where TELEFUM_BRIDGE_HOME says unless --home says otherwise", () => {
    const [fromEnv, fromFlag] = [tempDir(), tempDir()];
    expect(loadConfig({}, { TELEFUM_BRIDGE_HOME: fromEnv }).dataDir).toBe(fromEnv);
    expect(loadConfig({ dataDir: fromFlag }, { TELEFUM_BRIDGE_HOME: fromEnv }).dataDir).toBe(fromFlag);
  });
});

describe("transport choice", () => {
  it("picks the Win32 transport on Windows and the simulator elsewhere, unless told", () => {
    expect(resolveTransportKind("auto", "win32")).toBe("win32");
    expect(resolveTransportKind("auto", "linux")).toBe("simulator");
    expect(resolveTransportKind("stdio", "win32")).toBe("stdio");
  });
});
