/**
 * Bridge settings in one pass: defaults, then `config.json` in the data folder, then the administrator's policy
 * values (HKCU, then HKLM: policies.ts), then environment, then command-line flags (no policy names a setting the
 * environment or a flag sets). Every section (core settings, `microsoft365`, `addin`) is checked here, before anything
 * opens, and every bad value is reported with its name and where it came from, all of them at once (one
 * ConfigError listing each); nothing is silently ignored.
 */
import { homedir } from "node:os";
import { join } from "node:path";
import type { CountryCode } from "libphonenumber-js";
import { parseAddinConfig, type AddinConfig } from "../addin-api/addin-config.js";
import { tlsFilesFor, type TlsFiles } from "../addin-api/addin-tls.js";
import { defaultJournalPath } from "../calls/call-journal.js";
import { parseRecordingConfig, type RecordingPolicy } from "../calls/recording-file.js";
import {
  asBoolean,
  asOneOf,
  asPort,
  asString,
  attempt,
  ConfigError,
  ConfigSection,
  refuse,
  type Check,
} from "./config-checks.js";
import { collectRefusals, noteRefusal } from "./config-refusals.js";
import type { CreateCardSettings, IdForm } from "../core/ports.js";
import { parseLookupConfig, type LookupConfig } from "../context/lookup-config.js";
import { isCountryCode } from "../directory/phone-key.js";
import { logLevelFrom, type LogLevel } from "../log/log.js";
import type { WindowsUser } from "../store/private-files.js";
import { LANGUAGES, systemLanguage, type Language } from "../i18n/language.js";
import { readConfigFile } from "./config-file.js";
import { applyPolicies, type Policies } from "./policies.js";
import { currentPolicies } from "./policy-source.js";
import { parseM365Config, type M365Config } from "../m365/config.js";
import { TRANSPORT_KINDS, type TransportKind } from "../transport/select.js";
import { DEFAULT_WIRE_ENCODING, WIRE_ENCODINGS, type WireEncoding } from "../protocol/wire-encoding.js";

/** The add-in API trusts the local machine: it is never offered on a network interface. */
export const LOOPBACK_HOSTS = ["127.0.0.1", "::1", "localhost"] as const;
export type LoopbackHost = (typeof LOOPBACK_HOSTS)[number];

export interface HttpConfig {
  enabled: boolean;
  host: LoopbackHost;
  port: number;
  /** The certificate the server will use (decided by `addin.tls`); undefined = plain HTTP. */
  tls: TlsFiles | undefined;
  /** https exactly when `tls` is set: the server and `bridge simulate` both go by it. */
  scheme: "http" | "https";
  /** The bridge's own origin on the configured port (with port 0 the running server's url has the real one). */
  origin: string;
}

export interface BridgeConfig {
  dataDir: string;
  /** `fallbackJournal`: the file where calls wait while the store cannot take them; on another disk if possible. */
  fallbackJournal: string;
  /** Region for numbers written without a country code. */
  defaultRegion: CountryCode;
  /** How TelefUM encodes WM_COPYDATA text. */
  encoding: WireEncoding;
  /** The stdio transport's bytes: `encoding` when one is set (flag or config.json), else UTF-8, a script's own. */
  stdioEncoding: WireEncoding;
  transport: TransportKind;
  http: HttpConfig;
  /** Fill an empty store with demo contacts so a fresh install answers something. */
  seedDemo: boolean;
  /** What the bridge's pages and new-contact names are in: the `language` setting, else the system's, else uk. */
  language: Language;
  /** `card.idForm`: TelefUM's id in CONTACT replies, the index number or the contact's web link. */
  card: { idForm: IdForm };
  /** `createCard`: what CREATECARD does (`mode`, or `urlTemplate` with {phone}). */
  createCard: CreateCardSettings;
  microsoft365: M365Config;
  addin: AddinConfig;
  /** Where call recordings may be read from, and how large they may be. */
  recording: RecordingPolicy;
  /** What to do for an unknown number: look in the mail and suggest, or not. */
  lookup: LookupConfig;
  /** `TELEFUM_LOG_LEVEL`: how much the bridge's log says (info unless set). */
  logLevel: LogLevel;
  /** Who the data folder is limited to on Windows. */
  windowsUser: WindowsUser;
  /** The settings an administrator's policy decided (policies.ts names them); the pane shows them locked. */
  managed: string[];
}

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.TELEFUM_BRIDGE_HOME) return env.TELEFUM_BRIDGE_HOME;
  if (platform === "win32") {
    return join(env.LOCALAPPDATA ?? join(homedir(), "AppData", "Local"), "TelefUM Outlook Bridge");
  }
  return join(env.XDG_DATA_HOME ?? join(homedir(), ".local", "share"), "telefum-outlook-bridge");
}

