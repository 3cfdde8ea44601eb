/** What went wrong with a bridge request, in the reader's language (the pane's and the ribbon's). */
import { isReasonCode, reasonOf, reasonText } from "../../bridge/api-contract/reasons.js";
import type { Translator } from "../../bridge/i18n/i18n.js";
import { ApiError } from "./api.js";

/** An unreachable bridge or TelefUM, else the answer's reason (`reasons.<CODE>`), else `reasonOf` what was thrown. */
export function errorText(error: unknown, t: Translator["t"]): string {
  if (error instanceof ApiError) {
    if (error.status === 0) return t("errors.offline");
    if (error.status === 401) return t("pane.pairingFailed");
    if (error.status === 503) return t("errors.telefum");
    if (isReasonCode(error.reason)) return reasonText({ t }, { code: error.reason, params: error.params });
  }
  return reasonText({ t }, reasonOf(error));
}
