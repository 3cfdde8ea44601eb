/** What the bridge's /api answers with: the bridge's own types (type-only imports), so the two cannot drift apart. */
export type { Contact, PhoneKind } from "../../bridge/directory/contact.js";
export type { DayCount } from "../../bridge/calls/call-record.js";
export type { HistoryEntry as CallEntry, LookupAnswer as Lookup } from "../../bridge/addin-api/api-types.js";
export type { SmsDevice } from "../../bridge/protocol/messages.js";
/** Live events pushed over /api/events: the core's events. */
export type { BridgeEvent as PaneEvent } from "../../bridge/core/events.js";
/** Microsoft 365 sign-in and sync, as GET /api/m365/status reports it. */
export type { DeviceCodeInfo, Microsoft365Status } from "../../bridge/m365/status.js";
