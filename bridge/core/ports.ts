/** What the core needs from the world besides the transport; Microsoft 365 and the pane plug in here. */
import type { Contact } from "../directory/contact.js";
import type { CallRecord } from "../calls/call-record.js";
import type { Language } from "../i18n/i18n.js";
import type { EventHub } from "./events.js";
import type { Place } from "./notice-text.js";

export type { Place };

/** The core's events are a port too: adapters emit through them (the pane opens cards, failures are reported). */
export type { BridgeEvent, BridgeEvents, EventHub } from "./events.js";

export interface CardRequest {
  ids: string[];
  contacts: Contact[];
  /** Ids TelefUM sent that the index does not know (deleted since, say). */
  missingIds: string[];
  /** The number these ids were offered for, when the bridge answered it recently (for "remember my choice"). */
  number?: string;
  /** The contact the user chose before for `number`, among `contacts`: opened directly, the rest a click away. */
  chosen?: string;
}

/** Opens a contact for the user (Outlook on the web, classic Outlook, the pane or a local page). */
export interface CardOpener {
  readonly name: string;
  /** Answers where it opened, for the log and the pane's activity. */
  open(request: CardRequest): Promise<Place>;
}

/**
 * The bridge's own views, for when Outlook cannot show something (nobody signed in, a local contact): in the pane
 * when one is connected, else as the bridge's local page in the default browser. Each answers where it showed.
 */
export interface LocalViews {
  /** One contact (or the remembered one, with the others a click away), or the chooser for several. */
  showCard(request: CardRequest, options?: { page?: boolean }): Promise<Place>;
  /** The new-contact form with the number filled in. */
  showNewContactForm(number: string): Promise<Place>;
  /** A web link (CARD^https://…^, createCard.urlTemplate) in the default browser. */
  openLink(url: string): Promise<Place>;
  /** The contact's web link, TelefUM's id with `card.idForm: "url"` (Outlook on the web, else the local page). */
  contactLink(contact: Contact): string | undefined;
  /** The id behind one of contactLink's links, so a CARD carrying it opens the contact. */
  contactIdOfLink(url: string): string | undefined;
}

/** What CREATECARD does: the form with the number filled in, or create "New contact N" and open it. */
export interface CreateCardSettings {
  mode: "form" | "create-and-open";
  /** The spec's variant (a): open this link instead, `{phone}` replaced by the number. */
  urlTemplate?: string;
}

/** TelefUM's id of a contact in CONTACT replies: the index number, or the contact's web link (the web mode). */
export type IdForm = "number" | "url";

/** What the user typed in the new-contact form; absent fields get defaults ("New contact N"). */
export interface NewContactDetails {
  name?: string;
  /** The language of the screen that asked (the pane's): a placeholder name is made in it, so that screen reads one. */
  language?: Language;
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
  /** The local views in place now (the pane only, until the web server puts the pane-or-page ones in place). */
  readonly views: LocalViews;
  useCardOpener(opener: CardOpener): Restore;
  useContactCreator(creator: ContactCreator): Restore;
  /** Every sink added and not yet removed gets each logged call, in the order they were added. */
  addCallSink(sink: CallSink): Restore;
}
