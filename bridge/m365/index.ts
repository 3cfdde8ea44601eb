/**
 * Microsoft 365 for the bridge, in one call: `attachMicrosoft365()` takes the checked `microsoft365` section and
 * wires the parts: the Graph client, the sync of every source of numbers every few minutes (sources/: own contacts,
 * the directory, organisation contacts, shared mailboxes),
 * the durable outbox that writes every logged call to the mailbox, and the Outlook card opener and contact creator.
 * The session (session.ts) puts those adapters into the core while someone is signed in, and takes them out again.
 */
import { translator, type Language } from "../i18n/i18n.js";
import { join } from "node:path";
import type { ICachePlugin } from "@azure/msal-node";
import type { Client } from "@microsoft/microsoft-graph-client";
import type { AdapterHost } from "../core/ports.js";
import type { Contact } from "../directory/contact.js";
import { removeDemoContacts } from "../directory/demo-contacts.js";
import type { Directory } from "../directory/directory.js";
import type { Logger } from "../log/log.js";
import type { Database } from "../store/sqlite.js";
import { M365Auth, SignInRequiredError } from "./auth/auth.js";
import { callTransactionId } from "./outbox/call-note.js";
import { OutboxCallSink, outboxContacts } from "./outbox/call-sink.js";
import { contactOpenerFor, graphIdOfWebUrl, webContactUrl } from "./outlook/card-openers.js";
import type { M365Config, NamedCalls } from "./config.js";
import { GraphContactCreator } from "./outlook/contact-creator.js";
import { ContactSync } from "./sources/contact-sync.js";
import { DeltaStateStore } from "./sources/delta-state.js";
import { confirmSignInLost, createGraphClient, graphProblem, isSignInRequired } from "./graph-client.js";
import { type GraphProblem, GraphThrottle } from "./graph-throttle.js";
import { spawnRunner, systemUrlOpener, type CommandRunner, type UrlOpener } from "../desktop/launchers.js";
import { M365CardOpener } from "./outlook/m365-card-opener.js";
import type { RecordingPolicy } from "../calls/recording-file.js";
import { MailboxWriter } from "./mailbox/mailbox-writer.js";
import { disabledMicrosoft365, type Microsoft365 } from "./microsoft365.js";
import { OutboxStore } from "./outbox/outbox-store.js";
import { OutboxWorker } from "./outbox/outbox-worker.js";
import { CallLog } from "../calls/call-log.js";
import { CallNotes } from "../calls/call-notes.js";
import { MissedCalls } from "../calls/missed-calls.js";
import { SmsLog } from "../calls/sms-log.js";
import { FollowUps } from "./mailbox/follow-ups.js";
import { GraphMailboxContext } from "./mailbox/mail-context.js";
import { RecordingUploader } from "./mailbox/recording-uploader.js";
import { M365Session } from "./auth/session.js";
import { directoryUsers } from "./sources/directory-users.js";
import { GraphReader } from "./sources/graph-reader.js";
import { orgContacts } from "./sources/org-contacts.js";
import { personalContacts } from "./sources/personal-contacts.js";
import { sharedMailbox } from "./sources/shared-mailbox.js";
import { SourceSwitches } from "./sources/source-switches.js";
import { SyncSources } from "./sources/sync-sources.js";
import type { ContactSyncReport, Microsoft365Status } from "../http/m365-status.js";
import { SyncScheduler } from "./sources/sync-scheduler.js";
import { createCachePlugin } from "./auth/token-cache.js";

export { parseM365Config, type M365Config } from "./config.js";
export { SignInRequiredError } from "./auth/auth.js";
export type { DeviceCodeInfo, Microsoft365Status } from "../http/m365-status.js";
export { UnknownSourceError } from "./sources/sync-sources.js";
export type { CommandRunner, UrlOpener } from "../desktop/launchers.js";
export { microsoft365Routes } from "./routes.js";

/** Outlook on the web links of Outlook contacts and back, for `card.idForm: "url"`. */
export function outlookLinks(config: M365Config, directory: Directory) {
  const template = config.card.webUrlTemplate;
  return {
    outlookLink: (contact: Contact) =>
      contact.source === "outlook" && contact.externalId ? webContactUrl(template, contact.externalId) : undefined,
    outlookContactIdOfLink: (url: string) => {
      const graphId = graphIdOfWebUrl(template, url);
      return graphId === undefined ? undefined : directory.findByExternalId("outlook", graphId)?.id;
    },
  };
}
export type { Microsoft365 } from "./microsoft365.js";

