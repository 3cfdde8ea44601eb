/**
 * The mailbox room wires itself: the writer that carries each queued call into the mailbox (calendar event, note
 * line, To Do task, recording on OneDrive), the follow-ups written after it (notes, SMS lines, closed tasks), and
 * the caller's context read back from it. What it writes is in the bridge's language.
 */
import type { Client } from "@microsoft/microsoft-graph-client";
import { CallLog } from "../../calls/call-log.js";
import { CallNotes } from "../../calls/call-notes.js";
import { MissedCalls } from "../../calls/missed-calls.js";
import type { RecordingPolicy } from "../../calls/recording-file.js";
import { SmsLog } from "../../calls/sms-log.js";
import type { Directory } from "../../directory/directory.js";
import { translator, type Language } from "../../i18n/i18n.js";
import type { Logger } from "../../log/log.js";
import type { Database } from "../../store/sqlite.js";
import type { M365Config, NamedCalls } from "../config.js";
import { outboxContacts } from "../outbox/call-sink.js";
import type { OutboxStore } from "../outbox/outbox-store.js";
import { FollowUps } from "./follow-ups.js";
import { GraphMailboxContext } from "./mail-context.js";
import { MailboxWriter } from "./mailbox-writer.js";
import { RecordingUploader } from "./recording-uploader.js";

export interface MailboxDeps {
  config: M365Config;
  client: Client;
  /** The outbox's queue: a follow-up waits until its call is written. */
  outbox: OutboxStore;
  db: Database;
  directory: Directory;
  /** Which recording files may be uploaded. */
  recordings: RecordingPolicy;
  /** The language of what is written into the mailbox (default English). */
  language?: Language;
  log: Logger;
}

export interface MailboxRoom {
  writer: MailboxWriter;
  followUps: FollowUps;
  context: GraphMailboxContext;
}

export function createMailbox({ config, client, outbox, db, directory, ...deps }: MailboxDeps): MailboxRoom {
  const { log } = deps;
  // What the bridge writes into the mailbox is in its language, the "Calls" calendar's name included.
  const words = translator(deps.language ?? "en");
  const calls: NamedCalls = { ...config.calls, calendarName: config.calls.calendarName ?? words.t("mailbox.calendar") };
  // A chunk of a recording may take longer than one Graph call on a slow line, but never forever.
  const uploadTimeoutMs = config.retry.requestTimeoutSeconds * 4000;
  const timedFetch: typeof fetch = (url, init) => fetch(url, { ...init, signal: AbortSignal.timeout(uploadTimeoutMs) });
  const uploader =
    config.calls.recording === "none" ? undefined : new RecordingUploader(client, config.calls, log, timedFetch);
  const callLog = new CallLog(db);
  const findContacts = (number: string) => outboxContacts(directory.lookup(number));
  return {
    writer: new MailboxWriter(client, calls, uploader, deps.recordings, log, findContacts, words),
    followUps: new FollowUps({
      client,
      calls: config.calls,
      callLog,
      notes: new CallNotes(db),
      sms: new SmsLog(db),
      missed: new MissedCalls(db, callLog),
      outbox,
      directory,
      log,
    }),
    context: new GraphMailboxContext(client, calls, directory.options.defaultRegion),
  };
}
