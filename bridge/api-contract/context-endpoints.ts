/** The local API of the call card's context: what it shows, the notes typed during calls, the missed calls. */
import * as v from "valibot";
import { phoneNumber } from "../protocol/inputs.js";
import { CONTEXT_ANSWER, NOTE_VIEW } from "./caller-context.js";
import type { Endpoint } from "./endpoint.js";
import { id, phone } from "./fields.js";
import { API } from "./paths.js";
import { HISTORY_ENTRY } from "./records.js";

/** Longest note typed during a call. */
export const MAX_NOTE = 4000;

export const context = {
  method: "GET",
  path: API.context,
  query: v.pipe(
    v.object({
      number: v.pipe(
        v.optional(v.string(), ""),
        v.transform((given) => (given.trim() === "" ? "" : phoneNumber(given))),
      ),
      contactId: v.optional(v.string()),
    }),
    v.check((query) => query.number !== "" || !!query.contactId, "number or contactId is required"),
  ),
  answer: CONTEXT_ANSWER,
} as const satisfies Endpoint;

/**
 * A new note on `number`, or new text for note `id` (editable for 24 hours, else 409). A new note waits for its
 * call's CALLHISTORY, or joins `callId` when that call is already logged.
 */
export const saveNote = {
  method: "POST",
  path: API.notes,
  body: v.object({
    number: phone("number"),
    text: v.pipe(
      v.nullish(v.string('"text" must be a string'), ""),
      v.maxLength(MAX_NOTE, `a note is at most ${MAX_NOTE} characters`),
    ),
    id: v.nullish(id("id")),
    callId: v.nullish(id("callId")),
  }),
  answer: v.object({ note: NOTE_VIEW }),
} as const satisfies Endpoint;

/** Missed calls not yet called back, newest first. */
const MISSED = v.object({ calls: v.array(HISTORY_ENTRY) });

export const missed = { method: "GET", path: API.missed, answer: MISSED } as const satisfies Endpoint;

/** One missed call dealt with; answers those still open. */
export const missedDone = {
  method: "POST",
  path: API.missedDone,
  body: v.object({ callId: id("callId") }),
  answer: MISSED,
} as const satisfies Endpoint;