export interface AttachMicrosoft365Options {
  /** The `microsoft365` section, already checked by loadConfig (BridgeConfig.microsoft365). */
  config: M365Config;
  dataDir: string;
  /** Which recording files CALLHISTORY may have uploaded (BridgeConfig.recording). */
  recordings: RecordingPolicy;
  db: Database;
  directory: Directory;
  /** Where the Outlook adapters plug in while signed in, and where failures are reported. */
  core: AdapterHost;
  log: Logger;
  /** The language of what is written into the mailbox (default English). */
  language?: Language;
  /** Starts classic Outlook (default: a detached child process). */
  commandRunner?: CommandRunner;
  /** Opens Outlook on the web links and the interactive sign-in page (default: the system browser). */
  openUrl?: UrlOpener;
  /** Token cache persistence (default: DPAPI-protected on Windows when available, else a private file in dataDir). */
  cachePlugin?: ICachePlugin;
  /** While nobody is signed in, how often to look for a sign-in made by another process (default 30 s; 0 = never). */
  signInCheckMs?: number;
  /**
   * false: no timed sync, no outbox worker, no sign-in watch; for one-shot commands (`bridge status`, `bridge signin`)
   * that must not write calls or sync alongside a running bridge. `syncNow()` still works. Default true.
   */
  background?: boolean;
}

/** Calls logged in the last days without an outbox row (the store failed between the two before): queue them. */
const REQUEUE_DAYS = 7;

function requeueUnqueuedCalls(store: OutboxStore, callLog: CallLog, directory: Directory, log: Logger): void {
  const since = new Date(Date.now() - REQUEUE_DAYS * 86_400_000).toISOString();
  let queued = 0;
  for (const id of store.unqueuedCallIds(since)) {
    const call = callLog.get(id);
    if (!call) continue;
    if (store.enqueue(callTransactionId(call), call, outboxContacts(directory.getMany(call.contactIds)))) queued++;
  }
  if (queued > 0) log("info", "queued logged calls that had no outbox row", { count: queued });
}

