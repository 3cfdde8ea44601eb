/**
 * What the mailbox learns after a call was written: the note typed during the call (its line in the contacts'
 * notes and the "Calls" event body), a line per SMS sent in the contacts' notes, and the To Do task of a missed call
 * closed once it was called back or marked done. Each kind is pending in the local store until written, so a
 * restart, a throttled Graph or a sign-out loses nothing; every write is safe to repeat.
 */
import type { Client } from "@microsoft/microsoft-graph-client";
import type { CallLog } from "../../calls/call-log.js";
import type { CallNotes } from "../../calls/call-notes.js";
import type { MissedCalls } from "../../calls/missed-calls.js";
import type { SmsLog, SmsRecord } from "../../calls/sms-log.js";
import type { Directory } from "../../directory/directory.js";
import type { Logger } from "../../log/log.js";
import { callLineWithNote, callTransactionId, replaceCallLine } from "../outbox/call-note.js";
import type { M365Config } from "../config.js";
import { graphStatus, normalizeGraphError } from "../graph-client.js";
import { findTodoList } from "./mailbox-folders.js";
import type { OutboxStore } from "../outbox/outbox-store.js";
import { errorMessage } from "../../log/error-message.js";

export const SMS_LINE_PREFIX = "✉ ";
const PASS_EVERY_MS = 60_000;

export interface FollowUpDeps {
  client: Client;
  calls: M365Config["calls"];
  callLog: CallLog;
  notes: CallNotes;
  sms: SmsLog;
  missed: MissedCalls;
  outbox: OutboxStore;
  directory: Directory;
  log: Logger;
}

/** `yyyy-mm-dd hh:mm:ss` on this PC's clock, like TelefUM's call times. */
function localTime(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, "0");
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ` +
    `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
  );
}

export function formatSmsNoteLine(sms: SmsRecord): string {
  const head = `${SMS_LINE_PREFIX}${localTime(sms.sentAt)} · SMS out`;
  if (sms.template) return `${head} · ${sms.number} · SMS from template`;
  const device = sms.device === 5 ? "internet" : `phone ${sms.device}`;
  return `${head} · ${sms.number} · ${device} · ${sms.text.replace(/\s+/g, " ").trim()}`;
}

export class FollowUps {
  private running: Promise<number> | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;
  private listId: string | undefined;

  constructor(private readonly deps: FollowUpDeps) {}

  start(): void {
    this.timer ??= setInterval(() => this.kick(), PASS_EVERY_MS);
    this.timer.unref?.();
    this.kick();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  /** Something new is pending: a pass soon (one more after a running one). */
  kick(): void {
    void this.pass().catch((error: unknown) =>
      this.deps.log("warn", "Microsoft 365 follow-ups will be tried again", { reason: errorMessage(error) }),
    );
  }

  /** Passes until nothing more gets written (tests, and before a status). Answers how many writes were made. */
  async flush(): Promise<number> {
    let total = 0;
    for (let i = 0; i < 10; i++) {
      const written = await this.pass();
      total += written;
      if (written === 0) break;
    }
    return total;
  }

  /** One pass at a time; a call during a pass gets a fresh pass after it (what is pending may have changed). */
  private pass(): Promise<number> {
    if (this.running) return this.running.catch(() => 0).then(() => this.pass());
    const running = this.run().finally(() => {
      if (this.running === running) this.running = undefined;
    });
    this.running = running;
    return running;
  }

  private async run(): Promise<number> {
    try {
      return (await this.writeNotes()) + (await this.writeSmsLines()) + (await this.closeTasks());
    } catch (error) {
      throw normalizeGraphError(error);
    }
  }

  private async writeNotes(): Promise<number> {
    const { notes, callLog, outbox } = this.deps;
    let written = 0;
    for (const note of notes.unsynced()) {
      const call = note.callId === null ? undefined : callLog.get(note.callId);
      const item = call ? outbox.byKey(callTransactionId(call)) : undefined;
      // The outbox queues a call just after it is logged; a call it never got (logged before Microsoft 365 was set
      // up, calls not written) has nothing in the mailbox to carry its note.
      const queuedSoon = call && this.deps.calls.enabled && Date.now() - Date.parse(call.receivedAt) < 3_600_000;
      if (!item && queuedSoon) continue;
      if (!call || !item || item.state === "failed") {
        notes.markSynced(note.id, note.version);
        continue;
      }
      if (item.state !== "done") continue; // the outbox writes the call first; the next pass adds the note
      const line = callLineWithNote(call, item.steps.recording?.url, note.text);
      if (item.steps.event?.id) {
        await this.ignore404(
          this.deps.client
            .api(`/me/events/${encodeURIComponent(item.steps.event.id)}`)
            .patch({ body: { contentType: "text", content: line } }),
        );
      }
      for (const contact of item.contacts) {
        if (contact.source !== "outlook" || !contact.externalId) continue;
        await this.editNotes(contact.externalId, (current) => replaceCallLine(current, call, line));
      }
      notes.markSynced(note.id, note.version);
      written++;
    }
    return written;
  }

  private async writeSmsLines(): Promise<number> {
    const { sms, directory } = this.deps;
    let written = 0;
    for (const record of sms.unnoted()) {
      const line = formatSmsNoteLine(record);
      for (const contact of directory.getMany(record.contactIds)) {
        if (contact.source !== "outlook" || !contact.externalId) continue;
        await this.editNotes(contact.externalId, (current) => {
          const text = current ?? "";
          if (text.split(/\r?\n/).some((l) => l.trim() === line)) return undefined;
          return text.trim() === "" ? line : `${text.replace(/\s+$/, "")}\r\n${line}`;
        });
        written++;
      }
      sms.markNoted(record.id);
    }
    return written;
  }

  private async closeTasks(): Promise<number> {
    const { missed, callLog, outbox, client } = this.deps;
    let written = 0;
    for (const cleared of missed.taskToClose()) {
      const call = callLog.get(cleared.callId);
      const item = call ? outbox.byKey(callTransactionId(call)) : undefined;
      if (item?.state === "pending") continue; // its task is still to be made
      const taskId = item?.steps.task?.id;
      if (taskId) {
        this.listId ??= (await findTodoList(client, this.deps.calls.todoListName))?.id;
        if (this.listId) {
          await this.ignore404(
            client
              .api(`/me/todo/lists/${encodeURIComponent(this.listId)}/tasks/${encodeURIComponent(taskId)}`)
              .patch({ status: "completed" }),
          );
          written++;
        }
      }
      missed.markTaskClosed(cleared.callId);
    }
    return written;
  }

  /** Read-modify-write of a contact's personalNotes; `change` answers undefined when the notes already say it. */
  private async editNotes(graphId: string, change: (current: string | null | undefined) => string | undefined) {
    const path = `/me/contacts/${encodeURIComponent(graphId)}`;
    const current = (await this.ignore404(this.deps.client.api(path).select("personalNotes").get())) as
      | { personalNotes?: string | null }
      | undefined;
    if (!current) return;
    const updated = change(current.personalNotes);
    if (updated !== undefined) await this.ignore404(this.deps.client.api(path).patch({ personalNotes: updated }));
  }

  /** Deleted in Outlook meanwhile: nothing left to write to. */
  private async ignore404<T>(request: Promise<T>): Promise<T | undefined> {
    try {
      return await request;
    } catch (error) {
      if (graphStatus(error) === 404) return undefined;
      throw error;
    }
  }
}
