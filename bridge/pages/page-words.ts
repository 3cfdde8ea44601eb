/** What the page script says after an action (one table for the script's words on every page). */
import type { Language } from "../language.js";

export const SCRIPT_WORDS: Record<Language, Record<string, string>> = {
  uk: {
    calling: "TelefUM набирає номер…",
    smsopened: "TelefUM відкрив вікно SMS.",
    opening: "Відкриваю контакт…",
    forgotten: "Вибір забуто.",
    saved: "Збережено:",
    failed: "Не вдалося:",
  },
  ru: {
    calling: "TelefUM набирает номер…",
    smsopened: "TelefUM открыл окно SMS.",
    opening: "Открываю контакт…",
    forgotten: "Выбор забыт.",
    saved: "Сохранено:",
    failed: "Не удалось:",
  },
  en: {
    calling: "TelefUM is dialling…",
    smsopened: "TelefUM opened its SMS window.",
    opening: "Opening the contact…",
    forgotten: "Choice forgotten.",
    saved: "Saved:",
    failed: "Could not:",
  },
};
