/**
 * Carries one queued call into the mailbox, step by step, saving progress after each step:
 *   recording → OneDrive link; a line in each Outlook contact's personalNotes; an event in the "Calls"
 *   calendar (transactionId = the call's key, so Graph drops a repeated POST); a To Do task for a missed
 *   incoming call. Every step is safe to repeat after a crash or a lost answer. Once the calendar and list ids
 *   are known, a call is two round trips: one $batch with the event, the task and the reads of the notes, then
 *   one with the notes' PATCHes (a note is read before it is written, so it cannot go in the first).
 * A call queued with no contacts is looked up again here: the intake's "none" may have been a lookup that failed.
 * When this lookup fails too, the notes wait (steps.contactsUnknown) while the other steps are written.
 */
import type { Client, GraphError } from "@microsoft/microsoft-graph-client";
import { BATCH_LIMIT, type BatchRequest, type BatchResult, sendBatch } from "../graph-batch.js";
import { translator, type Translator } from "../../i18n/i18n.js";
import { errorMessage } from "../../log/error-message.js";
import { readRecording, type RecordingPolicy } from "../../calls/recording-file.js";
import type { Logger } from "../../log/log.js";
import {
  addSeconds,
  appendCallLine,
  directionWord,
  eventSubject,
  formatCallNoteLine,
  graphDateTime,
  missedCallTask,
} from "../outbox/call-note.js";
import type { NamedCalls } from "../config.js";
import { graphStatus, normalizeGraphError, requireString, UnexpectedAnswerError } from "../graph-client.js";
import { findCalendar, findTodoList } from "./mailbox-folders.js";
import type { OutboxContact, OutboxItem, OutboxSteps } from "../outbox/outbox-store.js";
import type { OutboxWriter } from "../outbox/outbox-worker.js";
import type { RecordingUploader } from "./recording-uploader.js";

export class MailboxWriter implements OutboxWriter {
  private calendarId: string | undefined;
  private todoListId: string | undefined;

  constructor(
    private readonly client: Client,
    private readonly calls: NamedCalls,
    private readonly uploader: RecordingUploader | undefined,
    /** Which recording files may be read and uploaded. */
    private readonly recordings: RecordingPolicy,
    private readonly log: Logger,
    /** The contacts with this number now; throws when the index cannot be read. */
    private readonly findContacts: (number: string) => OutboxContact[],
    /** The language of the calendar, subjects, notes and tasks it writes. */
    private readonly tr: Translator = translator("en"),
  ) {}

  async process(item: OutboxItem, save: (steps: OutboxSteps) => void): Promise<void> {
    try {
      await this.run(item, save);
    } catch (error) {
      throw normalizeGraphError(error);
    }
  }

  private async run(item: OutboxItem, save: (steps: OutboxSteps) => void): Promise<void> {
    const steps: OutboxSteps = structuredClone(item.steps);
    const { call } = item;
    const commit = () => save(structuredClone(steps));
    const contacts = this.contactsOf(item, steps);
    if (Boolean(steps.contactsUnknown) !== Boolean(item.steps.contactsUnknown)) commit();

    if (!steps.recording?.done && call.recordingPath && this.calls.recording !== "none" && this.uploader) {
      const recording = await readRecording(call.recordingPath, this.recordings);
      if (!recording.ok) {
        // The call is still logged; the path is personal data (debug), the reason is not.
        this.log("warn", "call recording refused, logging the call without it", {
          call: item.key,
          reason: recording.reason,
        });
        this.log("debug", "call recording refused (path)", { call: item.key, path: call.recordingPath });
        steps.recording = { done: true, refused: recording.reason };
      } else {
        const stem = `${call.start.replace(/:/g, "-")} ${call.number} ${directionWord(call)}`;
        const uploaded = await this.uploader.upload(recording, stem);
        steps.recording = { done: true, url: uploaded.webUrl };
      }
      commit();
    }
    const recordingUrl = steps.recording?.url;
    await this.writeCall(item, steps, contacts, recordingUrl, commit);
  }

