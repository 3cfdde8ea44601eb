/**
 * What the bridge itself says, in each language from the catalogs: its own pages (in the configured `language`)
 * and the notices the pane's activity list shows (in the pane's language; the log keeps English).
 */
import { describe, expect, it } from "vitest";
import { noticeText } from "../../bridge/core/notice-text.js";
import type { Contact } from "../../bridge/directory/contact.js";
import { translator } from "../../bridge/i18n/i18n.js";
import { chooserPage } from "../../bridge/pages/chooser-page.js";
import { contactPage } from "../../bridge/pages/contact-page.js";
import { newContactPage } from "../../bridge/pages/new-contact-page.js";

const olena: Contact = {
  id: "2",
  source: "local",
  externalId: null,
  folderId: null,
  name: "Олена Коваль",
  company: "ТОВ Ромашка",
  note: "",
  email: "",
  phones: [{ number: "0441234567", kind: "business" }],
  updatedAt: "2026-11-25T10:00:00.000Z",
};

describe("the bridge's own words", () => {
  it("shows its pages in the configured language, the page script's words included", () => {
    const chooser = chooserPage({ language: "uk", token: "t", contacts: [olena], number: "0441234567", chosen: "2" });
    expect(chooser).toContain('<html lang="uk">');
    expect(chooser).toContain("<h1>Хто це: 044 123 45 67?</h1>");
    expect(chooser).toContain('<span class="mark">(запамʼятано)</span>');
    expect(chooser).toContain('data-calling="Надіслано до TelefUM."');
    const contact = contactPage({
      language: "ru",
      token: "t",
      contact: olena,
      calls: [],
      rememberedFor: { number: "0441234567", ids: ["2", "3"] },
    });
    expect(contact).toContain("<p>Этот контакт запомнен для номера 044 123 45 67.</p>");
    expect(contact).toContain('<p class="muted">Звонков ещё не было.</p>');
    const form = newContactPage({ language: "en", token: "t", number: "0931112233" });
    expect(form).toContain('<label for="nc-number">Phone</label>');
    expect(form).toContain('data-failed="Could not:"');
  });

  it("says a notice in each language, where it opened included", () => {
    const words = { key: "notice.openedForm", params: { number: "0931112233" }, where: { key: "place.pane" } };
    expect(noticeText(translator("en"), words)).toBe("opened the new-contact form for 0931112233 in the pane");
    expect(noticeText(translator("uk"), words)).toBe("відкрито форму нового контакту для 0931112233 — панель");
    // A person reads who (names), never the index's ids.
    const params = { id: "2", who: "Вася Петров" };
    const page = { key: "notice.openedContact", params, where: { key: "place.browserAt", url: "u" } };
    expect(noticeText(translator("ru"), page)).toBe("открыт контакт Вася Петров — браузер по умолчанию (u)");
    const who = "Ганна Ґудзь, Петро Іваненко";
    const leftOut = { key: "notice.leftOut", params: { number: "044", count: 52, listed: 50, ids: "51, 52", who } };
    expect(noticeText(translator("uk"), leftOut)).toBe(
      "044: 52 контакти; у відповіді 50, у виборі всі (не ввійшли: Ганна Ґудзь, Петро Іваненко)",
    );
  });
});
