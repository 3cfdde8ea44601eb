/**
 * The one error type and the one set of value checks that every config.json section uses (the core settings,
 * `microsoft365`, `addin`), so every bad value is refused the same way and named by its full setting name. A refusal
 * carries its words as catalog keys (`config.*`): `message` is the English the log keeps, `text` the reader's.
 */
import { type Language, type Params, type Translator, translator } from "../i18n/i18n.js";
import { isRecord } from "./is-record.js";
import { noteRefusal } from "./config-refusals.js";

/** A catalog key and its values; `expected` is a `config.expected.*` key filled in as the `expected` value. */
export interface ConfigWords {
  key: string;
  params?: Params;
  expected?: { key: string; params?: Params };
}

export class ConfigError extends Error {
  // Private, so an error compares by its message alone (as tests and callers always have).
  readonly #words: ConfigWords | undefined;
  readonly #file: string | undefined;
  #refused: readonly ConfigError[] | undefined;
  #language: Language | undefined;

  /** `file`: config.json's path, when the value came from it. Plain text is for a command's own usage errors. */
  constructor(words: ConfigWords | string, file?: string) {
    super(typeof words === "string" ? words : ConfigError.say(translator("en"), words, file));
    this.name = "ConfigError";
    this.#words = typeof words === "string" ? undefined : words;
    this.#file = file;
  }

  /**
   * Every refusal of one config pass in one error, each on a line of its own (one refusal is just itself);
   * `language` is the one the bridge speaks, its `language` setting when that one is good, else the system's.
   */
  static all(refused: readonly ConfigError[], language: Language): ConfigError {
    const error = new ConfigError(ConfigError.list(translator("en"), refused));
    error.#refused = refused;
    error.#language = language;
    return error;
  }

  /** The language to show it in, when the config pass knew it. */
  get language(): Language | undefined {
    return this.#language;
  }

  get refused(): readonly ConfigError[] {
    return this.#refused ?? [this];
  }

  /** The same refusal named in config.json at `file`. */
  inFile(file: string): ConfigError {
    return this.#words ? new ConfigError(this.#words, file) : new ConfigError(`${file}: ${this.message}`);
  }

  /** In the reader's language. */
  text(t: Translator): string {
    if (this.#refused) return ConfigError.list(t, this.#refused);
    return this.#words ? ConfigError.say(t, this.#words, this.#file) : this.message;
  }

  private static list(t: Translator, refused: readonly ConfigError[]): string {
    const [only] = refused;
    if (only && refused.length === 1) return only.text(t);
    const lines = refused.map((error) => `  - ${error.text(t)}`);
    return [t.t("config.refused", { count: refused.length }), ...lines].join("\n");
  }

  private static say(t: Translator, words: ConfigWords, file: string | undefined): string {
    const expected = words.expected && t.t(words.expected.key, words.expected.params);
    const text = t.t(words.key, { ...words.params, ...(expected !== undefined && { expected }) });
    return file ? `${file}: ${text}` : text;
  }
}

/** Checks the value of setting `where`: undefined means "not set" and stays undefined; a wrong value throws. */
export type Check<T> = (value: unknown, where: string) => T | undefined;

/** What a setting should have been: a `config.expected.*` key and its values. */
export type Expected = { key: string; params?: Params };

export function refuse(where: string, expected: Expected, value: unknown): never {
  throw new ConfigError({ key: "config.mustBe", params: { where, value: JSON.stringify(value) }, expected });
}

/** The check's answer; a refusal is noted while a pass collects them (the setting stays unset), else thrown. */
export function attempt<T>(check: () => T | undefined): T | undefined {
  try {
    return check();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    noteRefusal(error);
    return undefined;
  }
}

/** A check from a type test and what it expects, in words. */
export function checkOf<T>(test: (value: unknown) => value is T, expected: Expected): Check<T> {
  return (value, where) => {
    if (value === undefined || test(value)) return value as T | undefined;
    return refuse(where, expected, value);
  };
}

export const asBoolean = checkOf((v): v is boolean => typeof v === "boolean", { key: "config.expected.boolean" });

/** Strings come back trimmed: a stray space in config.json is not part of an id or a path. */
export const asString: Check<string> = (value, where) => {
  if (value === undefined) return undefined;
  return typeof value === "string" ? value.trim() : refuse(where, { key: "config.expected.string" }, value);
};

export const asStringList = checkOf((v): v is string[] => Array.isArray(v) && v.every((s) => typeof s === "string"), {
  key: "config.expected.stringList",
});

export function asOneOf<T extends string>(allowed: readonly T[]): Check<T> {
  return checkOf((v): v is T => typeof v === "string" && allowed.includes(v as T), {
    key: "config.expected.oneOf",
    params: { list: allowed.join(", ") },
  });
}

export function asNumberIn(min: number, max: number): Check<number> {
  return checkOf((v): v is number => typeof v === "number" && Number.isFinite(v) && v >= min && v <= max, {
    key: "config.expected.numberIn",
    params: { min, max },
  });
}

export const asHttpsUrl = checkOf((v): v is string => typeof v === "string" && /^https:\/\//i.test(v), {
  key: "config.expected.httpsUrl",
});

/** A TCP port; digits in a string count (flags, environment), and "" is unset, as shells treat it. */
export const asPort: Check<number> = (value, where) => {
  if (value === undefined || value === "") return undefined;
  const port = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof port === "number" && Number.isInteger(port) && port >= 0 && port <= 65535) return port;
  return refuse(where, { key: "config.expected.port" }, value);
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
      throw new ConfigError({ key: "config.notJson", params: { where } });
    }
  }
  return refuse(where, { key: "config.expected.jsonText" }, value);
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
    if (isRecord(raw)) return new ConfigSection(name, raw);
    // Refused, and read as empty so that the pass goes on to the settings beside it.
    attempt(() => refuse(name, { key: "config.expected.object" }, raw));
    return new ConfigSection(name, {});
  }

  /** The setting's full name, for messages. */
  where(key: string): string {
    return this.name ? `${this.name}.${key}` : key;
  }

  get<T>(key: string, check: Check<T>): T | undefined {
    return attempt(() => check(this.values[key], this.where(key)));
  }

  section(key: string): ConfigSection {
    return ConfigSection.of(this.values[key], this.where(key));
  }
}
