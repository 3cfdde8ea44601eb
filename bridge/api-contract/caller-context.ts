/**
 * What the call card shows beyond the caller's name (GET /api/context), as schemas; the types the context room,
 * the mailbox and the pane use are inferred from them (http/caller-context.ts names them for the bridge).
 */
import * as v from "valibot";
import { CONTACT } from "./records.js";

const DIRECTION = v.picklist(["in", "out"]);

/** One email exchanged with the contact: `in` they sent it, `out` you did. */
export const MAIL_LINE = v.object({
  id: v.string(),
  subject: v.string(),
  at: v.string(),
  direction: DIRECTION,
  /** Outlook on the web; in Outlook the pane opens `id` with displayMessageForm. */
  webLink: v.string(),
});
export type MailLine = v.InferOutput<typeof MAIL_LINE>;

export const MEETING_LINE = v.object({
  id: v.string(),
  subject: v.string(),
  /** UTC, `yyyy-mm-ddThh:mm:ss` as Graph gives it. */
  start: v.string(),
  end: v.string(),
  webLink: v.string(),
});
export type MeetingLine = v.InferOutput<typeof MEETING_LINE>;

/** An open To Do task the bridge created for a missed call. */
export const TASK_LINE = v.object({ id: v.string(), title: v.string() });
export type TaskLine = v.InferOutput<typeof TASK_LINE>;

/** A call as the mailbox holds it: an event of the "Calls" calendar, maybe written by another PC. */
export const MAILBOX_CALL = v.object({
  start: v.string(),
  direction: DIRECTION,
  answered: v.boolean(),
  durationSeconds: v.number(),
  recordingUrl: v.optional(v.string()),
  note: v.optional(v.string()),
});
export type MailboxCall = v.InferOutput<typeof MAILBOX_CALL>;

/** A line of the card's call log: the local log joined with the mailbox's. */
export const CONTEXT_CALL = v.object({ ...MAILBOX_CALL.entries, source: v.picklist(["local", "mailbox"]) });
export type ContextCall = v.InferOutput<typeof CONTEXT_CALL>;

export const SMS_LINE = v.object({
  sentAt: v.string(),
  template: v.boolean(),
  text: v.string(),
  device: v.nullable(v.number()),
});
export type SmsLine = v.InferOutput<typeof SMS_LINE>;

/** Someone whose email signature carries the unknown number. */
export const MAIL_SUGGESTION = v.object({
  name: v.string(),
  email: v.string(),
  company: v.string(),
  /** The signature line the number stands in, as written. */
  line: v.string(),
  subject: v.string(),
  messageId: v.string(),
  webLink: v.string(),
});
export type MailSuggestion = v.InferOutput<typeof MAIL_SUGGESTION>;

/** A note typed during a call (POST /api/notes answers it too). */
export const NOTE_VIEW = v.object({
  id: v.number(),
  number: v.string(),
  text: v.string(),
  callId: v.nullable(v.number()),
  createdAt: v.string(),
  updatedAt: v.string(),
});
export type NoteView = v.InferOutput<typeof NOTE_VIEW>;

/** GET /api/context?number=&contactId= */
export const CONTEXT_ANSWER = v.object({
  number: v.string(),
  contacts: v.array(CONTACT),
  microsoft365: v.picklist(["off", "signed-out", "signed-in"]),
  mail: v.array(MAIL_LINE),
  meetings: v.object({ last: v.nullable(MEETING_LINE), next: v.nullable(MEETING_LINE) }),
  tasks: v.array(TASK_LINE),
  calls: v.array(CONTEXT_CALL),
  sms: v.array(SMS_LINE),
  suggestions: v.array(MAIL_SUGGESTION),
  /** The note still being written on this number (no call yet), to go on with. */
  note: v.nullable(NOTE_VIEW),
  /** Mailbox parts that failed or took too long this time ("mail", "meetings", "tasks", "calls", "suggestions"). */
  unavailable: v.array(v.string()),
});
export type ContextAnswer = v.InferOutput<typeof CONTEXT_ANSWER>;
