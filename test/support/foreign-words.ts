/**
 * Words a Ukrainian or Russian reader would stumble on: Latin-script words outside quotes. A reason may quote what
 * was received («sideways», “file:///…”) and a screen may name the products it works with; anything else in Latin
 * letters is developer English on a uk/ru screen.
 */
import type { Page } from "playwright-core";

/** Names every screen keeps as they are. */
export const KEPT_NAMES = ["TelefUM", "Microsoft", "Outlook", "SMS", "Excel", "CSV", "SharePoint", "Entra"] as const;

/** The Latin-script words of `text` outside «…», “…” and "…" quotes and not in `kept`. */
export function latinWords(text: string, kept: readonly string[] = KEPT_NAMES): string[] {
  const unquoted = text.replace(/«[^»]*»|“[^”]*”|"[^"]*"/g, " ");
  return [...unquoted.matchAll(/\p{Script=Latin}[\p{Script=Latin}\d_]*/gu)]
    .map((match) => match[0])
    .filter((word) => !kept.includes(word));
}

/** What a person reads in every element `selector` matches, without its `<code>` (a quoted raw detail). */
export function readableWithoutCode(page: Page, selector: string): Promise<string> {
  return page.evaluate((css) => {
    return [...document.querySelectorAll<HTMLElement>(css)]
      .map((element) => {
        const copy = element.cloneNode(true) as HTMLElement;
        for (const code of copy.querySelectorAll("code")) code.remove();
        return copy.textContent ?? "";
      })
      .join("\n");
  }, selector);
}
