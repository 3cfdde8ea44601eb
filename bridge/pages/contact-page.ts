/**
 * `/contact/<id>`: one contact as the bridge knows it (name, company, note, every number with Call and SMS, the
 * call history), for when Outlook cannot show it. Opened for a number whose choice is remembered, it says so,
 * with "choose another" and "forget this choice".
 */
import type { CallRecord } from "../calls/call-record.js";
import { formatDuration } from "../protocol/codec.js";
import type { Contact } from "../directory/contact.js";
import { type Translator, translator } from "../i18n/i18n.js";
import type { Language } from "../i18n/language.js";
import { escapeHtml, pageHtml } from "./html.js";
import { chooserPath } from "./page-urls.js";

export interface ContactPageData {
  language: Language;
  token: string;
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
  return `<section id="remembered" class="choice remembered">
<p>${escapeHtml(t("page.contact.remembered", { number }))}</p>
<p><a class="button" id="choose-another" href="${chooser}">${escapeHtml(t("page.contact.chooseAnother"))}</a>
<button type="button" id="forget" data-action="forget" data-number="${escapeHtml(number)}" data-next="${chooser}">
${escapeHtml(t("page.contact.forget"))}</button></p></section>`;
}

export function contactPage(data: ContactPageData): string {
  const { t } = translator(data.language);
  const frame = { language: data.language, token: data.token, page: "contact" };
  const { contact } = data;
  if (!contact)
    return pageHtml({
      ...frame,
      title: t("page.contact.title"),
      body: `<p>${escapeHtml(t("page.contact.missing"))}</p>`,
    });
  const button = (action: string, number: string, label: string, primary = false): string =>
    `<button type="button"${primary ? ' class="primary"' : ""} data-action="${action}" ` +
    `data-number="${escapeHtml(number)}">${escapeHtml(label)}</button>`;
  const numbers = contact.phones
    .map(
      (p) => `<li><span class="number">${escapeHtml(p.number)}</span>
  ${button("call", p.number, t("page.contact.call"), true)} ${button("sms", p.number, t("page.contact.sms"))}</li>`,
    )
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
      const cells = [call.start, direction, formatDuration(call.durationSeconds)];
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
