/**
 * Latin-script words on a Ukrainian or Russian screen: developer English that slipped through shows up here. Names
 * people expect in Latin letters (products, the installer's parameters) are allowed, and so is what a text quotes
 * («sideways», “file:///…”: what was received); a test adds its own data's (a contact's company) through `extra`.
 */
import type { Page } from "playwright-core";

/** Product and program names that stay in Latin letters in every language. */
export const LATIN_NAMES: readonly string[] = [
  "Microsoft",
  "Outlook",
  "OneDrive",
  "Entra",
  "SharePoint",
  "TelefUM",
  "SMS",
  "Windows",
  "Excel",
  "CSV",
  "Setup",
  "exe",
  "S",
  "CLIENTID",
];

/** The Latin-script words of `text` outside «…», “…” and "…" quotes, not in LATIN_NAMES or `extra`, each once. */
export function latinWords(text: string, extra: readonly string[] = []): string[] {
  const allowed = new Set([...LATIN_NAMES, ...extra]);
  const unquoted = text.replace(/«[^»]*»|“[^”]*”|"[^"]*"/g, " ");
  return [...new Set(unquoted.match(/\p{Script=Latin}+/gu) ?? [])].filter((word) => !allowed.has(word));
}

/** The Latin-script words a person reads in `selector` (its rendered text, titles and labels included). */
export async function latinWordsOnScreen(
  page: Page,
  selector = "body",
  extra: readonly string[] = [],
): Promise<string[]> {
  const text = await page.locator(selector).evaluate((root: HTMLElement) => {
    const attrs = [...root.querySelectorAll("[title],[aria-label],[placeholder]")].flatMap((el) =>
      ["title", "aria-label", "placeholder"].map((name) => el.getAttribute(name) ?? ""),
    );
    // biome-ignore lint/performance/useDomNodeTextContent: what is rendered, not the text of hidden parts
    return [root.innerText, ...attrs].join("\n");
  });
  return latinWords(text, extra);
}

/** True when `selector` (default the whole page) fits the viewport's width: no sideways scrolling at 320 px. */
export function fitsWidth(page: Page, selector = "html"): Promise<boolean> {
  return page.locator(selector).evaluate((el: HTMLElement) => {
    const box = el.getBoundingClientRect();
    return el.scrollWidth <= Math.max(el.clientWidth, window.innerWidth) && box.right <= window.innerWidth;
  });
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
