/**
 * The caller's context as the mailbox holds it, read through Graph: the last emails with their addresses ($search on
 * participants), the last and next meeting with them (calendarView, attendees), open To Do tasks for their missed
 * calls, the calls other bridges logged in the "Calls" calendar, and, for an unknown number, the people whose mail
 * carries it (message search over its written forms). Reads only; every request is one round trip or two.
 */
import type { Client } from "@microsoft/microsoft-graph-client";
import type { CountryCode } from "libphonenumber-js";
import { numberTail } from "../../calls/number-tail.js";
import { writtenForms } from "../../directory/written-forms.js";
import type {
  MailboxCall,
  MailboxContext,
  MailLine,
  MailSuggestion,
  MeetingLine,
  TaskLine,
} from "../../http/caller-context.js";
import { parseCallNoteLine } from "../outbox/call-note.js";
import type { NamedCalls } from "../config.js";
import { findCalendar, findTodoList } from "./mailbox-folders.js";
import { companyNear, lineWithNumber } from "./mail-guess.js";

interface GraphAddress {
  emailAddress?: { name?: string; address?: string };
}

interface GraphMessage {
  id: string;
  subject?: string;
  receivedDateTime?: string;
  sentDateTime?: string;
  from?: GraphAddress;
  webLink?: string;
  body?: { content?: string };
}

interface GraphEvent {
  id: string;
  subject?: string;
  start?: { dateTime: string };
  end?: { dateTime: string };
  webLink?: string;
  attendees?: GraphAddress[];
  body?: { content?: string };
}

