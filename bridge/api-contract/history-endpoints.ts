/** The local API of what happened: the call log, its per-day figures, the messages that were not understood. */
import * as v from "valibot";
import type { Endpoint } from "./endpoint.js";
import { count } from "./fields.js";
import { API } from "./paths.js";
import { DAY_COUNT, HISTORY_ENTRY, NOT_UNDERSTOOD } from "./records.js";

export const history = {
  method: "GET",
  path: API.history,
  query: v.object({
    /** Calls on this number only (blank is every call). */
    number: v.pipe(
      v.optional(v.string(), ""),
      v.transform((number) => number.trim()),
    ),
    limit: count("limit", 50, 500),
  }),
  answer: v.object({ calls: v.array(HISTORY_ENTRY) }),
} as const satisfies Endpoint;

/** Every day up to today, zero-filled. */
export const historyPerDay = {
  method: "GET",
  path: API.historyPerDay,
  query: v.object({ days: count("days", 14, 366) }),
  answer: v.object({ today: v.string(), days: v.array(DAY_COUNT) }),
} as const satisfies Endpoint;

/** Messages from TelefUM the bridge could not understand, newest first. */
export const notUnderstood = {
  method: "GET",
  path: API.notUnderstood,
  query: v.object({ limit: count("limit", 50, 500) }),
  answer: v.object({ messages: v.array(NOT_UNDERSTOOD) }),
} as const satisfies Endpoint;
