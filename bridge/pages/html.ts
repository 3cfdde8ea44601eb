/**
 * The frame of the bridge's own pages: escaped text only, no inline script or style (a strict CSP can forbid
 * both); the pairing token in a meta tag, the script and style served as files (page-assets.ts).
 */
import { TOKEN_META } from "../api-contract/paths.js";
import { REASON_CODES, reasonKey } from "../api-contract/reasons.js";
import { translator } from "../i18n/i18n.js";
import type { Language } from "../i18n/language.js";
import { PAGE_SCRIPT_PATH, PAGE_STYLE_PATH } from "./page-assets.js";

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Data attributes from a record: `data-sent="…"`, for the page script's words and values. */
export function dataAttributes(values: Record<string, string>): string {
  return Object.entries(values)
    .map(([key, value]) => ` data-${key}="${escapeHtml(value)}"`)
    .join("");
}

export interface PageFrame {
  language: Language;
  title: string;
  token: string;
  /** Which page (the script's switch). */
  page: string;
  /** Already escaped HTML. */
  body: string;
}

/** What the page script says after an action, the same on every page. */
function scriptWords(language: Language): Record<string, string> {
  const { t } = translator(language);
  return {
    calling: t("page.script.calling"),
    smsopened: t("page.script.smsopened"),
    opening: t("page.script.opening"),
    forgotten: t("page.script.forgotten"),
    saved: t("page.script.saved"),
    failed: t("page.script.failed"),
    telefum: t("errors.telefum"),
    // Each refusal's words by its code, {{placeholders}} left for the script to fill from the answer's params.
    reasons: JSON.stringify(Object.fromEntries(REASON_CODES.map((code) => [code, t(reasonKey(code))]))),
  };
}

export function pageHtml(frame: PageFrame): string {
  return `<!doctype html>
<html lang="${frame.language}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="${TOKEN_META}" content="${escapeHtml(frame.token)}">
<title>${escapeHtml(frame.title)}</title>
<link rel="stylesheet" href="${PAGE_STYLE_PATH}">
<script src="${PAGE_SCRIPT_PATH}" defer></script>
</head><body data-page="${escapeHtml(frame.page)}"${dataAttributes(scriptWords(frame.language))}>
${frame.body}
<p id="status" role="status" aria-live="polite"></p>
</body></html>`;
}
