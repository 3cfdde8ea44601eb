/**
 * `/chooser?ids=&number=`: several contacts on one number. Each shows name, company and note; a click opens it the
 * way CARD^id^ does and remembers it for the number (POST /api/choose). With a number, every contact on it is
 * listed (TelefUM's reply carries at most 50 ids), with a filter box.
 */
import type { CountryCode } from "libphonenumber-js/min";
import type { Contact } from "../directory/contact.js";
import { displayNumber } from "../directory/phone-forms.js";
import { translator } from "../i18n/i18n.js";
import type { Language } from "../i18n/language.js";
import { escapeHtml, pageHtml } from "./html.js";

export interface ChooserPageData {
  language: Language;
  token: string;
  /** Numbers of this region are shown in the national form (default UA). */
  region?: CountryCode;
  contacts: Contact[];
  number?: string;
  /** The contact remembered for the number, if any. */
  chosen?: string;
}

export function chooserPage(data: ChooserPageData): string {
  const { t } = translator(data.language);
  const number = data.number ? ` data-number="${escapeHtml(data.number)}"` : "";
  const rows = data.contacts
    .map((c) => {
      const search = `${c.name} ${c.company} ${c.note}`.toLowerCase();
      const mine = c.id === data.chosen;
      const mark = mine ? ` <span class="mark">(${escapeHtml(t("page.chooser.remembered"))})</span>` : "";
      const id = escapeHtml(c.id);
      const open = `<button type="button" class="primary" data-action="choose" data-id="${id}"${number}>`;
      const row = `class="choice${mine ? " remembered" : ""}" data-contact-id="${id}"`;
      return `<li ${row} data-search="${escapeHtml(search)}">
<strong class="name">${escapeHtml(c.name)}</strong>${mark}
<span class="company">${escapeHtml(c.company)}</span>
<span class="note">${escapeHtml(c.note)}</span>
<span>${open}${escapeHtml(t("page.chooser.open"))}</button></span></li>`;
    })
    .join("\n");
  const heading = data.number
    ? t("page.chooser.whoIs", { number: displayNumber(data.number, data.region) })
    : t("page.chooser.title");
  const forgetButton = `<button type="button" id="forget" data-action="forget"${number}>`;
  const forget =
    data.chosen && data.number ? `<p>${forgetButton}${escapeHtml(t("page.chooser.forget"))}</button></p>` : "";
  const filter =
    data.contacts.length > 5
      ? `<label>${escapeHtml(t("page.chooser.filter"))} <input type="search" data-filter id="filter"></label>`
      : "";
  const hint = `<p class="muted">${escapeHtml(t("page.chooser.hint"))}</p>`;
  const body = `<main id="chooser"><h1>${escapeHtml(heading)}</h1>${hint}
${filter}<ul id="choices">${rows}</ul>${forget}</main>`;
  return pageHtml({
    language: data.language,
    token: data.token,
    page: "chooser",
    title: t("page.chooser.title"),
    body,
  });
}