  /**
   * The event, the task and the reads of the contacts' notes go out in one $batch, the notes' PATCHes in a second:
   * two round trips a call once the calendar and list ids are known. Every answer that came is saved before the
   * first failure is thrown, so a retry repeats only what did not go.
   */
  private async writeCall(
    item: OutboxItem,
    steps: OutboxSteps,
    contacts: OutboxContact[],
    recordingUrl: string | undefined,
    commit: () => void,
  ): Promise<void> {
    const { call } = item;
    if (this.calls.appendToNotes) steps.notes ??= {};
    const notes = this.calls.appendToNotes
      ? [...new Set(contacts.filter((c) => c.source === "outlook" && c.externalId).map((c) => c.externalId!))].filter(
          (id) => !steps.notes![id],
        )
      : [];
    const missed = call.direction === "in" && !call.answered;
    const wantTask = missed && this.calls.missedCallTask && !steps.task?.id;
    const calendarId = steps.event ? undefined : await this.ensureCalendar();
    const listId = wantTask ? await this.ensureTodoList() : undefined;
    const marker = `TelefUM call ${item.key}`;
    // A task asked for before and not known to have been made: look for it first (a lost answer).
    const taskFound = listId && steps.task?.attempted ? await this.findTask(listId, marker) : undefined;
    const requests: BatchRequest[] = notes.map((id, i) => ({
      id: `note${i}`,
      method: "GET",
      url: `${contactPath(id)}?$select=personalNotes`,
    }));
    if (calendarId) requests.push(this.eventRequest(item, calendarId, contacts, recordingUrl));
    if (listId && !taskFound) {
      steps.task = { attempted: true };
      commit();
      const text = missedCallTask(call, namesOf(contacts), this.tr);
      requests.push({
        id: "task",
        method: "POST",
        url: `/me/todo/lists/${encodeURIComponent(listId)}/tasks`,
        body: {
          title: text.title,
          importance: "high",
          body: { contentType: "text", content: `${text.body}\n${marker}` },
          dueDateTime: { dateTime: `${call.start.slice(0, 10)}T00:00:00`, timeZone: this.calls.timeZone },
        },
      });
    }
    const failures: unknown[] = [];
    const answers = await this.send(requests);
    const event = answers.get("event");
    if (event) {
      if (event.ok) steps.event = { id: requireString(event.body, "id", "the calendar event") };
      else failures.push(this.forgetOn404(() => (this.calendarId = undefined), event.error));
    }
    const task = answers.get("task");
    if (taskFound) steps.task = { id: taskFound, attempted: true };
    else if (task?.ok) steps.task = { id: requireString(task.body, "id", "the To Do task"), attempted: true };
    else if (task) failures.push(this.forgetOn404(() => (this.todoListId = undefined), task.error));
    // A proxy's 200 is not an answer: requireString threw above before anything was saved.
    const patches: BatchRequest[] = [];
    notes.forEach((id, i) => {
      const read = answers.get(`note${i}`)!;
      if (!read.ok) {
        if (read.error.statusCode !== 404) failures.push(read.error);
        else {
          this.log("info", "contact deleted before its call was noted", { graphId: id });
          steps.notes![id] = true;
        }
        return;
      }
      requireString(read.body, "id", "the contact");
      const current = (read.body as { personalNotes?: string | null }).personalNotes;
      const updated = appendCallLine(current, call, recordingUrl, this.tr);
      if (updated === undefined)
        steps.notes![id] = true; // already there: a retry after a lost answer
      else patches.push({ id, method: "PATCH", url: contactPath(id), body: { personalNotes: updated } });
    });
    commit();
    if (patches.length > 0) {
      for (const [id, patched] of await this.send(patches)) {
        if (patched.ok) steps.notes![id] = true;
        else failures.push(patched.error);
      }
      commit();
    }
    if (failures.length > 0) throw failures[0];
  }

  private eventRequest(
    item: OutboxItem,
    calendarId: string,
    contacts: OutboxContact[],
    recordingUrl: string | undefined,
  ): BatchRequest {
    const { call } = item;
    return {
      id: "event",
      method: "POST",
      url: `/me/calendars/${encodeURIComponent(calendarId)}/events`,
      body: {
        subject: eventSubject(call, namesOf(contacts), this.tr),
        body: { contentType: "text", content: formatCallNoteLine(call, recordingUrl, this.tr) },
        start: { dateTime: graphDateTime(call.start), timeZone: this.calls.timeZone },
        end: {
          dateTime: graphDateTime(addSeconds(call.start, Math.max(60, call.durationSeconds))),
          timeZone: this.calls.timeZone,
        },
        showAs: "free",
        isReminderOn: false,
        categories: [this.tr.t(call.answered ? "mailbox.categoryCall" : "mailbox.categoryMissed")],
        // Graph drops a repeated POST with the same transactionId: the event is written once.
        transactionId: item.key,
      },
    };
  }

