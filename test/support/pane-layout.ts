/**
 * What a narrow task pane (Outlook's 320 px) must never show: a page wider than the pane, an element sticking out of
 * it, or a button squeezed below its natural width (its label wrapped or running past its edges). Read from the
 * rendered page, so any pane test can check any state with `layoutProblems(page, "state")`.
 */
import type { Browser, Page } from "playwright-core";
import type { Language } from "../../bridge/i18n/i18n.js";

/** Outlook's narrowest task pane. */
export const NARROW_PANE = { width: 320, height: 760 } as const;

/** The browser locale of each language: the pane speaks the browser's language, as in a plain browser. */
export const LOCALES: Record<Language, string> = { uk: "uk-UA", ru: "ru-RU", en: "en-US" };

/** Any of the bridge's pages (`url` whole) at 320 px in `language`, in a context of its own; page errors collected. */
export async function openNarrowPage(
  browser: Browser,
  url: string,
  language: Language,
): Promise<{ page: Page; errors: string[]; close(): Promise<void> }> {
  const context = await browser.newContext({
    ignoreHTTPSErrors: true,
    locale: LOCALES[language],
    viewport: NARROW_PANE,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(url);
  return { page, errors, close: () => context.close() };
}

/** The pane at 320 px in `language`, ready and connected. */
export async function openNarrowPane(
  browser: Browser,
  url: string,
  language: Language,
): Promise<{ page: Page; errors: string[]; close(): Promise<void> }> {
  const opened = await openNarrowPage(browser, `${url}/taskpane.html`, language);
  await opened.page.waitForSelector("body[data-ready='true']");
  await opened.page.waitForSelector("#status[data-state='connected']");
  return opened;
}

/** Every problem with the layout as shown now, each prefixed with `state`; none = []. */
export async function layoutProblems(page: Page, state: string): Promise<string[]> {
  await page.evaluate(() => customElements.whenDefined("fluent-button"));
  const found = await page.evaluate(() => {
    const problems: string[] = [];
    const width = window.innerWidth;
    const name = (el: Element): string => {
      const id = el.id ? `#${el.id}` : "";
      const testid = el.getAttribute("data-testid");
      const label = (el.textContent ?? "").trim().slice(0, 30);
      return `${el.tagName.toLowerCase()}${id}${testid ? `[${testid}]` : ""} "${label}"`;
    };
    const shown = (el: Element): boolean => el.checkVisibility() && el.getClientRects().length > 0;
    if (document.documentElement.scrollWidth > width)
      problems.push(`the page is ${document.documentElement.scrollWidth} px wide in a ${width} px pane`);
    // The innermost elements that stick out name the culprit (not every ancestor around it).
    for (const el of document.querySelectorAll("main *")) {
      if (!shown(el) || el.closest("svg")) continue;
      const box = el.getBoundingClientRect();
      const inside = [...el.children].some((child) => child.getBoundingClientRect().right > width + 0.5);
      if (box.right > width + 0.5 && !inside) problems.push(`${name(el)} reaches ${Math.round(box.right)} px`);
    }
    for (const button of document.querySelectorAll("fluent-button")) {
      if (!shown(button)) continue;
      const box = button.getBoundingClientRect();
      const range = document.createRange();
      range.selectNodeContents(button);
      const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
      const text = range.getBoundingClientRect();
      if (lines.size > 1) problems.push(`${name(button)}: its label takes ${lines.size} lines`);
      if (text.left < box.left - 0.5 || text.right > box.right + 0.5)
        problems.push(`${name(button)}: its label (${Math.round(text.width)} px) is wider than it (${box.width} px)`);
      if (box.right > width + 0.5) problems.push(`${name(button)} reaches ${Math.round(box.right)} px`);
    }
    return problems;
  });
  return found.map((problem) => `${state}: ${problem}`);
}
