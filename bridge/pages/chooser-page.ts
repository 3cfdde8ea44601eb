/**
 * `/chooser?ids=&number=`: several contacts on one number. Each shows name, company and note; a click opens it the
 * way CARD^id^ does and remembers it for the number (POST /api/choose). With a number, every contact on it is
 * listed (TelefUM's reply carries at most 50 ids), with a filter box.
 */
import type { Contact } from "../directory/contact.js";
import type { Language } from "../language.js";
import { escapeHtml, pageHtml } from "./html.js";
import { SCRIPT_WORDS } from "./page-words.js";

const TEXT: Record<Language, Record<string, string>> = {
  uk: {
    title: "Який контакт?",
    whoIs: "Хто це:",
    hint: "TelefUM запам'ятає вибір для цього номера.",
    open: "Відкрити",
    filter: "Пошук",
    remembered: "запам'ятовано",
    forget: "Забути цей вибір",
  },
  ru: {
    title: "Какой контакт?",
    whoIs: "Кто это:",
    hint: "TelefUM запомнит выбор для этого номера.",
    open: "Открыть",
    filter: "Поиск",
    remembered: "запомнен",
    forget: "Забыть этот выбор",
  },
  en: {
    title: "Which contact?",
    whoIs: "Who is",
    hint: "TelefUM will remember the choice for this number.",
    open: "Open",
    filter: "Search",
    remembered: "remembered",
    forget: "Forget this choice",
  },
};

export interface ChooserPageData {
  language: Language;
  token: string;
  contacts: Contact[];
  number?: string;
  /** The contact remembered for the number, if any. */
  chosen?: string;
}

export function chooserPage(data: ChooserPageData): string {
  const t = TEXT[data.language];
  const number = data.number ? ` data-number="${escapeHtml(data.number)}"` : "";
  const rows = data.contacts
    .map((c) => {
      const search = `${c.name} ${c.company} ${c.note}`.toLowerCase();
      const mine = c.id === data.chosen;
      const mark = mine ? ` <span class="mark">(${escapeHtml(t.remembered!)})</span>` : "";
      const id = escapeHtml(c.id);
      const open = `<button type="button" class="primary" data-action="choose" data-id="${id}"${number}>`;
      const row = `class="choice${mine ? " remembered" : ""}" data-contact-id="${id}"`;
      return `<li ${row} data-search="${escapeHtml(search)}">
<strong class="name">${escapeHtml(c.name)}</strong>${mark}
<span class="company">${escapeHtml(c.company)}</span>
<span class="note">${escapeHtml(c.note)}</span>
<span>${open}${escapeHtml(t.open!)}</button></span></li>`;
    })
    .join("\n");
  const heading = data.number ? `${t.whoIs} ${data.number}?` : t.title!;
  const forget =
    data.chosen && data.number
      ? `<p><button type="button" id="forget" data-action="forget"${number}>${escapeHtml(t.forget!)}</button></p>`
      : "";
  const filter =
    data.contacts.length > 5
      ? `<label>${escapeHtml(t.filter!)} <input type="search" data-filter id="filter"></label>`
      : "";
  const body = `<main id="chooser"><h1>${escapeHtml(heading)}</h1><p class="muted">${escapeHtml(t.hint!)}</p>
${filter}<ul id="choices">${rows}</ul>${forget}</main>`;
  return pageHtml({
    language: data.language,
    token: data.token,
    page: "chooser",
    words: SCRIPT_WORDS[data.language],
    title: t.title!,
    body,
  });
}