  /** Batches of at most 20; one round trip for any call with fewer contacts than that. */
  private async send(requests: BatchRequest[]): Promise<Map<string, BatchResult>> {
    const answers = new Map<string, BatchResult>();
    for (let i = 0; i < requests.length; i += BATCH_LIMIT) {
      for (const [id, result] of await sendBatch(this.client, requests.slice(i, i + BATCH_LIMIT)))
        answers.set(id, result);
    }
    return answers;
  }

  /**
   * Whose call it is: the contacts found at intake, else a fresh lookup (found none = nobody's, done). A lookup
   * that fails marks the notes as waiting, when there are notes to write; the event then names the number.
   */
  private contactsOf(item: OutboxItem, steps: OutboxSteps): OutboxContact[] {
    if (item.contacts.length > 0 || !item.call.number) return item.contacts;
    try {
      const found = this.findContacts(item.call.number);
      delete steps.contactsUnknown;
      return found;
    } catch (error) {
      if (!this.calls.appendToNotes) {
        delete steps.contactsUnknown; // notes switched off meanwhile: nothing waits for them
        return [];
      }
      if (!steps.contactsUnknown) {
        this.log("warn", "the call's contacts cannot be looked up: its contact note waits", {
          call: item.key,
          reason: errorMessage(error),
        });
      }
      steps.contactsUnknown = true;
      return [];
    }
  }

  /** The calendar or list was deleted since it was looked up: forget it, and let the outbox retry soon. */
  private forgetOn404(forget: () => void, error: GraphError): unknown {
    if (error.statusCode !== 404) return error;
    forget();
    return new Error("the Calls calendar or the To Do list is gone; it will be looked up again");
  }

  private async ensureCalendar(): Promise<string> {
    if (this.calendarId) return this.calendarId;
    const name = this.calls.calendarName;
    const find = () => findCalendar(this.client, name);
    let calendar = await find();
    if (!calendar) {
      try {
        const created: unknown = await this.client.api("/me/calendars").post({ name });
        calendar = { id: requireString(created, "id", "the new calendar"), name };
      } catch (error) {
        if (graphStatus(error) !== 409) throw error;
        calendar = await find(); // created meanwhile (another bridge, a lost answer)
      }
    }
    if (!calendar) throw new Error(`calendar "${name}" could not be created`);
    this.calendarId = calendar.id;
    return calendar.id;
  }

  private async ensureTodoList(): Promise<string> {
    if (this.todoListId) return this.todoListId;
    const wanted = this.calls.todoListName;
    let list = await findTodoList(this.client, wanted);
    if (!list && wanted) {
      const created: unknown = await this.client.api("/me/todo/lists").post({ displayName: wanted });
      list = { id: requireString(created, "id", "the new To Do list"), displayName: wanted };
    }
    if (!list) throw new Error("no To Do list to put the follow-up in");
    this.todoListId = list.id;
    return list.id;
  }

  /** Newest tasks first; the marker is in the body of the task this call created. */
  private async findTask(listId: string, marker: string): Promise<string | undefined> {
    const page = (await this.client
      .api(`/me/todo/lists/${encodeURIComponent(listId)}/tasks`)
      .top(100)
      .get()) as {
      value: { id: string; body?: { content?: string } }[];
    };
    if (!Array.isArray(page?.value)) throw new UnexpectedAnswerError('Graph answered the task list without "value"');
    return page.value.find((t) => t.body?.content?.includes(marker))?.id;
  }
}

function contactPath(graphId: string): string {
  return `/me/contacts/${encodeURIComponent(graphId)}`;
}

function namesOf(contacts: OutboxContact[]): string {
  return contacts
    .map((c) => c.name)
    .filter(Boolean)
    .join(", ");
}
