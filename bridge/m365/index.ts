/**
 * Microsoft 365 for the bridge, in one call: `attachMicrosoft365()` parses the `microsoft365` config section,
 * restores the sign-in from the token cache, and once signed in swaps the core's card opener and contact
 * creator for the Outlook ones, syncs contacts (and optionally the organisation) into the local index every few
 * minutes, and writes every logged call to the mailbox through a durable outbox. While nobody is signed in it keeps
 * an eye on the token cache, so a sign-in made by another process (`bridge signin`) is picked up without a restart.
 */
import { join } from "node:path";
import type { ICachePlugin } from "@azure/msal-node";
import type { Client } from "@microsoft/microsoft-graph-client";
import type { BridgeCore } from "../core/bridge-core.js";
import type { EventHub } from "../core/events.js";
import { LocalContactCreator } from "../core/local-contact-creator.js";
import { PaneCardOpener } from "../core/pane-card-opener.js";
import type { CardRequest } from "../core/ports.js";
import type { Directory } from "../directory/directory.js";
import type { Logger } from "../log.js";
import type { Database } from "../store/sqlite.js";
import { M365Auth, SignInRequiredError } from "./auth.js";
import { OutboxCallSink } from "./call-sink.js";
import { ClassicOutlookOpener, PaneContactOpener, WebContactOpener, type ContactOpener } from "./card-openers.js";
import { parseM365Config, type M365Config } from "./config.js";
import { GraphContactCreator } from "./contact-creator.js";
import { ContactSync } from "./contact-sync.js";
import { DeltaStateStore } from "./delta-state.js";
import { DeviceCodeSignIn } from "./device-sign-in.js";
import { syncOrganisationDirectory } from "./directory-sync.js";
import { createGraphClient, isSignInRequired } from "./graph-client.js";
import { spawnRunner, systemUrlOpener, type CommandRunner, type UrlOpener } from "./launchers.js";
import { M365CardOpener } from "./m365-card-opener.js";
import { MailboxWriter } from "./mailbox-writer.js";
import { OutboxStore } from "./outbox-store.js";
import { OutboxWorker, type ProcessReport } from "./outbox-worker.js";
import { RecordingUploader } from "./recording-uploader.js";
import { chooserPath } from "./routes.js";
import { SignInWatch } from "./sign-in-watch.js";
import type { ContactSyncReport, DeviceCodeInfo, DirectorySyncReport, Microsoft365Status } from "./status.js";
import { SyncScheduler } from "./sync-scheduler.js";
import { createCachePlugin } from "./token-cache.js";

export { parseM365Config, M365ConfigError, type M365Config } from "./config.js";
export { SignInRequiredError } from "./auth.js";
export type { DeviceCodeInfo, Microsoft365Status } from "./status.js";
export type { CommandRunner, UrlOpener } from "./launchers.js";
export { microsoft365Routes } from "./routes.js";

export interface AttachMicrosoft365Options {
  /** The raw `microsoft365` section of config.json (BridgeConfig.microsoft365). */
  config: unknown;
  dataDir: string;
  db: Database;
  directory: Directory;
  core: BridgeCore;
  events: EventHub;
  log: Logger;
  /** Starts classic Outlook (default: a detached child process). */
  commandRunner?: CommandRunner;
  /** Opens Outlook on the web links and the interactive sign-in page (default: the system browser). */
  openUrl?: UrlOpener;
  /** Token cache persistence (default: DPAPI-protected on Windows when available, else a private file in dataDir). */
  cachePlugin?: ICachePlugin;
  /** The bridge's local web origin (http://127.0.0.1:3000); needed for `card.chooser: "page"`. */
  localOrigin?: () => string;
  /** While nobody is signed in, how often to look for a sign-in made by another process (default 30 s; 0 = never). */
  signInCheckMs?: number;
  /**
   * false: no timed sync, no outbox worker, no sign-in watch; for one-shot commands (`bridge status`, `bridge signin`)
   * that must not write calls or sync alongside a running bridge. `syncNow()` still works. Default true.
   */
  background?: boolean;
}

