/** What the core needs from the world besides the transport; Microsoft 365 and the pane plug in here. */
import type { Contact } from "../directory/contact.js";
import type { CallRecord } from "../calls/call-record.js";

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
  record(call: CallRecord, contacts: Contact[]): Promise<void>;
}
