/** The language of the pane's newer parts until the catalogs take over: uk, ru, else en. */
export type PaneLanguage = "uk" | "ru" | "en";

export function paneLanguage(languages: readonly string[] = navigator.languages ?? [navigator.language]): PaneLanguage {
  for (const tag of languages) {
    const base = tag.toLowerCase().split("-")[0];
    if (base === "uk" || base === "ru" || base === "en") return base;
  }
  return "en";
}

/** One table per module, keyed by language. */
export function texts<T>(table: Record<PaneLanguage, T>): T {
  return table[paneLanguage()];
}
