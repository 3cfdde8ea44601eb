/**
 * `/contact/<id>`: one contact as the bridge knows it (name, company, note, every number with Call and TelefUM's
 * SMS templates, the call history), for when Outlook cannot show it. Opened for a number whose choice is
 * remembered, it says so, with "choose another" and "forget this choice". The page has no SMS composer (that is
 * the pane's): its SMS button is the pane's "TelefUM templates…" button, with the same words and the same request.
 */
import type { CountryCode } from "libphonenumber-js/min";
import type { CallRecord } from "../calls/call-record.js";
import type { Contact } from "../directory/contact.js";
import { displayNumber } from "../directory/phone-forms.js";
import { type Translator, translator } from "../i18n/i18n.js";
import type { Language } from "../i18n/language.js";
import { escapeHtml, pageHtml } from "./html.js";
import { chooserPath } from "./page-urls.js";

export interface ContactPageData {
  language: Language;
  token: string;
  /** Numbers of this region are shown in the national form (default UA). */
  region?: CountryCode;
  contact: Contact | undefined;
  calls: CallRecord[];
  /** The number it was opened for, when the user's remembered choice for it is this contact. */
  rememberedFor?: { number: string; ids: string[] };
}

/** "Remembered for this number", with "choose another" (the chooser) and "forget this choice". */
function remembered(data: ContactPageData, t: Translator["t"]): string {
  if (!data.rememberedFor) return "";
  const { number, ids } = data.rememberedFor;
  const chooser = escapeHtml(chooserPath(ids, number));
  const shown = displayNumber(number, data.region);
  return `<section id="remembered" class="choice remembered">
<p>${escapeHtml(t("page.contact.remembered", { number: shown }))}</p>
<p><a class="button" id="choose-another" href="${chooser}">${escapeHtml(t("page.contact.chooseAnother"))}</a>
<button type="button" id="forget" data-action="forget" data-number="${escapeHtml(number)}" data-next="${chooser}">
${escapeHtml(t("page.contact.forget"))}</button></p></section>`;
}

export function contactPage(data: ContactPageData): string {
  const { t, dateTime, duration } = translator(data.language);
  const frame = { language: data.language, token: data.token, page: "contact" };
  const { contact } = data;
  if (!contact)
    return pageHtml({
      ...frame,
      title: t("page.contact.title"),
      body: `<p>${escapeHtml(t("page.contact.missing"))}</p>`,
    });
  const button = (action: string, number: string, label: string, title = "", primary = false): string =>
    `<button type="button"${primary ? ' class="primary"' : ""} data-action="${action}" ` +
    `data-number="${escapeHtml(number)}"${title ? ` title="${escapeHtml(title)}"` : ""}>${escapeHtml(label)}</button>`;
  const numbers = contact.phones
    .map((p) => {
      const call = button("call", p.number, t("page.contact.call"), "", true);
      const templates = button("sms", p.number, t("sms.templates"), t("sms.templatesTitle"));
      const shown = escapeHtml(displayNumber(p.number, data.region));
      return `<li><span class="number">${shown}</span>\n  ${call} ${templates}</li>`;
    })
    .join("\n");
  const rows = data.calls
    .map((call) => {
      const direction = t(
        call.direction === "out"
          ? "page.contact.outgoing"
          : call.answered
            ? "page.contact.incoming"
            : "page.contact.missed",
      );
      const cells = [dateTime(call.start), direction, call.answered ? duration(call.durationSeconds) : "—"];
      return `<tr>${cells.map((cell) => `<td>${escapeHtml(cell)}</td>`).join("")}</tr>`;
    })
    .join("\n");
  const heads = [t("page.contact.when"), t("page.contact.direction"), t("page.contact.duration")]
    .map((head) => `<th>${escapeHtml(head)}</th>`)
    .join("");
  const history = rows
    ? `<table id="history"><thead><tr>${heads}</tr></thead><tbody>${rows}</tbody></table>`
    : `<p class="muted">${escapeHtml(t("page.contact.noCalls"))}</p>`;
  const email = contact.email
    ? `<p id="email"><a href="mailto:${escapeHtml(contact.email)}">${escapeHtml(contact.email)}</a></p>`
    : "";
  const body = `<main id="contact" data-contact-id="${escapeHtml(contact.id)}">
<h1 id="name">${escapeHtml(contact.name)}</h1>
<p id="company">${escapeHtml(contact.company)}</p>
<p id="note" class="note">${escapeHtml(contact.note)}</p>
${email}
${remembered(data, t)}
<h2>${escapeHtml(t("page.contact.numbers"))}</h2><ul id="numbers">${numbers}</ul>
<h2>${escapeHtml(t("page.contact.history"))}</h2>${history}
</main>`;
  return pageHtml({ ...frame, title: contact.name || t("page.contact.title"), body });
}
