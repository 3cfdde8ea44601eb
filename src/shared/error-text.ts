/** What went wrong with a bridge request, in the reader's language (the pane's and the ribbon's). */
import type { ErrorAnswer } from "../../bridge/api-contract/endpoint.js";
import type { Translator } from "../../bridge/i18n/i18n.js";
import { ApiError } from "./api.js";
import { errorMessage } from "../../bridge/log/error-message.js";

/** Refusals a person can fix, in their words; other reasons are the bridge's detail. */
const REASON_KEYS: Partial<Record<NonNullable<ErrorAnswer["reason"]>, string>> = {
  EMPTY_NUMBER: "errors.EMPTY_NUMBER",
  BAD_NUMBER: "errors.BAD_NUMBER",
  BAD_DEVICE: "errors.BAD_DEVICE",
  EMPTY_TEXT: "errors.EMPTY_TEXT",
  BAD_SITE: "errors.BAD_SITE",
  BAD_LIST: "errors.BAD_LIST",
  "setting.managed": "errors.managed",
};

/** The refused input's reason, an unreachable bridge or TelefUM, else the bridge's own detail. */
export function errorText(error: unknown, t: Translator["t"]): string {
  if (error instanceof ApiError) {
    if (error.status === 0) return t("errors.offline");
    if (error.status === 401) return t("pane.pairingFailed");
    if (error.status === 503) return t("errors.telefum");
    const reason = error.reason && REASON_KEYS[error.reason];
    if (reason) return t(reason);
  }
  return t("errors.other", { message: errorMessage(error) });
}
