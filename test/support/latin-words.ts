/**
 * Latin-script words in a Ukrainian or Russian screen: developer English that leaked through ("the phone number is
 * empty", BAD_NUMBER). The names of products and of the message format are not words of another language.
 */
import type { Page } from "playwright-core";

/** Names a uk/ru screen writes in Latin letters on purpose. */
export const LATIN_NAMES: readonly string[] = ["TelefUM", "SMS", "Outlook", "Microsoft", "E-mail", "Excel", "CSV"];

/** The Latin-script words of `text` that are none of `allowed`, each once. */
export function latinWords(text: string, allowed: readonly string[] = LATIN_NAMES): string[] {
  const words = text.match(/\p{Script=Latin}[\p{Script=Latin}\d_'-]*/gu) ?? [];
  return [...new Set(words)].filter((word) => word.length > 1 && !allowed.includes(word));
}

/** The Latin-script words a person sees in `selector` (visible text and tooltips). */
export async function latinWordsOn(page: Page, selector: string, allowed = LATIN_NAMES): Promise<string[]> {
  const text = await page.evaluate((where) => {
    const root = document.querySelector(where);
    if (!root) return "";
    const tips = [...root.querySelectorAll("[title],[aria-label]")].map(
      (el) => `${el.getAttribute("title") ?? ""} ${el.getAttribute("aria-label") ?? ""}`,
    );
    // biome-ignore lint/performance/useDomNodeTextContent: what is rendered, not the text of hidden parts
    return [(root as HTMLElement).innerText, ...tips].join("\n");
  }, selector);
  return latinWords(text, allowed);
}