export interface Microsoft365 {
  readonly enabled: boolean;
  readonly config: M365Config;
  status(): Promise<Microsoft365Status>;
  /**
   * Device code flow: `onCode` gets the code and URL to show the user; resolves when they have signed in.
   * A call while one is waiting joins it (same code); status() shows the code until it is done.
   */
  signInWithDeviceCode(onCode: (info: DeviceCodeInfo) => void): Promise<{ account: string }>;
  /** System browser with a loopback redirect; `openBrowser` defaults to the `openUrl` option. */
  signInInteractive(openBrowser?: UrlOpener): Promise<{ account: string }>;
  /** Forgets the sign-in (and cancels a device code sign-in that is waiting). */
  signOut(): Promise<void>;
  /** Runs a sync pass now (joins a running one). */
  syncNow(): Promise<void>;
  /** Writes every pending call now, waiting out Retry-After/backoff (tests, a "send now" button). */
  flushOutbox(): Promise<ProcessReport>;
  /** Failed calls back into the queue. */
  retryFailedCalls(): number;
  stop(): Promise<void>;
}

export async function attachMicrosoft365(options: AttachMicrosoft365Options): Promise<Microsoft365> {
  const config = parseM365Config(options.config);
  if (!config.enabled) return disabled(config);
  const { db, directory, core, events, log } = options;
  const background = options.background ?? true;
  const cachePlugin = options.cachePlugin ?? (await createCachePlugin(join(options.dataDir, "msal-token-cache.json"), log));
  const auth = new M365Auth(config, { cachePlugin, log });
  const client: Client = createGraphClient({
    baseUrl: config.graphBaseUrl,
    tokens: auth,
    readRetries: config.retry.readRetries,
    maxInlineDelaySeconds: config.retry.maxInlineDelaySeconds,
  });
  const runner = options.commandRunner ?? spawnRunner;
  const openUrl = options.openUrl ?? systemUrlOpener(runner);

  const contactSync = new ContactSync(client, directory, db, log, config.sync.pageSize);
  let lastReport: { contacts: ContactSyncReport; directory?: DirectorySyncReport } | undefined;
  let signedIn = false;
  let account: string | undefined;
  let stopped = false;

  const scheduler = new SyncScheduler(
    async () => {
      try {
        const contacts = await contactSync.syncAll();
        const org = config.sync.directory ? await syncOrganisationDirectory(client, directory, db, config.sync.pageSize) : undefined;
        lastReport = { contacts, ...(org ? { directory: org } : {}) };
        log("info", "Microsoft 365 sync done", {
          upserted: contacts.folders.reduce((n, f) => n + f.upserted, 0),
          removed: contacts.folders.reduce((n, f) => n + f.removed, 0),
          ...(org ? { directoryUsers: org.indexed } : {}),
        });
      } catch (error) {
        if (isSignInRequired(error)) deactivate((error as Error).message);
        throw error;
      }
    },
    config.sync.intervalMinutes * 60_000,
    log,
  );

  const store = new OutboxStore(db);
  const uploader = config.calls.recording === "none" ? undefined : new RecordingUploader(client, config.calls, log);
  const worker = new OutboxWorker(store, new MailboxWriter(client, config.calls, uploader, log), config.retry, log);
  if (config.calls.enabled) core.addCallSink(new OutboxCallSink(store, worker));

  const contactOpener: ContactOpener =
    config.card.mode === "classic"
      ? new ClassicOutlookOpener(client, config.card.outlookPath, runner)
      : config.card.mode === "pane"
        ? new PaneContactOpener(events)
        : new WebContactOpener(config.card.webUrlTemplate, openUrl);
  const localOrigin = options.localOrigin;
  const chooserPage =
    config.card.chooser === "page" && localOrigin
      ? (request: CardRequest) => openUrl(`${localOrigin()}${chooserPath(request)}`)
      : undefined;
  if (config.card.chooser === "page" && !localOrigin) log("warn", "card.chooser is \"page\" but no local web server: using the pane");
  const cardOpener = new M365CardOpener(directory, events, contactOpener, log, chooserPage);
  const creator = new GraphContactCreator(client, directory);

  function activate(username: string): void {
    if (stopped) return;
    account = username;
    if (!signedIn) {
      signedIn = true;
      core.setCardOpener(cardOpener);
      core.setContactCreator(creator);
      if (background) {
        scheduler.start();
        worker.start();
      }
    }
  }

  /** `reason` = the sign-in stopped working (reported as a failure); none = the user signed out. */
  function deactivate(reason?: string): void {
    if (!signedIn) return;
    signedIn = false;
    // Until the cache holds a new sign-in, the watch must not bring this dead one back.
    if (reason) watch.dismissCurrent();
    core.setCardOpener(new PaneCardOpener(events));
    core.setContactCreator(new LocalContactCreator(directory));
    if (reason) events.emit("failure", { stage: "microsoft365", message: reason });
    void scheduler.stop();
    void worker.stop();
  }

  const deviceSignIn = new DeviceCodeSignIn((onCode, signal) => auth.signInWithDeviceCode(onCode, signal));
  const watch = new SignInWatch(
    {
      account: () => auth.account(),
      isSignedIn: () => signedIn,
      onFound: (found) => {
        activate(found.username);
        deviceSignIn.cancel(); // signed in elsewhere: the code shown here is moot
      },
      log,
    },
    options.signInCheckMs ?? 30_000,
  );
  function signedInHere(username: string): { account: string } {
    watch.forget();
    activate(username);
    return { account: username };
  }

  const cached = await auth.account();
  if (cached) activate(cached.username);
  else log("info", "Microsoft 365 is configured but nobody is signed in");
  if (background) watch.start();

  return {
    enabled: true,
    config,
    async status() {
      return {
        enabled: true,
        signedIn,
        ...(account ? { account } : {}),
        cardMode: config.card.mode,
        ...(deviceSignIn.pending ? { deviceCode: deviceSignIn.pending } : {}),
        ...(deviceSignIn.lastError ? { signInError: deviceSignIn.lastError } : {}),
        sync: {
          ...scheduler.status,
          contacts: directory.count("outlook"),
          directory: directory.count("directory"),
          ...(lastReport ? { lastReport } : {}),
        },
        outbox: store.counts(),
      };
    },
    async signInWithDeviceCode(onCode) {
      return signedInHere((await deviceSignIn.run(onCode)).username);
    },
    async signInInteractive(openBrowser = openUrl) {
      return signedInHere((await auth.signInInteractive(openBrowser)).username);
    },
    async signOut() {
      deviceSignIn.cancel();
      // The watch must not see the account again while it is being removed from the cache.
      await watch.suspendWhile(async () => {
        deactivate();
        log("info", "signed out of Microsoft 365", { ...(account ? { account } : {}) });
        await auth.signOut();
        new DeltaStateStore(db).clear();
        account = undefined;
        watch.forget();
      });
    },
    async syncNow() {
      if (!signedIn) throw new SignInRequiredError("nobody is signed in");
      await scheduler.syncNow();
    },
    flushOutbox: () => worker.drain(),
    retryFailedCalls() {
      const n = store.retryFailed();
      if (signedIn) worker.kick();
      return n;
    },
    async stop() {
      stopped = true;
      deviceSignIn.cancel();
      await watch.stop();
      await scheduler.stop();
      await worker.stop();
    },
  };
}

function disabled(config: M365Config): Microsoft365 {
  const off = () => Promise.reject(new Error("Microsoft 365 is not configured (microsoft365.enabled / clientId in config.json)"));
  return {
    enabled: false,
    config,
    status: async () => ({ enabled: false, signedIn: false }),
    signInWithDeviceCode: off,
    signInInteractive: off,
    signOut: async () => undefined,
    syncNow: off,
    flushOutbox: async () => ({ done: 0, rescheduled: 0, failed: 0 }),
    retryFailedCalls: () => 0,
    stop: async () => undefined,
  };
}