/** The account and profile Windows names in the environment (USERDOMAIN, USERNAME, USERPROFILE). */
export function windowsUserFrom(env: NodeJS.ProcessEnv): WindowsUser {
  const name = env.USERNAME || undefined;
  return {
    profileDir: env.USERPROFILE,
    account: name && env.USERDOMAIN ? `${env.USERDOMAIN}\\${name}` : name,
  };
}

export const DEFAULT_HTTP_PORT = 3000;

export interface ConfigOverrides {
  dataDir?: string;
  defaultRegion?: string;
  encoding?: string;
  transport?: string;
  port?: string | number;
  host?: string;
  http?: boolean;
  seedDemo?: boolean;
}

const asCountryCode: Check<CountryCode> = (value, where) => {
  const code = asString(value, where)?.toUpperCase();
  if (code === undefined || isCountryCode(code)) return code;
  return refuse(where, { key: "config.expected.countryCode" }, value);
};
const asEncoding = asOneOf(WIRE_ENCODINGS);
const asTransport = asOneOf(TRANSPORT_KINDS);
const asLoopbackHost = asOneOf(LOOPBACK_HOSTS);
const asLanguage = asOneOf(LANGUAGES);

/** A link with `{phone}` in it that the default browser may open: http(s) only. */
const asPhoneUrlTemplate: Check<string> = (value, where) => {
  const text = asString(value, where);
  if (text === undefined) return undefined;
  if (/^https?:\/\/[^\s]+$/i.test(text) && text.includes("{phone}")) return text;
  return refuse(where, { key: "config.expected.phoneLink" }, value);
};

/** `parse` over config.json's values: every refusal is noted named with the file it is in. */
function fromFile<T>(path: string, parse: () => T): T {
  const { value, refused } = collectRefusals(parse);
  for (const error of refused.slice(0, -1)) noteRefusal(error.inFile(path));
  const last = refused.at(-1)?.inFile(path);
  // A parse that ended early has nothing to answer: its last refusal ends the pass.
  if (value === undefined && last) throw last;
  if (last) noteRefusal(last);
  return value as T;
}

/** Every section of config.json with the policies over it checked; a refused value is named with where it is. */
function fileSettings(path: string, policies: Policies) {
  const { raw, managed } = applyPolicies(readConfigFile(path), policies);
  return fromFile(path, () => {
    const root = ConfigSection.of(raw, "");
    const http = root.section("http");
    const card = root.section("card");
    const createCard = root.section("createCard");
    return {
      defaultRegion: root.get("defaultRegion", asCountryCode),
      encoding: root.get("encoding", asEncoding),
      transport: root.get("transport", asTransport),
      http: {
        enabled: http.get("enabled", asBoolean),
        host: http.get("host", asLoopbackHost),
        port: http.get("port", asPort),
      },
      seedDemo: root.get("seedDemo", asBoolean),
      fallbackJournal: root.get("fallbackJournal", asString),
      language: root.get("language", asLanguage),
      idForm: card.get("idForm", asOneOf(["number", "url"] as const)),
      createCardMode: createCard.get("mode", asOneOf(["form", "create-and-open"] as const)),
      createCardUrl: createCard.get("urlTemplate", asPhoneUrlTemplate),
      microsoft365: parseM365Config(raw.microsoft365),
      recording: raw.recording,
      addin: parseAddinConfig(raw.addin),
      lookup: parseLookupConfig(raw.lookup),
      managed,
    };
  });
}

