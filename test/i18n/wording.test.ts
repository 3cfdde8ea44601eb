/**
 * What bridge/i18n/catalogs/STYLE.md asks of the Ukrainian and Russian texts, wherever a machine can check it: every
 * count-bearing key with all CLDR forms, one word for one thing, no English word a person would have to read, «»
 * quotes, one kind of apostrophe, no doubled spaces and no exclamation marks.
 */
import { describe, expect, it } from "vitest";
import { CATALOGS, translator } from "../../bridge/i18n/i18n.js";

type Flat = Map<string, string>;

function flatten(node: object, prefix = ""): Flat {
  const out: Flat = new Map();
  for (const [key, value] of Object.entries(node)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else for (const [k, v] of flatten(value as object, path)) out.set(k, v);
  }
  return out;
}

const SLAVIC = ["uk", "ru"] as const;
const texts = { uk: flatten(CATALOGS.uk), ru: flatten(CATALOGS.ru), en: flatten(CATALOGS.en) };

/** Names and terms STYLE.md keeps in Latin letters: products, services, and what TelefUM's own screens show. */
const LATIN_NAMES = new Set(
  (
    "TelefUM Outlook Bridge Microsoft SMS OneDrive SharePoint Excel CSV Windows Entra ID Client Chrome Edge README " +
    "CONTACT? CARD CREATECARD CALLHISTORY LoopbackNetworkAllowedForUrls JSON table csv vcf vCard xlsx json"
  ).split(" "),
);

/**
 * What is code, not words: a placeholder, a value to type as quoted «…», an HTML tag, a link, a flag, a dotted
 * setting or file name, a path.
 */
const CODE = [/\{\{\w+\}\}/g, /«[^«»]*»/g, /<[^>]+>/g, /https?:\/\/\S+/g, /--[\w-]+/g, /\b[\w-]+(?:[./][\w-]+)+\b/g];

function latinWords(text: string): string[] {
  const prose = CODE.reduce((rest, pattern) => rest.replace(pattern, " "), text);
  return (prose.match(/[A-Za-z][A-Za-z?]*/g) ?? []).filter((word) => !LATIN_NAMES.has(word));
}

/** Words STYLE.md replaced by one term: the calque or the rival word, each with the term that stays. */
const NOT_THESE: Record<(typeof SLAVIC)[number], [RegExp, string][]> = {
  uk: [
    [/Дзвонити/, "Подзвонити"],
    [/Зателефонувати/, "Подзвонити"],
    [/E-?mail/i, "Електронна пошта"],
    [/запам.ятовано/, "запамʼятано"],
    [/Натомість/, "Створити новий контакт"],
    [/Не зрозуміло з/, "Незрозумілі повідомлення від"],
    [/командний журнал|спільн\S* журнал/i, "журнал дзвінків команди"],
    [/\bПК\b/, "компʼютер"],
    [/\bтек[аиуі]\b/, "папка"],
    [/моста\b/, "мосту"],
    [/Цей$/, "Відкрити"],
  ],
  ru: [
    [/^Звонить$/, "Позвонить"],
    [/E-?mail/i, "Электронная почта"],
    [/Вместо этого/, "Создать новый контакт"],
    [/Не понято из/, "Непонятные сообщения от"],
    [/командный журнал|общ\S* журнал/i, "журнал звонков команды"],
    [/\bПК\b/, "компьютер"],
    [/Этот$/, "Открыть"],
  ],
};

