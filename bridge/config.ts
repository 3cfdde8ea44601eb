/**
 * Bridge settings: defaults, then `config.json` in the data folder, then environment, then command-line flags.
 * Every bad value is reported with where it came from; nothing is silently ignored.
 */
import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import type { CountryCode } from "libphonenumber-js";
import { isCountryCode } from "./directory/phone-key.js";
import { isRecord } from "./is-record.js";
import { DEFAULT_WIRE_ENCODING, isWireEncoding, type WireEncoding } from "./protocol/wire-encoding.js";

export const TRANSPORT_KINDS = ["auto", "win32", "simulator", "stdio"] as const;
export type TransportKind = (typeof TRANSPORT_KINDS)[number];

export interface BridgeConfig {
  dataDir: string;
  /** Region for numbers written without a country code. */
  defaultRegion: CountryCode;
  /** How TelefUM encodes WM_COPYDATA text. */
  encoding: WireEncoding;
  transport: TransportKind;
  http: { enabled: boolean; host: string; port: number };
  /** Fill an empty store with demo contacts so a fresh install answers something. */
  seedDemo: boolean;
  /** Raw `microsoft365` section, parsed by the Microsoft 365 module. */
  microsoft365: unknown;
  /** Raw `addin` section, parsed by the add-in API. */
  addin: unknown;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.TELEFUM_BRIDGE_HOME) return env.TELEFUM_BRIDGE_HOME;
  if (platform === "win32") return join(env.LOCALAPPDATA ?? join(homedir(), "AppData", "Local"), "TelefUM Outlook Bridge");
  return join(env.XDG_DATA_HOME ?? join(homedir(), ".local", "share"), "telefum-outlook-bridge");
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

function readConfigFile(path: string): Record<string, unknown> {
  if (!existsSync(path)) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new ConfigError(`${path} is not valid JSON: ${(error as Error).message}`);
  }
  if (!isRecord(parsed)) throw new ConfigError(`${path} must hold a JSON object`);
  return parsed;
}

function pick<T>(value: unknown, where: string, check: (v: unknown) => v is T, expected: string): T | undefined {
  if (value === undefined) return undefined;
  if (!check(value)) throw new ConfigError(`${where} must be ${expected}, got ${JSON.stringify(value)}`);
  return value;
}

const isString = (v: unknown): v is string => typeof v === "string";
const isBoolean = (v: unknown): v is boolean => typeof v === "boolean";

function parsePort(value: unknown, where: string): number | undefined {
  // An empty variable (`TELEFUM_BRIDGE_PORT=`) means unset, as shells treat it.
  if (value === undefined || value === "") return undefined;
  const port = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof port !== "number" || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`${where} must be a port number 0-65535, got ${JSON.stringify(value)}`);
  }
  return port;
}

export function loadConfig(overrides: ConfigOverrides = {}, env: NodeJS.ProcessEnv = process.env): BridgeConfig {
  const dataDir = overrides.dataDir ?? defaultDataDir(env);
  const file = join(dataDir, "config.json");
  const raw = readConfigFile(file);
  const http = isRecord(raw.http) ? raw.http : {};

  const region = (overrides.defaultRegion ?? pick(raw.defaultRegion, `${file}: defaultRegion`, isString, "a country code") ?? "UA").toUpperCase();
  if (!isCountryCode(region)) throw new ConfigError(`defaultRegion must be a two-letter country code such as UA, got "${region}"`);

  const encoding = overrides.encoding ?? pick(raw.encoding, `${file}: encoding`, isString, "a string") ?? DEFAULT_WIRE_ENCODING;
  if (!isWireEncoding(encoding)) throw new ConfigError(`encoding must be cp1251, utf16le or utf8, got "${encoding}"`);

  const transport = overrides.transport ?? pick(raw.transport, `${file}: transport`, isString, "a string") ?? "auto";
  if (!(TRANSPORT_KINDS as readonly string[]).includes(transport)) {
    throw new ConfigError(`transport must be one of ${TRANSPORT_KINDS.join(", ")}, got "${transport}"`);
  }

  return {
    dataDir,
    defaultRegion: region,
    encoding,
    transport: transport as TransportKind,
    http: {
      enabled: overrides.http ?? pick(http.enabled, `${file}: http.enabled`, isBoolean, "true or false") ?? true,
      host: overrides.host ?? pick(http.host, `${file}: http.host`, isString, "a host name") ?? "127.0.0.1",
      port: parsePort(overrides.port, "--port") ?? parsePort(env.TELEFUM_BRIDGE_PORT, "TELEFUM_BRIDGE_PORT") ?? parsePort(http.port, `${file}: http.port`) ?? DEFAULT_HTTP_PORT,
    },
    seedDemo: overrides.seedDemo ?? pick(raw.seedDemo, `${file}: seedDemo`, isBoolean, "true or false") ?? true,
    microsoft365: raw.microsoft365,
    addin: raw.addin,
  };
}
