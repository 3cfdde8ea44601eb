/**
 * The local API of Microsoft 365: status, sign-in, sync, sources. Only the status answers on a bridge without
 * Microsoft 365 (`enabled: false`, and `missing: "clientId"` when the administrator's client id is what is lacking).
 */
import * as v from "valibot";
import type { Endpoint } from "./endpoint.js";
import { flag, text } from "./fields.js";
import { DEVICE_CODE_INFO, MICROSOFT365_STATUS } from "./m365-status.js";
import { API } from "./paths.js";

export const m365Status = {
  method: "GET",
  path: API.m365Status,
  answer: MICROSOFT365_STATUS,
} as const satisfies Endpoint;

/** Syncs now; answers the status afterwards. */
export const m365Sync = {
  method: "POST",
  path: API.m365Sync,
  answer: MICROSOFT365_STATUS,
} as const satisfies Endpoint;

/** Starts a device code sign-in (or joins the waiting one): the code to show the user at once. */
export const m365SignIn = {
  method: "POST",
  path: API.m365SignIn,
  answer: DEVICE_CODE_INFO,
} as const satisfies Endpoint;

/** Forgets the sign-in; answers the status. */
export const m365SignOut = {
  method: "POST",
  path: API.m365SignOut,
  answer: MICROSOFT365_STATUS,
} as const satisfies Endpoint;

/** Switches one source of numbers on or off; answers the status. */
export const m365Sources = {
  method: "POST",
  path: API.m365Sources,
  /** `key`: a `key` of the status's `sync.sources`. */
  body: v.object({ key: text("key"), enabled: flag("enabled") }),
  answer: MICROSOFT365_STATUS,
} as const satisfies Endpoint;

/** Calls Outlook refused for good (403, say) go back into the queue once the cause is fixed. */
export const m365Retry = {
  method: "POST",
  path: API.m365Retry,
  answer: v.object({ requeued: v.number(), status: MICROSOFT365_STATUS }),
} as const satisfies Endpoint;
