/**
 * `/new-contact?number=`: the form CREATECARD opens, the number filled in; the user types the rest. Saving creates
 * the contact (in Outlook when signed in, else locally) and opens it (POST /api/contacts with `open`).
 */
import { translator } from "../i18n/i18n.js";
import type { Language } from "../i18n/language.js";
import { escapeHtml, pageHtml } from "./html.js";

/** Field, input type and its label's key. */
const FIELDS = [
  ["number", "tel", "page.newContact.number"],
  ["name", "text", "page.newContact.name"],
  ["company", "text", "page.newContact.company"],
  ["email", "email", "page.newContact.email"],
  ["note", "text", "page.newContact.note"],
] as const;

export function newContactPage(data: { language: Language; token: string; number: string }): string {
  const { t } = translator(data.language);
  const inputs = FIELDS.map(([key, type, words]) => {
    const value = key === "number" ? ` value="${escapeHtml(data.number)}"` : "";
    const label = `<label for="nc-${key}">${escapeHtml(t(words))}</label>`;
    return `${label}<input id="nc-${key}" name="${key}" type="${type}" autocomplete="off"${value}>`;
  }).join("\n");
  const body = `<main><h1>${escapeHtml(t("page.newContact.title"))}</h1><form id="new-contact" data-action="create">
${inputs}
<p><button type="submit" class="primary">${escapeHtml(t("page.newContact.save"))}</button></p></form></main>`;
  return pageHtml({
    language: data.language,
    token: data.token,
    page: "new-contact",
    title: t("page.newContact.title"),
    body,
  });
}
