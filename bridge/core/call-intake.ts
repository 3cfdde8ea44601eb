/**
 * CALLHISTORY: every call TelefUM reports goes into the call log, with each call sink's durable part in the same
 * transaction, and then to the sinks. TelefUM sends a call once: when the store refuses it (disk full, read-only),
 * the call is handed to the hold at one spot (take), which keeps it in the fallback journal and stores it again,
 * with its original receipt time, until it goes in.
 */
import type { CallJournal } from "../calls/call-journal.js";
import type { CallLog } from "../calls/call-log.js";
import type { Directory } from "../directory/directory.js";
import { ReasonError } from "../api-contract/reasons.js";
import { errorMessage } from "../log/error-message.js";
import type { CallHistory } from "../protocol/messages.js";
import type { Adapters } from "./adapters.js";
import { lookupOrNone } from "./contact-lookup.js";
import { emitFailure } from "./emit-failure.js";
import { emitNotice } from "./emit-notice.js";
import type { EventHub } from "./events.js";
import { UnstoredCalls } from "./unstored-calls.js";

/** Where calls the store refused wait until it takes them: the intake's one seam to what keeps them. */
export interface CallHold {
  readonly size: number;
  /** Of those, the calls waiting on disk in the fallback journal. */
  readonly journaled: number;
  /** Holds a call the store refused, and makes sure it is stored again. */
  keep(call: CallHistory, receivedAt: Date): void;
  /** Tries to store every held call now, oldest first. */
  retry(): Promise<void>;
  /** No more retries of its own. */
  stop(): void;
}

export interface CallIntakeDeps {
  directory: Directory;
  callLog: CallLog;
  events: EventHub;
  adapters: Pick<Adapters, "sinks">;
  /** Where refused calls wait on disk; without it, in memory only (one-shot commands never replay it). */
  journal?: CallJournal;
}

export class CallIntake {
  private readonly hold: CallHold;

  constructor(private readonly deps: CallIntakeDeps) {
    const fail = (error: ReasonError) => emitFailure(deps.events, "CALLHISTORY", error);
    const journal = deps.journal;
    this.hold = new UnstoredCalls({
      store: async (call, receivedAt) => {
        const failures = await this.store(call, receivedAt);
        if (failures.length > 0) fail(sinksFailed(failures));
      },
      onDropped: ({ number, start }) => {
        const why = `too many calls wait for the store: the oldest is given up (${number} at ${start})`;
        fail(new ReasonError("CALL_GIVEN_UP", why, { number, start }));
      },
      ...(journal ? { journal } : {}),
      onJournal: (count) =>
        emitNotice(deps.events, "CALLHISTORY", count > 0 ? "warn" : "info", {
          key: count > 0 ? "store.journalWaiting" : "store.journalStored",
          params: { count, path: journal?.path ?? "" },
        }),
      onJournalFailed: (error) => {
        const detail = errorMessage(error);
        const why = `the fallback journal cannot be written (${detail}): the call is held in memory only`;
        fail(new ReasonError("JOURNAL_FAILED", why, { detail }));
      },
    });
  }

  /** Calls held because the store could not take them yet. */
  get held(): number {
    return this.hold.size;
  }

  /** Calls waiting in the fallback journal. */
  get journaled(): number {
    return this.hold.journaled;
  }

  /** Calls an earlier run left in the journal: stored now if the store takes them, else retried later. */
  replayHeld(): Promise<void> {
    return this.hold.retry();
  }

  /** Throws what went wrong (the failure event says it): the store refused the call, or a sink failed. */
  async take(message: CallHistory): Promise<void> {
    const receivedAt = new Date();
    let failures: string[];
    try {
      failures = await this.store(message, receivedAt);
    } catch (error) {
      this.hold.keep(message, receivedAt);
      const where = this.hold.journaled > 0 ? "in the fallback journal" : "in memory";
      const why = `the call could not be stored (${errorMessage(error)}); kept ${where} with ${this.hold.size - 1} `;
      throw new ReasonError("CALL_NOT_STORED", `${why}other(s) and stored again soon`, { detail: errorMessage(error) });
    }
    // The store took this one: those that waited may go in too.
    if (this.hold.size > 0) void this.hold.retry();
    if (failures.length > 0) throw sinksFailed(failures);
  }

  /** A last try for the held calls; those still refused are reported. */
  async stop(): Promise<void> {
    this.hold.stop();
    if (this.hold.size > 0) await this.hold.retry();
    const { size, journaled } = this.hold;
    if (size > 0) {
      const why =
        `${size} call(s) could not be stored before the bridge stopped` +
        (journaled > 0 ? `; ${journaled} wait in the fallback journal for the next start` : "");
      const error = new ReasonError("CALLS_NOT_STORED_AT_STOP", why, { count: size, journaled });
      emitFailure(this.deps.events, "CALLHISTORY", error);
    }
  }

  /**
   * Logs the call and the sinks' durable part in one transaction (throws when the store cannot), then hands the
   * call to the sinks that took it; returns their failures. A repeated call is handed only to a sink that had
   * not taken it yet (its row was missing).
   */
  private async store(message: CallHistory, receivedAt: Date): Promise<string[]> {
    const { directory, callLog, events, adapters } = this.deps;
    const contacts = lookupOrNone({ directory, events }, message.number, "CALLHISTORY");
    const sinks = adapters.sinks();
    const { call, created, within } = callLog.record(
      message,
      contacts.map((c) => c.id),
      (logged) => new Set(sinks.filter((sink) => sink.queue?.(logged, contacts))),
      receivedAt,
    );
    if (created) events.emit("call-logged", { call });
    const failures: string[] = [];
    for (const sink of sinks) {
      if (!within?.has(sink) && !(created && !sink.queue)) continue;
      try {
        await sink.record(call, contacts);
      } catch (error) {
        failures.push(`${sink.name}: ${errorMessage(error)}`);
      }
    }
    return failures;
  }
}

/** The sinks that could not take a call, as one failure (each sink's words are its detail). */
function sinksFailed(failures: string[]): ReasonError {
  const detail = failures.join("; ");
  return new ReasonError("CALL_SINK_FAILED", detail, { detail });
}
