/** What the core needs from the world besides the transport; Microsoft 365 and the pane plug in here. */
import type { Contact } from "../directory/contact.js";
import type { CallRecord } from "../calls/call-record.js";
import type { EventHub } from "./events.js";

/** The core's events are a port too: adapters emit through them (the pane opens cards, failures are reported). */
export type { BridgeEvent, BridgeEvents, EventHub } from "./events.js";

export interface CardRequest {
  ids: string[];
  contacts: Contact[];
  /** Ids TelefUM sent that the index does not know (deleted since, say). */
  missingIds: string[];
  /** The number these ids were offered for, when the bridge answered it recently (for "remember my choice"). */
  number?: string;
}

/** Opens a contact for the user (Outlook on the web, classic Outlook, or the add-in pane). */
export interface CardOpener {
  readonly name: string;
  open(request: CardRequest): Promise<void>;
}

/** What the user typed in the new-contact form; absent fields get defaults ("New contact N"). */
export interface NewContactDetails {
  name?: string;
  company?: string;
  note?: string;
  email?: string;
}

/** Creates a contact for a number TelefUM has no contact for (CREATECARD, or the pane's form). */
export interface ContactCreator {
  readonly name: string;
  create(number: string, details?: NewContactDetails): Promise<Contact>;
}

/** Receives every logged call (mailbox writer, for one). Must be idempotent on CallRecord.id. */
export interface CallSink {
  readonly name: string;
  /**
   * Optional durable part: runs inside the call log's transaction, so the call and what the sink keeps of it are
   * committed together or not at all. Called for a repeated call too; true when the sink took it now (then
   * `record` follows), false when it had it already.
   */
  queue?(call: CallRecord, contacts: Contact[]): boolean;
  /** After the commit: a new call (or one `queue` just took). Slow work goes here, never into `queue`. */
  record(call: CallRecord, contacts: Contact[]): Promise<void>;
}

/** Takes back what a `use…`/`add…` put in place; calling it again does nothing. */
export type Restore = () => void;

/**
 * The core as its adapters see it. The latest card opener / contact creator put in place is used until its
 * restore function is called; then the one before it is back (in the end the core's own: the pane, the local index).
 */
export interface AdapterHost {
  readonly events: EventHub;
  useCardOpener(opener: CardOpener): Restore;
  useContactCreator(creator: ContactCreator): Restore;
  /** Every sink added and not yet removed gets each logged call, in the order they were added. */
  addCallSink(sink: CallSink): Restore;
}
