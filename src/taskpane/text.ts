/**
 * The pane's language: Outlook's display language (Office.context.displayLanguage), in a plain browser the
 * browser's, else English. Chosen once before the views are built; every view reads its words through `t`.
 */
import { pickLanguage, translator, type Params, type Translator } from "../../bridge/i18n/i18n.js";
import type { InvalidInputReason } from "../../bridge/protocol/inputs.js";
import { ApiError } from "../shared/api.js";

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

/** Refusals a person can fix, in their words; other reasons are the bridge's detail. */
const REASON_KEYS: Partial<Record<InvalidInputReason, string>> = {
  EMPTY_NUMBER: "errors.EMPTY_NUMBER",
  BAD_NUMBER: "errors.BAD_NUMBER",
  BAD_DEVICE: "errors.BAD_DEVICE",
  EMPTY_TEXT: "errors.EMPTY_TEXT",
};

/** What went wrong, in the pane's language: the refused input's reason, an unreachable bridge or TelefUM. */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 0) return t("errors.offline");
    if (error.status === 401) return t("pane.pairingFailed");
    if (error.status === 503) return t("errors.telefum");
    const reason = error.reason && REASON_KEYS[error.reason];
    if (reason) return t(reason);
  }
  return t("errors.other", { message: (error as Error).message });
}
