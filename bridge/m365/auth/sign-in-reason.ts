/**
 * Why a sign-in did not work, as one of a few reasons a person can act on (no network, cancelled or expired,
 * consent an administrator must give, an account or tenant problem, anything else). MSAL's and Entra's own words
 * (`network_error: …`, `AADSTS65001: …`) stay in the log and, for "anything else", in a quoted detail.
 */
import type { SignInReason } from "../../api-contract/reasons.js";
import { errorMessage } from "../../log/error-message.js";

/** Entra's codes: consent an administrator must give (or the user has not), then accounts and tenants it rejects. */
const CONSENT = /AADSTS(65001|65004|90094|90095|900941|900942|650051|650052|650056|650057)\b|consent_required/i;
const ACCOUNT_CODES = "50020|50034|50053|50055|50057|50059|50126|50128|53003|700016|7000112|90002|90072";
const ACCOUNT = new RegExp(`AADSTS(${ACCOUNT_CODES})\\b|invalid_client|unauthorized_client`, "i");
const CANCELLED = /authorization_declined|user_cancel+ed|expired_token|code_expired|AADSTS70020\b/i;
const NETWORK =
  /network_error|endpoints_resolution|fetch failed|ECONNREFUSED|ECONNRESET|ENOTFOUND|ETIMEDOUT|EAI_AGAIN/i;

export function signInReason(error: unknown): SignInReason {
  const parts = error as { errorCode?: unknown; subError?: unknown; cause?: unknown };
  const text = [errorMessage(error), parts.errorCode, parts.subError, parts.cause && errorMessage(parts.cause)]
    .filter((part) => typeof part === "string" && part)
    .join(" ");
  if (CONSENT.test(text)) return { code: "SIGNIN_CONSENT" };
  if (ACCOUNT.test(text)) return { code: "SIGNIN_ACCOUNT" };
  if (CANCELLED.test(text)) return { code: "SIGNIN_CANCELLED" };
  if (NETWORK.test(text)) return { code: "SIGNIN_NETWORK" };
  return { code: "SIGNIN_OTHER", params: { detail: errorMessage(error).slice(0, 200) } };
}