/** KQL inside $search: the whole value in double quotes, a quote inside escaped with a backslash. */
export function searchValue(terms: string[]): string {
  return `"${terms.join(" OR ").replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

const DAY_MS = 86_400_000;
const MEETING_WINDOW_DAYS = 90;
const CALLS_WINDOW_DAYS = 90;

/** Graph's dateTime without zone (calendarView answers in UTC) for the query string. */
function utc(date: Date): string {
  return date.toISOString().slice(0, 19);
}

export class GraphMailboxContext implements MailboxContext {
  private calendarId: Promise<string | undefined> | undefined;
  private todoListId: Promise<string | undefined> | undefined;

  constructor(
    private readonly client: Client,
    private readonly calls: NamedCalls,
    private readonly defaultRegion: CountryCode,
  ) {}

  async recentMail(addresses: string[], limit: number): Promise<MailLine[]> {
    if (addresses.length === 0) return [];
    const mine = new Set(addresses.map((a) => a.toLowerCase()));
    // $search answers newest first; $orderby cannot be combined with it.
    const search = searchValue(addresses.map((a) => `participants:${a}`));
    const page = (await this.client
      .api(`/me/messages?$search=${encodeURIComponent(search)}`)
      .top(limit)
      .select("id,subject,receivedDateTime,sentDateTime,from,webLink")
      .get()) as { value: GraphMessage[] };
    return page.value.slice(0, limit).map((m) => {
      const from = m.from?.emailAddress?.address?.toLowerCase() ?? "";
      const direction = mine.has(from) ? "in" : "out";
      return {
        id: m.id,
        subject: m.subject ?? "",
        at: (direction === "in" ? m.receivedDateTime : m.sentDateTime) ?? m.receivedDateTime ?? "",
        direction,
        webLink: m.webLink ?? "",
      };
    });
  }

  async meetings(addresses: string[], now: Date): Promise<{ last: MeetingLine | null; next: MeetingLine | null }> {
    if (addresses.length === 0) return { last: null, next: null };
    const wanted = new Set(addresses.map((a) => a.toLowerCase()));
    const from = new Date(now.getTime() - MEETING_WINDOW_DAYS * DAY_MS);
    const to = new Date(now.getTime() + MEETING_WINDOW_DAYS * DAY_MS);
    // calendarView cannot filter by attendee: one ordered page of the window, the attendees checked here.
    const page = (await this.client
      .api(`/me/calendarView?startDateTime=${utc(from)}&endDateTime=${utc(to)}`)
      .orderby("start/dateTime")
      .top(200)
      .select("id,subject,start,end,webLink,attendees")
      .get()) as { value: GraphEvent[] };
    const theirs = page.value.filter((e) =>
      (e.attendees ?? []).some((a) => wanted.has(a.emailAddress?.address?.toLowerCase() ?? "")),
    );
    const at = utc(now);
    const line = (e: GraphEvent): MeetingLine => ({
      id: e.id,
      subject: e.subject ?? "",
      start: e.start?.dateTime.slice(0, 19) ?? "",
      end: e.end?.dateTime.slice(0, 19) ?? "",
      webLink: e.webLink ?? "",
    });
    const past = theirs.filter((e) => (e.end?.dateTime ?? "") <= at);
    const next = theirs.find((e) => (e.start?.dateTime ?? "") >= at);
    return { last: past.length ? line(past[past.length - 1]!) : null, next: next ? line(next) : null };
  }

  async openTasks(number: string): Promise<TaskLine[]> {
    const listId = await this.todoList();
    if (!listId) return [];
    const tail = numberTail(number);
    const page = (await this.client
      .api(`/me/todo/lists/${encodeURIComponent(listId)}/tasks`)
      .filter("status ne 'completed'")
      .top(100)
      .get()) as { value: { id: string; title?: string; body?: { content?: string } }[] };
    // The bridge's follow-up tasks carry the number in their title ("Call back Name (number)").
    return page.value
      .filter((t) => (t.title ?? "").match(/\+?\d[\d\s()-]{4,}\d/g)?.some((run) => numberTail(run) === tail))
      .map((t) => ({ id: t.id, title: t.title ?? "" }));
  }

  async loggedCalls(number: string, limit: number): Promise<MailboxCall[]> {
    const calendarId = await this.callsCalendar();
    if (!calendarId) return [];
    const now = new Date();
    const from = new Date(now.getTime() - CALLS_WINDOW_DAYS * DAY_MS);
    const page = (await this.client
      .api(
        `/me/calendars/${encodeURIComponent(calendarId)}/calendarView` +
          `?startDateTime=${utc(from)}&endDateTime=${utc(new Date(now.getTime() + DAY_MS))}`,
      )
      .header("Prefer", 'outlook.body-content-type="text"')
      .orderby("start/dateTime desc")
      .top(200)
      .select("id,body")
      .get()) as { value: GraphEvent[] };
    const tail = numberTail(number);
    const out: MailboxCall[] = [];
    for (const event of page.value) {
      const parsed = parseCallNoteLine(event.body?.content ?? "");
      if (!parsed || numberTail(parsed.number) !== tail) continue;
      const { number: _number, ...call } = parsed;
      void _number;
      out.push(call);
      if (out.length >= limit) break;
    }
    return out;
  }

  async suggestFromMail(number: string): Promise<MailSuggestion[]> {
    const forms = writtenForms(number, this.defaultRegion);
    if (forms.length === 0) return [];
    const page = (await this.client
      .api(`/me/messages?$search=${encodeURIComponent(searchValue(forms.map((f) => `"${f}"`)))}`)
      .header("Prefer", 'outlook.body-content-type="text"')
      .top(10)
      .select("id,subject,from,body,webLink")
      .get()) as { value: GraphMessage[] };
    const seen = new Set<string>();
    const out: MailSuggestion[] = [];
    for (const message of page.value) {
      const email = message.from?.emailAddress?.address ?? "";
      const name = message.from?.emailAddress?.name ?? "";
      const hit = lineWithNumber(message.body?.content ?? "", number);
      if (!hit || !email || seen.has(email.toLowerCase())) continue;
      seen.add(email.toLowerCase());
      out.push({
        name,
        email,
        company: companyNear(hit.lines, hit.index, name),
        line: hit.line,
        subject: message.subject ?? "",
        messageId: message.id,
        webLink: message.webLink ?? "",
      });
    }
    return out;
  }

  private callsCalendar(): Promise<string | undefined> {
    this.calendarId ??= this.remember(findCalendar(this.client, this.calls.calendarName), () => {
      this.calendarId = undefined;
    });
    return this.calendarId;
  }

  private todoList(): Promise<string | undefined> {
    this.todoListId ??= this.remember(findTodoList(this.client, this.calls.todoListName), () => {
      this.todoListId = undefined;
    });
    return this.todoListId;
  }

  /** Keeps a found id; a failure or "not there yet" is looked up again next time. */
  private remember(found: Promise<{ id: string } | undefined>, forget: () => void): Promise<string | undefined> {
    return found.then(
      (item) => {
        if (!item) forget();
        return item?.id;
      },
      (error: unknown) => {
        forget();
        throw error;
      },
    );
  }
}
