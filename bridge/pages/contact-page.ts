/**
 * `/contact/<id>`: one contact as the bridge knows it (name, company, note, every number with Call and SMS, the
 * call history), for when Outlook cannot show it. Opened for a number whose choice is remembered, it says so,
 * with "choose another" and "forget this choice".
 */
import type { CallRecord } from "../calls/call-record.js";
import { formatDuration } from "../protocol/codec.js";
import type { Contact } from "../directory/contact.js";
import type { Language } from "../language.js";
import { escapeHtml, pageHtml } from "./html.js";
import { chooserPath } from "./page-urls.js";
import { SCRIPT_WORDS } from "./page-words.js";

const TEXT: Record<Language, Record<string, string>> = {
  uk: {
    title: "Контакт",
    numbers: "Номери",
    call: "Подзвонити",
    sms: "SMS",
    history: "Дзвінки",
    noCalls: "Дзвінків ще не було.",
    when: "Коли",
    direction: "Напрямок",
    in: "вхідний",
    out: "вихідний",
    missed: "пропущений",
    duration: "Тривалість",
    remembered: "Цей контакт запам'ятовано для номера",
    chooseAnother: "Вибрати інший",
    forget: "Забути цей вибір",
    missing: "Контакту з таким номером у списку немає.",
  },
  ru: {
    title: "Контакт",
    numbers: "Номера",
    call: "Позвонить",
    sms: "SMS",
    history: "Звонки",
    noCalls: "Звонков ещё не было.",
    when: "Когда",
    direction: "Направление",
    in: "входящий",
    out: "исходящий",
    missed: "пропущенный",
    duration: "Длительность",
    remembered: "Этот контакт запомнен для номера",
    chooseAnother: "Выбрать другой",
    forget: "Забыть этот выбор",
    missing: "Такого контакта в списке нет.",
  },
  en: {
    title: "Contact",
    numbers: "Numbers",
    call: "Call",
    sms: "SMS",
    history: "Calls",
    noCalls: "No calls yet.",
    when: "When",
    direction: "Direction",
    in: "incoming",
    out: "outgoing",
    missed: "missed",
    duration: "Duration",
    remembered: "This contact is remembered for",
    chooseAnother: "Choose another",
    forget: "Forget this choice",
    missing: "There is no such contact.",
  },
};

export interface ContactPageData {
  language: Language;
  token: string;
  contact: Contact | undefined;
  calls: CallRecord[];
  /** The number it was opened for, when the user's remembered choice for it is this contact. */
  rememberedFor?: { number: string; ids: string[] };
}

/** "Remembered for this number", with "choose another" (the chooser) and "forget this choice". */
function remembered(data: ContactPageData, t: Record<string, string>): string {
  if (!data.rememberedFor) return "";
  const { number, ids } = data.rememberedFor;
  const chooser = escapeHtml(chooserPath(ids, number));
  return `<section id="remembered" class="choice remembered">
<p>${escapeHtml(t.remembered!)} ${escapeHtml(number)}.</p>
<p><a class="button" id="choose-another" href="${chooser}">${escapeHtml(t.chooseAnother!)}</a>
<button type="button" id="forget" data-action="forget" data-number="${escapeHtml(number)}" data-next="${chooser}">
${escapeHtml(t.forget!)}</button></p></section>`;
}

export function contactPage(data: ContactPageData): string {
  const t = TEXT[data.language];
  const frame = { language: data.language, token: data.token, page: "contact", words: SCRIPT_WORDS[data.language] };
  const { contact } = data;
  if (!contact) return pageHtml({ ...frame, title: t.title!, body: `<p>${escapeHtml(t.missing!)}</p>` });
  const button = (action: string, number: string, label: string, primary = false): string =>
    `<button type="button"${primary ? ' class="primary"' : ""} data-action="${action}" ` +
    `data-number="${escapeHtml(number)}">${escapeHtml(label)}</button>`;
  const numbers = contact.phones
    .map(
      (p) => `<li><span class="number">${escapeHtml(p.number)}</span>
  ${button("call", p.number, t.call!, true)} ${button("sms", p.number, t.sms!)}</li>`,
    )
    .join("\n");
  const rows = data.calls
    .map((call) => {
      const direction = call.direction === "out" ? t.out! : call.answered ? t.in! : t.missed!;
      const cells = [call.start, direction, formatDuration(call.durationSeconds)];
      return `<tr>${cells.map((cell) => `<td>${escapeHtml(cell)}</td>`).join("")}</tr>`;
    })
    .join("\n");
  const heads = [t.when!, t.direction!, t.duration!].map((head) => `<th>${escapeHtml(head)}</th>`).join("");
  const history = rows
    ? `<table id="history"><thead><tr>${heads}</tr></thead><tbody>${rows}</tbody></table>`
    : `<p class="muted">${escapeHtml(t.noCalls!)}</p>`;
  const email = contact.email
    ? `<p id="email"><a href="mailto:${escapeHtml(contact.email)}">${escapeHtml(contact.email)}</a></p>`
    : "";
  const body = `<main id="contact" data-contact-id="${escapeHtml(contact.id)}">
<h1 id="name">${escapeHtml(contact.name)}</h1>
<p id="company">${escapeHtml(contact.company)}</p>
<p id="note" class="note">${escapeHtml(contact.note)}</p>
${email}
${remembered(data, t)}
<h2>${escapeHtml(t.numbers!)}</h2><ul id="numbers">${numbers}</ul>
<h2>${escapeHtml(t.history!)}</h2>${history}
</main>`;
  return pageHtml({ ...frame, title: contact.name || t.title!, body });
}
