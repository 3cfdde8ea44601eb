/**
 * The caller's context for the call card: the local parts (calls, notes, SMS) read fresh each time, the mailbox
 * parts fetched in parallel, each with a time limit, and kept briefly so the pane's request after an incoming call
 * finds them ready (the fetch starts when the call is announced, after TelefUM has its answer).
 */
import type { CallLog } from "../calls/call-log.js";
import type { CallNote, CallNotes } from "../calls/call-notes.js";
import { NOTE_EDITABLE_MS } from "../calls/call-notes.js";
import type { SmsLog } from "../calls/sms-log.js";
import type { Contact } from "../directory/contact.js";
import type { Directory } from "../directory/directory.js";
import type { ContextAnswer, ContextCall, MailboxCall, MailboxContext, NoteView } from "../http/caller-context.js";
import type { LookupConfig } from "./lookup-config.js";

type MailboxParts = Pick<ContextAnswer, "mail" | "meetings" | "tasks" | "suggestions" | "unavailable"> & {
  calls: MailboxCall[];
};

export interface CallerContextDeps {
  directory: Directory;
  callLog: CallLog;
  notes: CallNotes;
  sms: SmsLog;
  /** The mailbox while signed in to Microsoft 365. */
  mailbox: () => MailboxContext | undefined;
  microsoft365: () => ContextAnswer["microsoft365"];
  lookup: LookupConfig;
  /** How long fetched mailbox parts are kept (default 60 s). */
  cacheMs?: number;
  /** How long a fetch that failed (Graph throttled or down) is kept before asking again (default 15 s). */
  failedCacheMs?: number;
  /** A mailbox part that takes longer is left out this time (default 2.5 s). */
  partTimeoutMs?: number;
}

const LIMIT = 5;

const EMPTY: MailboxParts = {
  mail: [],
  meetings: { last: null, next: null },
  tasks: [],
  suggestions: [],
  calls: [],
  unavailable: [],
};

export function noteView(note: CallNote): NoteView {
  const { id, number, text, callId, createdAt, updatedAt } = note;
  return { id, number, text, callId, createdAt, updatedAt };
}

function withinTime<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("too slow")), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

export class CallerContext {
  private readonly cache = new Map<string, { at: number; ttl: number; parts: Promise<MailboxParts> }>();

  constructor(private readonly deps: CallerContextDeps) {}

  /** Starts fetching the mailbox parts for a number, so the card finds them ready. */
  prefetch(number: string): void {
    void this.mailboxParts(number, this.contactsFor(number)).catch(() => undefined);
  }

  /** Drops what was kept for a number (a new contact, a call or task just written). */
  forget(number?: string): void {
    if (number === undefined) this.cache.clear();
    else for (const key of [...this.cache.keys()]) if (key.startsWith(`${number}|`)) this.cache.delete(key);
  }

  async get(number: string, contactId?: string): Promise<ContextAnswer> {
    const contacts = this.contactsFor(number, contactId);
    const remote = await this.mailboxParts(number, contacts);
    const { callLog, notes, sms, directory } = this.deps;
    const only = directory.pick(number, contacts);
    const local = only
      ? callLog.recent({ contactId: only.id, limit: 10 })
      : number
        ? callLog.recent({ number, limit: 10 })
        : [];
    const calls: ContextCall[] = local.map((call) => {
      const note = notes.forCall(call.id)?.text;
      return {
        start: call.start,
        direction: call.direction,
        answered: call.answered,
        durationSeconds: call.durationSeconds,
        source: "local",
        ...(note ? { note } : {}),
      };
    });
    for (const logged of remote.calls) {
      const same = calls.find((c) => c.start === logged.start && c.direction === logged.direction);
      if (!same) calls.push({ ...logged, source: "mailbox" });
      else if (logged.recordingUrl) same.recordingUrl = logged.recordingUrl;
    }
    calls.sort((a, b) => (a.start < b.start ? 1 : a.start > b.start ? -1 : 0));
    const open = number
      ? notes
          .forNumber(number, 1)
          .find((n) => n.callId === null && Date.now() - Date.parse(n.createdAt) < NOTE_EDITABLE_MS)
      : undefined;
    return {
      number,
      contacts,
      microsoft365: this.deps.microsoft365(),
      mail: remote.mail,
      meetings: remote.meetings,
      tasks: remote.tasks,
      calls: calls.slice(0, 10),
      sms: number
        ? sms.forNumber(number, LIMIT).map(({ sentAt, template, text, device }) => ({ sentAt, template, text, device }))
        : [],
      suggestions: remote.suggestions,
      note: open ? noteView(open) : null,
      unavailable: remote.unavailable,
    };
  }

  private contactsFor(number: string, contactId?: string): Contact[] {
    const chosen = contactId ? this.deps.directory.get(contactId) : undefined;
    if (chosen) return [chosen];
    return number ? this.deps.directory.lookup(number) : [];
  }

  private mailboxParts(number: string, contacts: Contact[]): Promise<MailboxParts> {
    const addresses = [...new Set(contacts.map((c) => c.email.trim().toLowerCase()).filter(Boolean))];
    const key = `${number}|${contacts.map((c) => c.id).join(",")}`;
    const kept = this.cache.get(key);
    if (kept && Math.abs(Date.now() - kept.at) < kept.ttl) return kept.parts;
    const entry = { at: Date.now(), ttl: this.deps.cacheMs ?? 60_000, parts: Promise.resolve(EMPTY) };
    entry.parts = this.fetch(number, contacts.length === 0, addresses).then((result) => {
      // A failed part is asked again soon, not at once: while Graph is throttled or down every lookup would ask.
      if (result.unavailable.length > 0) entry.ttl = Math.min(entry.ttl, this.deps.failedCacheMs ?? 15_000);
      return result;
    });
    this.cache.set(key, entry);
    // Only the last numbers matter; keep the map small.
    if (this.cache.size > 100) this.cache.delete(this.cache.keys().next().value!);
    return entry.parts;
  }

  private async fetch(number: string, unknown: boolean, addresses: string[]): Promise<MailboxParts> {
    const mailbox = this.deps.mailbox();
    const empty = EMPTY;
    if (!mailbox) return empty;
    const timeout = this.deps.partTimeoutMs ?? 2500;
    const unavailable: string[] = [];
    const part = <T>(name: string, fallback: T, work: () => Promise<T>): Promise<T> =>
      withinTime(work(), timeout).catch(() => {
        unavailable.push(name);
        return fallback;
      });
    const suggest = unknown && number !== "" && this.deps.lookup.fromMail === "suggest";
    const [mail, meetings, tasks, calls, suggestions] = await Promise.all([
      part("mail", empty.mail, () => mailbox.recentMail(addresses, LIMIT)),
      part("meetings", empty.meetings, () => mailbox.meetings(addresses, new Date())),
      part("tasks", empty.tasks, () => (number ? mailbox.openTasks(number) : Promise.resolve([]))),
      part("calls", empty.calls, () => (number ? mailbox.loggedCalls(number, 10) : Promise.resolve([]))),
      part("suggestions", empty.suggestions, () => (suggest ? mailbox.suggestFromMail(number) : Promise.resolve([]))),
    ]);
    return { mail, meetings, tasks, calls, suggestions, unavailable: unavailable.sort() };
  }
}
