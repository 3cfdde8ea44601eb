/**
 * The pane's language: Outlook's display language (Office.context.displayLanguage), in a plain browser the
 * browser's, else English. Chosen once before the views are built; every view reads its words through `t`.
 */
import { displayNumber } from "../../bridge/directory/phone-forms.js";
import { pickLanguage, translator, type Params, type Translator } from "../../bridge/i18n/i18n.js";
import { errorText as describeError } from "../shared/error-text.js";

let current: Translator = translator("en");

export function useLanguage(...tags: (string | undefined | null)[]): Translator {
  current = translator(pickLanguage(...tags));
  document.documentElement.lang = current.language;
  return current;
}

export function t(key: string, params?: Params): string {
  return current.t(key, params);
}

export function words(): Translator {
  return current;
}

/** A phone number in the one display form of every screen ("067 111 22 33"; "+48 12 345 67 89" abroad). */
export function phoneText(number: string): string {
  return displayNumber(number);
}

/** What went wrong, in the pane's language. */
export function errorText(error: unknown): string {
  return describeError(error, t);
}