export async function attachMicrosoft365(options: AttachMicrosoft365Options): Promise<Microsoft365> {
  const { config } = options;
  if (!config.enabled) return disabledMicrosoft365(config);
  const { db, directory, core, log } = options;
  const background = options.background ?? true;
  const cachePlugin =
    options.cachePlugin ?? (await createCachePlugin(join(options.dataDir, "msal-token-cache.json"), log));
  const auth = new M365Auth(config, { cachePlugin, log });
  const throttle = new GraphThrottle({
    baseSeconds: config.retry.graphDownBaseSeconds,
    maxSeconds: config.retry.graphDownMaxSeconds,
    log,
  });
  const client: Client = createGraphClient({
    throttle,
    baseUrl: config.graphBaseUrl,
    tokens: auth,
    readRetries: config.retry.readRetries,
    maxInlineDelaySeconds: config.retry.maxInlineDelaySeconds,
    requestTimeoutSeconds: config.retry.requestTimeoutSeconds,
  });
  const runner = options.commandRunner ?? spawnRunner;
  const openUrl = options.openUrl ?? systemUrlOpener(runner);

  const contactSync = new ContactSync(client, directory, db, log, config.sync.pageSize);
  let lastReport: { contacts: ContactSyncReport } | undefined;
  const sourceDeps = { reader: new GraphReader(client, config.retry), directory, db, state: new DeltaStateStore(db) };
  const sources = new SyncSources({
    sources: [
      {
        source: personalContacts(contactSync, (contacts) => (lastReport = { contacts })),
        enabledByConfig: config.sync.contacts,
      },
      { source: directoryUsers(sourceDeps), enabledByConfig: config.sync.directory },
      { source: orgContacts(sourceDeps), enabledByConfig: config.sync.orgContacts },
      ...config.sync.sharedMailboxes.map((address) => ({
        source: sharedMailbox(address, { ...sourceDeps, pageSize: config.sync.pageSize }),
        enabledByConfig: true,
      })),
    ],
    switches: new SourceSwitches(db),
    ...sourceDeps,
    log,
  });
  let syncProblem: GraphProblem | undefined;
  const scheduler = new SyncScheduler(
    async () => {
      try {
        // Signed in: the user's own contacts come; the demo ones must not mix with them.
        const demo = removeDemoContacts(directory);
        if (demo > 0) log("info", "removed the demo contacts", { count: demo });
        await sources.pass();
        syncProblem = undefined;
        log("info", "Microsoft 365 sync done", {
          sources: Object.fromEntries(sources.status().map((s) => [s.key, s.enabled ? s.count : "off"])),
        });
      } catch (error) {
        syncProblem = graphProblem(error);
        // One refused request may be a passing fault: sign out only when GET /me is refused too.
        if (isSignInRequired(error) && (await confirmSignInLost(client))) session.lost((error as Error).message);
        throw error;
      }
    },
    config.sync.intervalMinutes * 60_000,
    log,
  );

  // What the bridge writes into the mailbox is in its language, the "Calls" calendar's name included.
  const words = translator(options.language ?? "en");
  const calls: NamedCalls = { ...config.calls, calendarName: config.calls.calendarName ?? words.t("mailbox.calendar") };
  const store = new OutboxStore(db);
  // A chunk of a recording may take longer than one Graph call on a slow line, but never forever.
  const uploadTimeoutMs = config.retry.requestTimeoutSeconds * 4000;
  const timedFetch: typeof fetch = (url, init) => fetch(url, { ...init, signal: AbortSignal.timeout(uploadTimeoutMs) });
  const uploader =
    config.calls.recording === "none" ? undefined : new RecordingUploader(client, config.calls, log, timedFetch);
  const writer = new MailboxWriter(client, calls, uploader, options.recordings, log, words);
  const worker = new OutboxWorker(
    store,
    writer,
    config.retry,
    log,
    {
      confirmLost: () => confirmSignInLost(client),
      lost: (reason) => session.lost(reason),
    },
    () => throttle.state?.retryInSeconds,
  );
  // Any request Graph answers again after a failure (a lookup's card, the sync) sends the calls that waited.
  throttle.onRecovered(() => worker.wake());
  // Added for good, signed in or not: calls made meanwhile wait in the outbox for the next sign-in.
  if (config.calls.enabled) {
    core.addCallSink(new OutboxCallSink(store, worker));
    if (background) requeueUnqueuedCalls(store, new CallLog(db), directory, log);
  }

  const callLog = new CallLog(db);
  const followUps = new FollowUps({
    client,
    calls: config.calls,
    callLog,
    notes: new CallNotes(db),
    sms: new SmsLog(db),
    missed: new MissedCalls(db, callLog),
    outbox: store,
    directory,
    log,
  });
  const mailbox = new GraphMailboxContext(client, calls, directory.options.defaultRegion);

  const contactOpener = contactOpenerFor({ card: config.card, client, runner, openUrl, events: core.events });
  const cardOpener = new M365CardOpener(() => core.views, contactOpener, config.card.chooser === "page");

  const session = new M365Session({
    auth,
    core,
    adapters: { cardOpener, contactCreator: new GraphContactCreator(client, directory) },
    whileSignedIn: background ? [scheduler, worker, followUps] : [],
    forgetAccountData: () => new DeltaStateStore(db).clear(),
    signInCheckMs: background ? (options.signInCheckMs ?? 30_000) : 0,
    log,
  });
  await session.resume();

  // The reason a person reads; the raw detail (sync.lastError, the outbox's last_error) is for the log and support.
  const problem = (pending: number): GraphProblem | undefined =>
    !session.signedIn
      ? session.lostSignIn || pending > 0
        ? "signInNeeded"
        : undefined
      : (throttle.state?.problem ?? syncProblem);
  const status = async (): Promise<Microsoft365Status> => {
    const outbox = store.counts();
    const now = problem(outbox.pending);
    return {
      ...(now ? { problem: now } : {}),
      enabled: true,
      signedIn: session.signedIn,
      ...(session.account ? { account: session.account } : {}),
      cardMode: config.card.mode,
      ...(session.deviceCode ? { deviceCode: session.deviceCode } : {}),
      ...(session.signInError ? { signInError: session.signInError } : {}),
      sync: {
        ...scheduler.status,
        contacts: directory.count("outlook"),
        directory: directory.count("directory"),
        ...(lastReport ? { lastReport } : {}),
        sources: sources.status(),
      },
      outbox,
    };
  };

  return {
    enabled: true,
    config,
    status,
    signInWithDeviceCode: (onCode) => session.signInWithDeviceCode(onCode),
    signInInteractive: (openBrowser = openUrl) => session.signInInteractive(openBrowser),
    signOut: () => session.signOut(),
    async syncNow() {
      if (!session.signedIn) throw new SignInRequiredError("nobody is signed in");
      await scheduler.syncNow();
    },
    async switchSource(key, enabled) {
      sources.switch(key, enabled);
      if (enabled && session.signedIn) void scheduler.syncNow().catch(() => undefined);
      return status();
    },
    flushOutbox: () => worker.drain(),
    retryFailedCalls() {
      const n = store.retryFailed();
      if (session.signedIn) worker.kick();
      return n;
    },
    mailbox: () => (session.signedIn ? mailbox : undefined),
    kickFollowUps() {
      if (session.signedIn && background) followUps.kick();
    },
    flushFollowUps: () => followUps.flush(),
    async stop() {
      await session.stop();
      await scheduler.stop();
      await worker.stop();
      await followUps.stop();
    },
  };
}
