/**
 * What the /api/events socket sends the pane, one JSON text per message: a hello, then the core's events the pane
 * is meant to see (not raw wire traffic from TelefUM). The core owns the event types; these schemas are proven the
 * same shape, so a test can check every message a real bridge sends.
 */
import * as v from "valibot";
import type { BridgeEvent } from "../core/events.js";
import { PROTOCOL_ERROR_CODES } from "../protocol/errors.js";
import { REASON_CODES } from "./reasons.js";
import { CALL_RECORD, CONTACT } from "./records.js";
import { sameShape } from "./same-shape.js";

const event = <T extends string, E extends v.ObjectEntries>(type: T, entries: E) =>
  v.object({ type: v.literal(type), ...entries });

const at = v.string();
const params = v.record(v.string(), v.union([v.string(), v.number()]));

export const PANE_EVENT = v.variant("type", [
  event("incoming-call", { number: v.string(), device: v.number(), line: v.number(), contacts: v.array(CONTACT), at }),
  event("open-card", {
    ids: v.array(v.string()),
    contacts: v.array(CONTACT),
    missingIds: v.array(v.string()),
    number: v.optional(v.string()),
    chosen: v.optional(v.string()),
  }),
  event("contact-created", { number: v.string(), contact: CONTACT }),
  event("call-logged", { call: CALL_RECORD }),
  event("sms-sent", {
    number: v.string(),
    text: v.string(),
    device: v.nullable(v.number()),
    template: v.boolean(),
    at,
  }),
  event("sent", { text: v.string(), at }),
  event("team", { at }),
  event("failure", {
    stage: v.string(),
    /** What a person reads: `reasons.<code>` with `params`; `message` is the English for the log. */
    code: v.picklist(REASON_CODES),
    params,
    message: v.string(),
    text: v.optional(v.string()),
  }),
  event("new-contact-form", { number: v.string() }),
  event("notice", {
    stage: v.string(),
    level: v.picklist(["info", "warn"]),
    message: v.string(),
    key: v.string(),
    params,
    where: v.optional(v.object({ key: v.string(), url: v.optional(v.string()) })),
  }),
  event("protocol-error", {
    error: v.object({
      code: v.picklist(PROTOCOL_ERROR_CODES),
      message: v.string(),
      raw: v.string(),
      params: v.optional(params),
    }),
  }),
]);
export type PaneEvent = v.InferOutput<typeof PANE_EVENT>;

/** The core's event types the pane is sent. */
export const PANE_EVENT_TYPES = PANE_EVENT.options.map((option) => option.entries.type.literal);
sameShape<PaneEvent, Extract<BridgeEvent, { type: PaneEvent["type"] }>>();

export const PANE_SOCKET_MESSAGE = v.variant("type", [
  v.object({ type: v.literal("hello"), transport: v.string() }),
  v.object({ type: v.literal("event"), event: PANE_EVENT }),
]);
export type PaneSocketMessage = v.InferOutput<typeof PANE_SOCKET_MESSAGE>;
