/**
 * Every reason a person reads has its words in every language: each code of the codec, the input validators, the
 * API's refusals, the core's failures and the sign-in (`reasons.<CODE>`), and no `reasons.*` key without a code.
 */
import { describe, expect, it } from "vitest";
import { REASON_CODES, reasonKey, reasonText, type ReasonCode } from "../../bridge/api-contract/reasons.js";
import { CATALOGS, LANGUAGES, translator } from "../../bridge/i18n/i18n.js";
import { PROTOCOL_ERROR_CODES } from "../../bridge/protocol/errors.js";
import { INVALID_INPUT_REASONS } from "../../bridge/protocol/inputs.js";

/** Enough values for any reason's placeholders. */
const PARAMS = {
  value: "sideways",
  command: "HELLO",
  fields: 2,
  max: 1000,
  ids: "999",
  scheme: "file",
  number: "0671112233",
  start: "2026-12-03 06:52:06",
  detail: "fetch failed",
  count: 3,
  journaled: 1,
};

/** The reasons subtree's keys, plural forms folded into their base. */
function reasonKeys(language: (typeof LANGUAGES)[number]): string[] {
  const walk = (node: object, prefix: string): string[] =>
    Object.entries(node).flatMap(([key, value]) =>
      typeof value === "string"
        ? [`${prefix}.${key}`.replace(/_(one|few|many|other)$/, "")]
        : walk(value, `${prefix}.${key}`),
    );
  return [...new Set(walk((CATALOGS[language] as { reasons: object }).reasons, "reasons"))].sort();
}

describe("reasons", () => {
  it("covers every code of the codec and the input validators", () => {
    for (const code of [...PROTOCOL_ERROR_CODES, ...INVALID_INPUT_REASONS]) expect(REASON_CODES).toContain(code);
  });

  it.each(LANGUAGES)("%s has words for every reason code and no reason without a code", (language) => {
    expect(reasonKeys(language)).toEqual(REASON_CODES.map(reasonKey).sort());
    const tr = translator(language);
    for (const code of REASON_CODES) {
      const text = reasonText(tr, { code, params: PARAMS });
      expect(text, `${language}: ${code}`).not.toBe(reasonKey(code));
      expect(text, `${language}: ${code}`).not.toMatch(/\{\{|\}\}/);
      expect(text.length, `${language}: ${code}`).toBeGreaterThan(8);
    }
  });

  it("says a reason in the reader's language, quoting what was received", () => {
    const sideways = { code: "BAD_DIRECTION" as ReasonCode, params: { value: "sideways" } };
    expect(reasonText(translator("uk"), sideways)).toBe(
      "Напрямок дзвінка має бути «in» (вхідний) або «out» (вихідний), а не «sideways».",
    );
    expect(reasonText(translator("ru"), sideways)).toBe(
      "Направление звонка должно быть «in» (входящий) или «out» (исходящий), а не «sideways».",
    );
    expect(reasonText(translator("en"), sideways)).toBe("The call's direction must be “in” or “out”, not “sideways”.");
    const stop = (language: "uk" | "ru", count: number) =>
      reasonText(translator(language), { code: "CALLS_NOT_STORED_AT_STOP", params: { count } });
    expect([1, 3, 5].map((n) => stop("uk", n))).toEqual([
      "1 дзвінок не вдалося зберегти до зупинки моста.",
      "3 дзвінки не вдалося зберегти до зупинки моста.",
      "5 дзвінків не вдалося зберегти до зупинки моста.",
    ]);
    expect(stop("ru", 21)).toBe("21 звонок не удалось сохранить до остановки моста.");
  });
});
