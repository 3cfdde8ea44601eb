/**
 * Carries one queued call into the mailbox, step by step, saving progress after each step:
 *   recording → OneDrive link; a line in each Outlook contact's personalNotes; an event in the "Calls"
 *   calendar (transactionId = the call's key, so Graph drops a repeated POST); a To Do task for a missed
 *   incoming call. Every step is safe to repeat after a crash or a lost answer.
 * A call queued with no contacts is looked up again here: the intake's "none" may have been a lookup that failed.
 * When this lookup fails too, the notes wait (steps.contactsUnknown) while the other steps are written.
 */
import type { Client } from "@microsoft/microsoft-graph-client";
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

    if (this.calls.appendToNotes) {
      steps.notes ??= {};
      for (const contact of contacts) {
        if (contact.source !== "outlook" || !contact.externalId || steps.notes[contact.externalId]) continue;
        await this.appendNote(contact.externalId, item, recordingUrl);
        steps.notes[contact.externalId] = true;
        commit();
      }
    }

    if (!steps.event) {
      const calendarId = await this.ensureCalendar();
      const who = namesOf(contacts);
      const event = await this.forgetOn404(
        () => (this.calendarId = undefined),
        this.client.api(`/me/calendars/${encodeURIComponent(calendarId)}/events`).post({
          subject: eventSubject(call, who, this.tr),
          body: { contentType: "text", content: formatCallNoteLine(call, recordingUrl, this.tr) },
          start: { dateTime: graphDateTime(call.start), timeZone: this.calls.timeZone },
          end: {
            dateTime: graphDateTime(addSeconds(call.start, Math.max(60, call.durationSeconds))),
            timeZone: this.calls.timeZone,
          },
          showAs: "free",
          isReminderOn: false,
          categories: [this.tr.t(call.answered ? "mailbox.categoryCall" : "mailbox.categoryMissed")],
          transactionId: item.key,
        }),
      );
      // A proxy's 200 is not an event: without its id the call is not written, and is tried again.
      steps.event = { id: requireString(event, "id", "the calendar event") };
      commit();
    }

    const missed = call.direction === "in" && !call.answered;
    if (missed && this.calls.missedCallTask && !steps.task?.id) {
      const listId = await this.ensureTodoList();
      const marker = `TelefUM call ${item.key}`;
      let taskId: string | undefined;
      if (steps.task?.attempted) taskId = await this.findTask(listId, marker);
      if (!taskId) {
        steps.task = { attempted: true };
        commit();
        const text = missedCallTask(call, namesOf(contacts), this.tr);
        const task = await this.forgetOn404(
          () => (this.todoListId = undefined),
          this.client.api(`/me/todo/lists/${encodeURIComponent(listId)}/tasks`).post({
            title: text.title,
            importance: "high",
            body: { contentType: "text", content: `${text.body}\n${marker}` },
            dueDateTime: { dateTime: `${call.start.slice(0, 10)}T00:00:00`, timeZone: this.calls.timeZone },
          }),
        );
        taskId = requireString(task, "id", "the To Do task");
      }
      steps.task = { id: taskId, attempted: true };
      commit();
    }
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
  private async forgetOn404<T>(forget: () => void, request: Promise<T>): Promise<T> {
    try {
      return await request;
    } catch (error) {
      if (graphStatus(error) !== 404) throw error;
      forget();
      throw new Error("the Calls calendar or the To Do list is gone; it will be looked up again");
    }
  }

  private async appendNote(graphId: string, item: OutboxItem, recordingUrl: string | undefined): Promise<void> {
    const path = `/me/contacts/${encodeURIComponent(graphId)}`;
    let current: { personalNotes?: string | null };
    try {
      current = (await this.client.api(path).select("personalNotes").get()) as { personalNotes?: string | null };
      requireString(current, "id", "the contact");
    } catch (error) {
      if (graphStatus(error) === 404) {
        this.log("info", "contact deleted before its call was noted", { graphId });
        return;
      }
      throw error;
    }
    const updated = appendCallLine(current.personalNotes, item.call, recordingUrl, this.tr);
    if (updated === undefined) return; // already there: a retry after a lost answer
    await this.client.api(path).patch({ personalNotes: updated });
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

function namesOf(contacts: OutboxContact[]): string {
  return contacts
    .map((c) => c.name)
    .filter(Boolean)
    .join(", ");
}
