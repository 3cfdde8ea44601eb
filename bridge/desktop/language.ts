/**
 * The languages of what a Windows user reads from the bridge itself (tray menu, message boxes, the
 * welcome page): Ukrainian by default, Russian and English when Windows speaks them. Each component
 * keeps its own small table of strings keyed by these.
 */
export const LANGUAGES = ["uk", "ru", "en"] as const;
export type Language = (typeof LANGUAGES)[number];

/** "uk-UA" → uk, "ru" → ru, "en-GB" → en; anything else (or nothing) → uk. */
export function pickLanguage(tag: string | undefined = Intl.DateTimeFormat().resolvedOptions().locale): Language {
  const primary = (tag ?? "").toLowerCase().split(/[-_]/)[0];
  return (LANGUAGES as readonly string[]).includes(primary ?? "") ? (primary as Language) : "uk";
}
