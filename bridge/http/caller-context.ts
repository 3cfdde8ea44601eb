/**
 * What the call card shows beyond the caller's name (GET /api/context), and what the context asks of the mailbox:
 * part of the API contract, plain types with no runtime imports, so the pane imports them as they are.
 */
import type { Contact } from "../directory/contact.js";

/** One email exchanged with the contact: `in` they sent it, `out` you did. */
export interface MailLine {
  id: string;
  subject: string;
  at: string;
  direction: "in" | "out";
  /** Outlook on the web; in Outlook the pane opens `id` with displayMessageForm. */
  webLink: string;
}

export interface MeetingLine {
  id: string;
  subject: string;
  /** UTC, `yyyy-mm-ddThh:mm:ss` as Graph gives it. */
  start: string;
  end: string;
  webLink: string;
}

/** An open To Do task the bridge created for a missed call. */
export interface TaskLine {
  id: string;
  title: string;
}

/** A call as the mailbox holds it: an event of the "Calls" calendar, maybe written by another PC. */
export interface MailboxCall {
  start: string;
  direction: "in" | "out";
  answered: boolean;
  durationSeconds: number;
  recordingUrl?: string;
  note?: string;
}

/** A line of the card's call log: the local log joined with the mailbox's. */
export interface ContextCall extends MailboxCall {
  source: "local" | "mailbox";
}

export interface SmsLine {
  sentAt: string;
  template: boolean;
  text: string;
  device: number | null;
}

/** Someone whose email signature carries the unknown number. */
export interface MailSuggestion {
  name: string;
  email: string;
  company: string;
  /** The signature line the number stands in, as written. */
  line: string;
  subject: string;
  messageId: string;
  webLink: string;
}

/** A note typed during a call (POST /api/notes answers it too). */
export interface NoteView {
  id: number;
  number: string;
  text: string;
  callId: number | null;
  createdAt: string;
  updatedAt: string;
}

/** GET /api/context?number=&contactId= */
export interface ContextAnswer {
  number: string;
  contacts: Contact[];
  microsoft365: "off" | "signed-out" | "signed-in";
  mail: MailLine[];
  meetings: { last: MeetingLine | null; next: MeetingLine | null };
  tasks: TaskLine[];
  calls: ContextCall[];
  sms: SmsLine[];
  suggestions: MailSuggestion[];
  /** The note still being written on this number (no call yet), to go on with. */
  note: NoteView | null;
  /** Mailbox parts that failed or took too long this time ("mail", "meetings", "tasks", "calls", "suggestions"). */
  unavailable: string[];
}

/** What the context reads from the mailbox (Microsoft 365 signed in). */
export interface MailboxContext {
  recentMail(addresses: string[], limit: number): Promise<MailLine[]>;
  meetings(addresses: string[], now: Date): Promise<{ last: MeetingLine | null; next: MeetingLine | null }>;
  openTasks(number: string): Promise<TaskLine[]>;
  loggedCalls(number: string, limit: number): Promise<MailboxCall[]>;
  suggestFromMail(number: string): Promise<MailSuggestion[]>;
}
