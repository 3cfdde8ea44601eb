/**
 * The local API's contract, written once: every request and response body of /api/* (the add-in routes and the
 * Microsoft 365 ones), the /api/events socket messages, and the pairing token's header. The bridge routes and the
 * pane (src/) both import it, so they cannot drift apart. Types and plain constants only, no Node imports: the
 * pane's browser type check reads this file and webpack bundles it.
 */
import type { CallRecord, DayCount } from "../calls/call-record.js";
import type { BridgeEvent } from "../core/events.js";
import type { Contact } from "../directory/contact.js";
import type { NotUnderstood } from "../inbox/not-understood-entry.js";
import type { DeviceCodeInfo, Microsoft365Status, SourceStatus } from "./m365-status.js";
import type { NoteView } from "./caller-context.js";
import type { InvalidInputReason } from "../protocol/inputs.js";
import type { SmsDevice } from "../protocol/messages.js";

export type { Contact, DayCount, DeviceCodeInfo, Microsoft365Status, NotUnderstood, SmsDevice, SourceStatus };
export type {
  ContextAnswer,
  ContextCall,
  MailLine,
  MailSuggestion,
  MeetingLine,
  NoteView,
  SmsLine,
  TaskLine,
} from "./caller-context.js";

/** The header carrying the pairing token on every /api/ request (the events socket takes it as ?token=). */
export const TOKEN_HEADER = "x-bridge-token";
/** Where the bridge writes the token into the pages it serves. */
export const TOKEN_META = "telefum-bridge-token";

/** Every refusal: the reason a person can act on; `reason` names why an input was invalid (400). */
export interface ErrorAnswer {
  error: string;
  reason?: InvalidInputReason;
}

/** GET /api/status */
export interface StatusAnswer {
  ok: true;
  transport: string;
  contacts: number;
  scheme: string;
  /** Only when something is wrong with the store: read-only (lookups only), or replaced after damage. */
  store?: { readOnly: boolean; problem: string };
  /** How text reaches TelefUM (cp1251, utf16le, utf8): with cp1251 the SMS composer warns what it cannot carry. */
  encoding: string;
}

/** GET /api/contacts?q=&limit= */
export interface ContactsAnswer {
  contacts: Contact[];
}

/** A logged call with the names of the contacts it matched. */
export interface HistoryEntry extends CallRecord {
  contacts: { id: string; name: string }[];
}

/** GET /api/lookup?number=: every contact on a number, the remembered choice, and recent calls. */
export interface LookupAnswer {
  number: string;
  contacts: Contact[];
  chosen: string | null;
  calls: HistoryEntry[];
}

/** POST /api/call, POST /api/sms-template */
export interface NumberRequest {
  number: string;
}

/** POST /api/sms */
export interface SmsRequest {
  number: string;
  text: string;
  device: SmsDevice;
}

/** What /api/call, /api/sms and /api/sms-template sent to TelefUM. */
export interface SentAnswer {
  sent: string;
}

/** POST /api/contacts: absent fields get defaults ("New contact N"); `open` opens it as CARD^id^ would. */
export interface NewContactRequest {
  number: string;
  name?: string;
  company?: string;
  note?: string;
  email?: string;
  open?: boolean;
}

/** POST /api/contacts (201) */
export interface ContactCreatedAnswer {
  contact: Contact;
}

/** POST /api/choose: the chooser's answer; remembered for `number` (when given) and opened. */
export interface ChooseRequest {
  id: string;
  number?: string;
}

export interface ChooseAnswer {
  id: string;
  number: string | null;
  /** The choice remembered for the number now. */
  chosen: string | null;
}

/** POST /api/forget-choice: CARD with that number's ids shows the chooser again. */
export interface ForgetChoiceRequest {
  number: string;
}

export interface ForgetChoiceAnswer {
  number: string;
  chosen: null;
}

/** GET /api/not-understood?limit=: messages from TelefUM the bridge could not understand, newest first. */
export interface NotUnderstoodAnswer {
  messages: NotUnderstood[];
}

/** GET /api/history?number=&limit= */
export interface HistoryAnswer {
  calls: HistoryEntry[];
}

/** GET /api/history/per-day?days= : every day up to today, zero-filled. */
export interface PerDayAnswer {
  today: string;
  days: DayCount[];
}

/**
 * POST /api/notes: a new note on `number`, or new text for note `id` (editable for 24 hours, else 409). A new note
 * waits for its call's CALLHISTORY, or joins `callId` when that call is already logged.
 */
export interface NoteRequest {
  number: string;
  text: string;
  id?: number;
  callId?: number;
}

export interface NoteAnswer {
  note: NoteView;
}

/** GET /api/missed, and the answer of POST /api/missed/done: missed calls not yet called back, newest first. */
export interface MissedAnswer {
  calls: HistoryEntry[];
}

/** POST /api/missed/done */
export interface MissedDoneRequest {
  callId: number;
}

/** GET /api/m365/status, and the answer of POST /api/m365/sync and /api/m365/signout. */
export type M365StatusAnswer = Microsoft365Status;
/** POST /api/m365/signin/device: the code to show the user. */
export type M365SignInAnswer = DeviceCodeInfo;

/** POST /api/m365/sources: switches one source of numbers on or off; answers the status. */
export interface M365SourceSwitchRequest {
  /** A `key` of the status's `sync.sources`. */
  key: string;
  enabled: boolean;
}

/** POST /api/m365/retry */
export interface M365RetryAnswer {
  requeued: number;
  status: Microsoft365Status;
}

/** The core's events the pane is sent (not raw wire traffic from TelefUM). */
export const PANE_EVENT_TYPES = [
  "incoming-call",
  "open-card",
  "contact-created",
  "call-logged",
  "sms-sent",
  "sent",
  "failure",
  "new-contact-form",
  "notice",
  "protocol-error",
] as const;
export type PaneEvent = Extract<BridgeEvent, { type: (typeof PANE_EVENT_TYPES)[number] }>;

/** What /api/events sends, one JSON text per message. */
export type PaneSocketMessage = { type: "hello"; transport: string } | { type: "event"; event: PaneEvent };