/** The language of the bridge's own words: the `language` setting, else the system's (LANG), else uk. */
function languageFrom(setting: Language | undefined, env: NodeJS.ProcessEnv): Language {
  return setting ?? systemLanguage(env.LANG?.split(".")[0] || undefined);
}

/**
 * `home` is where office-addin-dev-certs keeps its certificate (`addin.tls: "auto"`); `policies` what the policy
 * keys hold (read once by policy-source.ts on Windows; tests hand in their own). Every bad value, from the file, a
 * policy, the environment or a flag, is in the one ConfigError it throws, in the language the bridge speaks.
 */
export function loadConfig(
  overrides: ConfigOverrides = {},
  env: NodeJS.ProcessEnv = process.env,
  home = homedir(),
  policies: Policies = currentPolicies(),
): BridgeConfig {
  const { value, refused } = collectRefusals(() => configFrom(overrides, env, home, policies));
  if (value && refused.length === 0) return value;
  throw ConfigError.all(refused, value?.language ?? languageFrom(undefined, env));
}

function configFrom(
  overrides: ConfigOverrides,
  env: NodeJS.ProcessEnv,
  home: string,
  policies: Policies,
): BridgeConfig {
  const dataDir = overrides.dataDir ?? defaultDataDir(env);
  const file = fileSettings(join(dataDir, "config.json"), policies);
  const enabled = overrides.http ?? file.http.enabled ?? true;
  const port =
    attempt(() => asPort(overrides.port, "--port")) ??
    attempt(() => asPort(env.TELEFUM_BRIDGE_PORT, "TELEFUM_BRIDGE_PORT")) ??
    file.http.port ??
    DEFAULT_HTTP_PORT;
  const tls = enabled ? attempt(() => tlsFilesFor(file.addin.tls, dataDir, home)) : undefined;
  const scheme = tls ? "https" : "http";
  const encodingFlag = attempt(() => asEncoding(overrides.encoding, "--encoding"));
  return {
    dataDir,
    fallbackJournal: file.fallbackJournal ?? defaultJournalPath(dataDir),
    defaultRegion: attempt(() => asCountryCode(overrides.defaultRegion, "--region")) ?? file.defaultRegion ?? "UA",
    encoding: encodingFlag ?? file.encoding ?? DEFAULT_WIRE_ENCODING,
    stdioEncoding: encodingFlag ?? file.encoding ?? "utf8",
    transport: attempt(() => asTransport(overrides.transport, "--transport")) ?? file.transport ?? "auto",
    http: {
      enabled,
      host: attempt(() => asLoopbackHost(overrides.host, "host")) ?? file.http.host ?? "127.0.0.1",
      port,
      tls,
      scheme,
      // The manifest and the add-in's own origin name the bridge "localhost", whichever loopback it binds.
      origin: `${scheme}://localhost:${port}`,
    },
    seedDemo: overrides.seedDemo ?? file.seedDemo ?? true,
    language: languageFrom(file.language, env),
    card: { idForm: file.idForm ?? "number" },
    createCard: { mode: file.createCardMode ?? "form", ...(file.createCardUrl && { urlTemplate: file.createCardUrl }) },
    microsoft365: file.microsoft365,
    addin: file.addin,
    recording: fromFile(join(dataDir, "config.json"), () => parseRecordingConfig(file.recording, dataDir)),
    lookup: file.lookup,
    logLevel: logLevelFrom(env.TELEFUM_LOG_LEVEL),
    windowsUser: windowsUserFrom(env),
    managed: file.managed,
  };
}