describe("the Ukrainian and Russian wording (STYLE.md)", () => {
  it.each(SLAVIC)("%s: every count-bearing text has each plural form its language needs", (language) => {
    const needed = [...new Intl.PluralRules(translator(language).locale).resolvedOptions().pluralCategories];
    expect(needed.sort()).toEqual(["few", "many", "one", "other"]);
    // "Label: {{count}}" reads the same for any number; anywhere else a count changes the words around it.
    const counted = [...texts[language]].filter(([key, text]) => /[^:] \{\{count\}\}/.test(text) || /_one$/.test(key));
    expect(counted.length).toBeGreaterThan(10);
    const bases = new Set(counted.map(([key]) => key.replace(/_(one|few|many|other)$/, "")));
    for (const base of bases) {
      for (const form of needed)
        expect(texts[language].has(`${base}_${form}`), `${language}: ${base}_${form}`).toBe(true);
    }
  });

  it("says 1, 3, 5, 21 and 1.5 as each language counts", () => {
    const days = (language: "uk" | "ru", count: number) => translator(language).t("history.days", { count });
    expect([1, 3, 5, 21, 1.5].map((n) => days("uk", n))).toEqual(["1 день", "3 дні", "5 днів", "21 день", "1.5 дня"]);
    expect([1, 3, 5, 21, 1.5].map((n) => days("ru", n))).toEqual(["1 день", "3 дня", "5 дней", "21 день", "1.5 дня"]);
    expect(translator("uk").t("m365.requeued", { count: 2 })).toBe("2 дзвінки знову чекають запису в Outlook");
    expect(translator("ru").t("store.journalWaiting", { count: 1, path: "j.log" })).toMatch(/^1 звонок ждёт /);
  });

  it.each(SLAVIC)("%s: no English word a person would have to read, only the glossary's names", (language) => {
    const english = [...texts[language]]
      .map(([key, text]) => [key, latinWords(text)] as const)
      .filter(([, words]) => words.length > 0);
    expect(english).toEqual([]);
  });

  it.each(SLAVIC)("%s: one term for one thing", (language) => {
    const found = [...texts[language]].flatMap(([key, text]) =>
      NOT_THESE[language].filter(([word]) => word.test(text)).map(([word, term]) => `${key}: ${word} → ${term}`),
    );
    expect(found).toEqual([]);
  });

  it.each(SLAVIC)("%s: one button verb for calling, used by every Call button", (language) => {
    const call = language === "uk" ? "Подзвонити" : "Позвонить";
    for (const key of ["contact.call", "missed.call", "team.call", "page.contact.call", "manifest.callLabel"]) {
      expect(texts[language].get(key), key).toBe(call);
    }
    expect(texts[language].get("team.callLabel")).toBe(`${call}: {{caller}}`);
    expect(texts[language].get("contact.callTitle")).toMatch(new RegExp(`^${call} `));
  });

  it.each(SLAVIC)("%s: «» quotes, one apostrophe, dashes and …, single spaces, no exclamation marks", (language) => {
    const problems = [...texts[language]].flatMap(([key, text]) => {
      const prose = text.replace(/<[^>]+>/g, " ");
      return [
        /["“”„]/.test(prose) && `${key}: quotes other than «»`,
        /\p{Script=Cyrillic}['’]\p{Script=Cyrillic}/u.test(text) && `${key}: apostrophe other than ʼ`,
        language === "ru" && /ʼ/.test(text) && `${key}: Ukrainian apostrophe in Russian`,
        / {2}|^\s|\s$/.test(text) && !/: $/.test(text) && `${key}: doubled or stray space`,
        /!/.test(text) && `${key}: exclamation mark`,
        /\.\.\./.test(text) && `${key}: three dots instead of …`,
        / - /.test(prose.replace(/«[^«»]*»/g, " ")) && `${key}: a hyphen instead of a dash`,
      ].filter(Boolean);
    });
    expect(problems).toEqual([]);
  });

  it("names the contact, not a masculine pronoun, wherever a person's name follows", () => {
    expect(translator("uk").t("chooser.remembered", { name: "Ганна Ґудзь", number: "0441234567" })).toBe(
      "Контакт Ганна Ґудзь запамʼятано для номера 0441234567.",
    );
    expect(translator("ru").t("chooser.thisOneLabel", { name: "Анна Гудзь" })).toBe("Открыть: Анна Гудзь");
    expect(translator("uk").t("sms.cp1251", { chars: "😀" })).toBe(
      "TelefUM спростить або пропустить те, чого не може показати: 😀",
    );
    expect(translator("ru").t("sms.cp1251", { chars: "😀" })).toBe(
      "TelefUM упростит или пропустит то, что не может показать: 😀",
    );
  });
});
