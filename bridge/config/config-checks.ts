/**
 * The one error type and the one set of value checks that every config.json section uses (the core settings,
 * `microsoft365`, `addin`), so every bad value is refused the same way and named by its full setting name.
 */
import { isRecord } from "./is-record.js";

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

/** Checks the value of setting `where`: undefined means "not set" and stays undefined; a wrong value throws. */
export type Check<T> = (value: unknown, where: string) => T | undefined;

export function refuse(where: string, expected: string, value: unknown): never {
  throw new ConfigError(`${where} must be ${expected}, got ${JSON.stringify(value)}`);
}

/** A check from a type test and what it expects, in words. */
export function checkOf<T>(test: (value: unknown) => value is T, expected: string): Check<T> {
  return (value, where) => {
    if (value === undefined || test(value)) return value as T | undefined;
    return refuse(where, expected, value);
  };
}

export const asBoolean = checkOf((v): v is boolean => typeof v === "boolean", "true or false");

/** Strings come back trimmed: a stray space in config.json is not part of an id or a path. */
export const asString: Check<string> = (value, where) => {
  if (value === undefined) return undefined;
  return typeof value === "string" ? value.trim() : refuse(where, "a string", value);
};

export const asStringList = checkOf(
  (v): v is string[] => Array.isArray(v) && v.every((s) => typeof s === "string"),
  "a list of strings",
);

export function asOneOf<T extends string>(allowed: readonly T[]): Check<T> {
  return checkOf((v): v is T => typeof v === "string" && allowed.includes(v as T), `one of ${allowed.join(", ")}`);
}

export function asNumberIn(min: number, max: number): Check<number> {
  return checkOf(
    (v): v is number => typeof v === "number" && Number.isFinite(v) && v >= min && v <= max,
    `a number from ${min} to ${max}`,
  );
}

export const asHttpsUrl = checkOf(
  (v): v is string => typeof v === "string" && /^https:\/\//i.test(v),
  "an https:// URL",
);

/** A TCP port; digits in a string count (flags, environment), and "" is unset, as shells treat it. */
export const asPort: Check<number> = (value, where) => {
  if (value === undefined || value === "") return undefined;
  const port = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof port === "number" && Number.isInteger(port) && port >= 0 && port <= 65535) return port;
  return refuse(where, "a port number 0-65535", value);
};

/** JSON kept as text: a string that parses, or an object written inline in config.json. */
export const asJsonText: Check<string> = (value, where) => {
  if (value === undefined) return undefined;
  if (isRecord(value)) return JSON.stringify(value);
  if (typeof value === "string") {
    try {
      JSON.parse(value);
      return value;
    } catch {
      throw new ConfigError(`${where} is not valid JSON`);
    }
  }
  return refuse(where, "a JSON object or string", value);
};

/** One JSON object of config.json; `name` (e.g. `microsoft365.sync`) prefixes every setting it reports. */
export class ConfigSection {
  private constructor(
    readonly name: string,
    private readonly values: Record<string, unknown>,
  ) {}

  /** An absent (or null) section is an empty one: every setting takes its default. */
  static of(raw: unknown, name: string): ConfigSection {
    if (raw === undefined || raw === null) return new ConfigSection(name, {});
    if (!isRecord(raw)) return refuse(name, "an object", raw);
    return new ConfigSection(name, raw);
  }

  /** The setting's full name, for messages. */
  where(key: string): string {
    return this.name ? `${this.name}.${key}` : key;
  }

  get<T>(key: string, check: Check<T>): T | undefined {
    return check(this.values[key], this.where(key));
  }

  section(key: string): ConfigSection {
    return ConfigSection.of(this.values[key], this.where(key));
  }
}
