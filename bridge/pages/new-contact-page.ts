/**
 * `/new-contact?number=`: the form CREATECARD opens, the number filled in; the user types the rest. Saving creates
 * the contact (in Outlook when signed in, else locally) and opens it (POST /api/contacts with `open`).
 */
import type { Language } from "../language.js";
import { escapeHtml, pageHtml } from "./html.js";
import { SCRIPT_WORDS } from "./page-words.js";

const TEXT: Record<Language, Record<string, string>> = {
  uk: {
    title: "Новий контакт",
    number: "Телефон",
    name: "Ім'я",
    company: "Компанія",
    email: "E-mail",
    note: "Примітка (TelefUM показує її під час дзвінка)",
    save: "Зберегти контакт",
  },
  ru: {
    title: "Новый контакт",
    number: "Телефон",
    name: "Имя",
    company: "Компания",
    email: "E-mail",
    note: "Примечание (TelefUM показывает его при звонке)",
    save: "Сохранить контакт",
  },
  en: {
    title: "New contact",
    number: "Phone",
    name: "Name",
    company: "Company",
    email: "E-mail",
    note: "Note (TelefUM shows it on calls)",
    save: "Save contact",
  },
};

const FIELDS = [
  ["number", "tel"],
  ["name", "text"],
  ["company", "text"],
  ["email", "email"],
  ["note", "text"],
] as const;

export function newContactPage(data: { language: Language; token: string; number: string }): string {
  const t = TEXT[data.language];
  const inputs = FIELDS.map(([key, type]) => {
    const value = key === "number" ? ` value="${escapeHtml(data.number)}"` : "";
    const label = `<label for="nc-${key}">${escapeHtml(t[key]!)}</label>`;
    return `${label}<input id="nc-${key}" name="${key}" type="${type}" autocomplete="off"${value}>`;
  }).join("\n");
  const body = `<main><h1>${escapeHtml(t.title!)}</h1><form id="new-contact" data-action="create">
${inputs}
<p><button type="submit" class="primary">${escapeHtml(t.save!)}</button></p></form></main>`;
  return pageHtml({
    language: data.language,
    token: data.token,
    page: "new-contact",
    words: SCRIPT_WORDS[data.language],
    title: t.title!,
    body,
  });
}
