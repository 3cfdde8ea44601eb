/**
 * Response schemas of the records the local API hands out: contacts, logged calls, day counts, messages TelefUM
 * sent that were not understood. The rooms below own these types; each schema is proven the same shape.
 */
import * as v from "valibot";
import type { CallRecord, DayCount } from "../calls/call-record.js";
import type { Contact } from "../directory/contact.js";
import type { NotUnderstood } from "../inbox/not-understood-entry.js";
import { sameShape } from "./same-shape.js";

const sharedMailbox = v.custom<`shared:${string}`>((value) => typeof value === "string" && value.startsWith("shared:"));

export const CONTACT = v.object({
  id: v.string(),
  source: v.union([v.picklist(["outlook", "orgcontact", "directory", "import", "local"]), sharedMailbox]),
  externalId: v.nullable(v.string()),
  folderId: v.nullable(v.string()),
  name: v.string(),
  company: v.string(),
  note: v.string(),
  email: v.string(),
  phones: v.array(v.object({ number: v.string(), kind: v.picklist(["mobile", "business", "home", "other"]) })),
  updatedAt: v.string(),
});
sameShape<v.InferOutput<typeof CONTACT>, Contact>();

export const CALL_RECORD = v.object({
  id: v.number(),
  number: v.string(),
  direction: v.picklist(["in", "out"]),
  answered: v.boolean(),
  start: v.string(),
  durationSeconds: v.number(),
  recordingPath: v.string(),
  contactIds: v.array(v.string()),
  receivedAt: v.string(),
});
sameShape<v.InferOutput<typeof CALL_RECORD>, CallRecord>();

/** A logged call with the names of the contacts it matched. */
export const HISTORY_ENTRY = v.object({
  ...CALL_RECORD.entries,
  contacts: v.array(v.object({ id: v.string(), name: v.string() })),
});
export type HistoryEntry = v.InferOutput<typeof HISTORY_ENTRY>;

export const DAY_COUNT = v.object({ day: v.string(), incoming: v.number(), outgoing: v.number(), missed: v.number() });
sameShape<v.InferOutput<typeof DAY_COUNT>, DayCount>();

export const NOT_UNDERSTOOD = v.object({
  id: v.number(),
  receivedAt: v.string(),
  code: v.string(),
  reason: v.string(),
  params: v.record(v.string(), v.union([v.string(), v.number()])),
  raw: v.string(),
});
sameShape<v.InferOutput<typeof NOT_UNDERSTOOD>, NotUnderstood>();
