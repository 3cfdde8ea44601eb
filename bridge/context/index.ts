/**
 * Beyond caller ID, in one call for app.ts: the caller's context (local log, notes, SMS, and the mailbox while
 * signed in), the notes typed during calls, the SMS log, the missed calls to call back, and their routes. It
 * listens to the core: an incoming call starts the context fetch (after TelefUM has its answer), a logged call
 * takes its note and clears the missed calls it called back, an SMS sent is logged.
 */
import type { CallLog } from "../calls/call-log.js";
import { CallNotes } from "../calls/call-notes.js";
import { MissedCalls } from "../calls/missed-calls.js";
import { SmsLog } from "../calls/sms-log.js";
import type { EventHub } from "../core/events.js";
import type { Directory } from "../directory/directory.js";
import type { MailboxContext } from "../http/caller-context.js";
import type { Route } from "../http/server.js";
import type { Database } from "../store/sqlite.js";
import { CallerContext } from "./caller-context.js";
import type { LookupConfig } from "./lookup-config.js";

/** What the context needs of Microsoft 365 (the Microsoft365 module fits). */
export interface ContextMailbox {
  readonly enabled: boolean;
  mailbox(): MailboxContext | undefined;
  kickFollowUps(): void;
}

export interface ContextDeps {
  db: Database;
  directory: Directory;
  callLog: CallLog;
  events: EventHub;
  m365: ContextMailbox;
  lookup: LookupConfig;
}

export interface ContextSetup {
  context: CallerContext;
  /** Its routes, loaded by the local web server only: a bridge without it never loads the HTTP modules. */
  routes(): Promise<Route[]>;
  /** Stops listening to the core. */
  stop(): void;
}

export function setupContext(deps: ContextDeps): ContextSetup {
  const { db, directory, callLog, m365 } = deps;
  const notes = new CallNotes(db);
  const sms = new SmsLog(db);
  const missed = new MissedCalls(db, callLog);
  const context = new CallerContext({
    directory,
    callLog,
    notes,
    sms,
    mailbox: () => m365.mailbox(),
    microsoft365: () => (!m365.enabled ? "off" : m365.mailbox() ? "signed-in" : "signed-out"),
    lookup: deps.lookup,
  });
  const off = deps.events.on((event) => {
    switch (event.type) {
      case "incoming-call":
        return context.prefetch(event.number);
      case "call-logged":
        notes.attach(event.call);
        missed.calledBack(event.call);
        context.forget(event.call.number);
        return m365.kickFollowUps();
      case "sms-sent":
        sms.record({
          number: event.number,
          template: event.template,
          text: event.text,
          device: event.device,
          sentAt: event.at,
          contactIds: directory.lookup(event.number).map((c) => c.id),
        });
        return m365.kickFollowUps();
      case "contact-created":
        return context.forget();
      default:
        return;
    }
  });
  const routes = async (): Promise<Route[]> =>
    (await import("./context-routes.js")).contextRoutes({
      context,
      notes,
      missed,
      callLog,
      directory,
      changed: () => m365.kickFollowUps(),
    });
  return { context, routes, stop: off };
}
