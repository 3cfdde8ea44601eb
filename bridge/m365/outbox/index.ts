/**
 * The outbox room wires itself: the worker that writes every queued call through the mailbox's writer, and the
 * call sink the core hands each logged call to. The sink is added for good, signed in or not: calls made meanwhile
 * wait in the outbox for the next sign-in.
 */
import { CallLog } from "../../calls/call-log.js";
import type { AdapterHost } from "../../core/ports.js";
import type { Directory } from "../../directory/directory.js";
import type { Logger } from "../../log/log.js";
import type { Database } from "../../store/sqlite.js";
import type { SignInCheck } from "../auth/index.js";
import type { M365Config } from "../config.js";
import { OutboxCallSink } from "./call-sink.js";
import type { OutboxStore } from "./outbox-store.js";
import { OutboxWorker, type OutboxWriter } from "./outbox-worker.js";
import { requeueUnqueuedCalls } from "./requeue.js";

export { OutboxStore } from "./outbox-store.js";
export type { OutboxWorker, OutboxWriter, ProcessReport } from "./outbox-worker.js";

export interface OutboxDeps {
  config: M365Config;
  /** The queue (the mailbox's follow-ups read it too). */
  store: OutboxStore;
  writer: OutboxWriter;
  /** A write refused for the sign-in gives it up once GET /me is refused too. */
  signIn: SignInCheck;
  /** Where the call sink plugs in. */
  core: AdapterHost;
  db: Database;
  directory: Directory;
  /** false (one-shot commands): calls that missed their outbox row are left for the running bridge. */
  background: boolean;
  log: Logger;
  /** Seconds until the bridge's Graph throttle lets requests go again, while it holds them. */
  graphWait?: () => number | undefined;
}

export function createOutbox({ config, store, writer, signIn, core, ...deps }: OutboxDeps): OutboxRoom {
  const worker = new OutboxWorker(store, writer, config.retry, deps.log, signIn, deps.graphWait);
  const requeue = (): void => {
    if (config.calls.enabled) requeueUnqueuedCalls(store, new CallLog(deps.db), deps.directory, deps.log);
  };
  if (config.calls.enabled) core.addCallSink(new OutboxCallSink(store, worker));
  if (deps.background) requeue();
  return { worker, requeue };
}

export interface OutboxRoom {
  worker: OutboxWorker;
  /** Queues the logged calls that have no outbox row (the running bridge's work: at start, or once it may write). */
  requeue(): void;
}
