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
  /**
   * TelefUM's local `yyyy-mm-dd hh:mm:ss` (or `yyyy-mm-dd`) as the language writes it, not moved to another zone.
   * "date-time" is THE moment format of every screen and mailbox text: "3 груд., 06:52" (the year only when it is
   * not this one: "3 груд. 2025 р., 06:52").
   */
  dateTime(local: string, style?: "date-time" | "date" | "time" | "day"): string;
  /** An ISO instant (a UTC timestamp) in this machine's zone, in the same moment format. */
  instant(iso: string): string;
  /** THE duration format: "3 хв 12 с", "3 мин 12 с", "3 min 12 sec"; "40 с"; "1 год 5 хв". */
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

/** The clock as Ukrainian, Russian and (for one format in every language) English screens show it: 06:52. */
const CLOCK = { hour: "2-digit", minute: "2-digit", hourCycle: "h23" } as const;

/*
 * One moment format: day and short month, then the clock; no "today"/"yesterday", because the same words go into
 * mailbox texts that are read later and onto panes left open overnight, where a relative day would turn false.
 */
const DATE_STYLES = {
  "date-time": { day: "numeric", month: "short", ...CLOCK },
  date: { day: "numeric", month: "short" },
  time: CLOCK,
  day: { day: "numeric" },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

/** The year is written only for a moment outside the current one (the reader's own year goes without saying). */
function withYear(style: Intl.DateTimeFormatOptions, year: number): Intl.DateTimeFormatOptions {
  return "month" in style && year !== new Date().getFullYear() ? { ...style, year: "numeric" } : style;
}

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
    dateTime: (local, style = "date-time") => {
      const at = wallClock(local);
      const options = withYear(DATE_STYLES[style], at.getUTCFullYear());
      return new Intl.DateTimeFormat(locale, { ...options, timeZone: "UTC" }).format(at);
    },
    instant: (iso) => {
      const at = new Date(iso);
      return new Intl.DateTimeFormat(locale, withYear(DATE_STYLES["date-time"], at.getFullYear())).format(at);
    },
    duration: (seconds) => {
      const total = Math.max(0, Math.round(seconds));
      const [h, m, s] = [Math.floor(total / 3600), Math.floor((total % 3600) / 60), total % 60];
      // "3 хв", "1 год 0 хв 5 с", "40 с": zero seconds are left out once there are minutes; no "і"/"и"/"and".
      const longer = h > 0 || m > 0;
      const parts = [
        h > 0 ? unit(h, "hour") : "",
        longer ? unit(m, "minute") : "",
        s > 0 || !longer ? unit(s, "second") : "",
      ];
      return parts.filter(Boolean).join(" ");
    },
  };
  cache.set(language, made);
  return made;
}
