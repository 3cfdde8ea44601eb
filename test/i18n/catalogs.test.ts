/**
 * The catalogs (bridge/i18n/catalogs/*.json) against each other and against the code: every key in every
 * language, each plural with exactly the forms its language's rules need, and no key that nothing uses.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CATALOGS, LANGUAGES, pickLanguage, translator, type Language } from "../../bridge/i18n/i18n.js";
import { projectRoot } from "../../bridge/addin-api/addin-files.js";

const PLURAL = /_(zero|one|two|few|many|other)$/;

/** "a.b.c" → text, leaves only. */
function flatten(node: object, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(node)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else for (const [k, v] of flatten(value as object, path)) out.set(k, v);
  }
  return out;
}

/** Base key → the plural forms it has ([] for a plain string). */
function shape(language: Language): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const key of flatten(CATALOGS[language]).keys()) {
    const form = PLURAL.exec(key)?.[1];
    const base = key.replace(PLURAL, "");
    out.set(base, form ? [...(out.get(base) ?? []), form].sort() : []);
  }
  return out;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.ts$/.test(name) ? [path] : [];
  });
}

const root = projectRoot();
const english = shape("en");

describe("message catalogs", () => {
  it.each(LANGUAGES)("%s has every key the others have, and no other", (language) => {
    const keys = [...shape(language).keys()].sort();
    for (const other of LANGUAGES) expect(keys, `${language} vs ${other}`).toEqual([...shape(other).keys()].sort());
  });

  it.each(LANGUAGES)("%s has exactly the plural forms its language's rules use", (language) => {
    const needed = [...new Intl.PluralRules(translator(language).locale).resolvedOptions().pluralCategories].sort();
    const plurals = [...shape(language)].filter(([base]) => (english.get(base) ?? []).length > 0);
    expect(plurals.length).toBeGreaterThan(5);
    for (const [base, forms] of plurals) expect(forms, `${language}: ${base}`).toEqual(needed);
  });

  it("uses every key somewhere in the pane, the ribbon, the bridge or the manifest", () => {
    const code = [...sourceFiles(join(root, "src")), ...sourceFiles(join(root, "bridge"))]
      .map((file) => readFileSync(file, "utf8"))
      .join("\n");
    // `reasons.<CODE>` are read by code through the one mapping (reasonKey); reasons.test.ts holds them to the codes.
    const unused = [...english.keys()].filter((key) => !key.startsWith("reasons.") && !code.includes(`"${key}"`));
    expect(unused).toEqual([]);
  });

  it("counts in Ukrainian and Russian as people do: 1 дзвінок, 2 дзвінки, 5 дзвінків", () => {
    const uk = translator("uk");
    const ru = translator("ru");
    const days = (n: number) => uk.t("history.days", { count: n });
    expect([1, 2, 5, 11, 21, 22].map(days)).toEqual(["1 день", "2 дні", "5 днів", "11 днів", "21 день", "22 дні"]);
    expect([1, 3, 5].map((n) => ru.t("m365.requeued", { count: n }))).toEqual([
      "1 звонок снова в очереди в Outlook",
      "3 звонка снова в очереди в Outlook",
      "5 звонков снова в очереди в Outlook",
    ]);
    expect(translator("en").t("m365.requeued", { count: 1 })).toBe("1 call queued for Outlook again");
  });

  it("formats TelefUM's local times and durations with Intl for the language, never shifting the zone", () => {
    const year = new Date().getFullYear();
    expect(translator("uk").dateTime(`${year}-11-25 09:15:00`)).toBe("25 лист., 09:15");
    expect(translator("ru").dateTime(`${year}-11-25 09:15:00`)).toBe("25 нояб., 09:15");
    expect(translator("en").dateTime(`${year}-11-25 09:15:00`)).toBe("Nov 25, 09:15");
    expect(translator("uk").duration(125)).toBe("2 хв 5 с");
    expect(translator("ru").duration(3725)).toBe("1 ч 2 мин 5 с");
    expect(translator("en").duration(40)).toBe("40 sec");
  });

  it("picks the first language it has, English otherwise", () => {
    expect(pickLanguage("uk-UA")).toBe("uk");
    expect(pickLanguage(undefined, "ru_RU.UTF-8")).toBe("ru");
    expect(pickLanguage("de-DE", "en-GB")).toBe("en");
    expect(pickLanguage("de-DE")).toBe("en");
    expect(translator("uk").t("no.such.key")).toBe("no.such.key");
  });
});
