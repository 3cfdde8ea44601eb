/**
 * One translator for everything a person reads: the task pane, the ribbon, the local pages and what the bridge
 * writes into the mailbox. Catalogs are JSON files (catalogs/<language>.json) in i18next's format, plurals by
 * CLDR rules (`_one`, `_few`, `_many`, `_other`); dates, times, durations and numbers go through Intl. No Node
 * imports: the pane bundles this file as it is.
 */
import i18next, { type i18n } from "i18next";
import en from "./catalogs/en.json" with { type: "json" };
import ru from "./catalogs/ru.json" with { type: "json" };
import uk from "./catalogs/uk.json" with { type: "json" };

export const LANGUAGES = ["uk", "ru", "en"] as const;
export type Language = (typeof LANGUAGES)[number];
export const FALLBACK_LANGUAGE: Language = "en";

/** Each language's own catalog, for tests and tools that compare them. */
export const CATALOGS: Readonly<Record<Language, object>> = { uk, ru, en };

/** The locale Intl formats with: Ukraine's and Russia's conventions for uk and ru. */
const LOCALES: Record<Language, string> = { uk: "uk-UA", ru: "ru-RU", en: "en-US" };

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
}

/** "uk-UA", "ru", "en-GB", "uk_UA.UTF-8" → the language we have; anything else → undefined. */
export function languageOf(tag: string | undefined | null): Language | undefined {
  const primary = (tag ?? "")
    .trim()
    .toLowerCase()
    .split(/[-_.@]/)[0];
  return isLanguage(primary) ? primary : undefined;
}

/** The first of `tags` we have a catalog for, else English. */
export function pickLanguage(...tags: (string | undefined | null)[]): Language {
  for (const tag of tags) {
    const language = languageOf(tag);
    if (language) return language;
  }
  return FALLBACK_LANGUAGE;
}

export type Params = Record<string, string | number>;

export interface Translator {
  readonly language: Language;
  /** Intl locale for the language (`uk-UA`). */
  readonly locale: string;
  t(key: string, params?: Params): string;
  /** A count with its word, by the language's plural rules: "5 дзвінків". */
  number(value: number): string;
  /** TelefUM's local `yyyy-mm-dd hh:mm:ss` (or `yyyy-mm-dd`) as the language writes it, not moved to another zone. */
  dateTime(local: string, style?: "date-time" | "date" | "time" | "day"): string;
  /** An ISO instant (a UTC timestamp) in this machine's zone. */
  instant(iso: string): string;
  /** Seconds as "2 хв 5 с". */
  duration(seconds: number): string;
}

function instanceFor(language: Language): i18n {
  const instance = i18next.createInstance();
  void instance.init({
    lng: language,
    fallbackLng: FALLBACK_LANGUAGE,
    resources: { uk: { translation: uk }, ru: { translation: ru }, en: { translation: en } },
    initAsync: false,
    // Text is always set as text (pane) or escaped by the page that shows it: no HTML escaping here.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return instance;
}

/** Wall-clock fields of TelefUM's local time, kept in UTC so formatting never shifts them by a zone. */
function wallClock(local: string): Date {
  const [date = "", time = "00:00:00"] = local.trim().split(/[ T]/);
  const [y = 1970, mo = 1, d = 1] = date.split("-").map(Number);
  const [h = 0, mi = 0, s = 0] = time.split(":").map(Number);
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s));
}

const DATE_STYLES = {
  "date-time": { dateStyle: "short", timeStyle: "short" },
  date: { dateStyle: "medium" },
  time: { timeStyle: "short" },
  day: { day: "numeric" },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

const cache = new Map<Language, Translator>();

export function translator(language: Language): Translator {
  const known = cache.get(language);
  if (known) return known;
  const instance = instanceFor(language);
  const locale = LOCALES[language];
  const unit = (value: number, name: "hour" | "minute" | "second") =>
    new Intl.NumberFormat(locale, { style: "unit", unit: name, unitDisplay: "short" }).format(value);
  const made: Translator = {
    language,
    locale,
    t: (key, params) => instance.t(key, params ?? {}),
    number: (value) => new Intl.NumberFormat(locale).format(value),
    dateTime: (local, style = "date-time") =>
      new Intl.DateTimeFormat(locale, { ...DATE_STYLES[style], timeZone: "UTC" }).format(wallClock(local)),
    instant: (iso) => new Intl.DateTimeFormat(locale, DATE_STYLES["date-time"]).format(new Date(iso)),
    duration: (seconds) => {
      const total = Math.max(0, Math.round(seconds));
      const [h, m, s] = [Math.floor(total / 3600), Math.floor((total % 3600) / 60), total % 60];
      // "3 min", "1 hr 0 min 5 sec", "40 sec": zero seconds are left out once there are minutes.
      const longer = h > 0 || m > 0;
      const parts = [
        h > 0 ? unit(h, "hour") : "",
        longer ? unit(m, "minute") : "",
        s > 0 || !longer ? unit(s, "second") : "",
      ];
      return new Intl.ListFormat(locale, { type: "unit", style: "narrow" }).format(parts.filter(Boolean));
    },
  };
  cache.set(language, made);
  return made;
}
