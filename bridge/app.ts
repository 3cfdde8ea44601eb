/**
 * The composition root: opens the store, picks the transport, wires the core, the local web server
 * and the optional Microsoft 365 connection. Everything else is plain modules.
 */
import { keepBackups } from "./app/daily-backups.js";
import { lockFolder } from "./app/data-folder.js";
import { logEvent } from "./app/event-log.js";
import { startLocalServer, type LocalServer } from "./app/local-server.js";
import { openStore } from "./app/open-store.js";
import { watchWritableAgain } from "./app/writable-again.js";
import { CallJournal } from "./calls/call-journal.js";
import type { CallLog } from "./calls/call-log.js";
import type { BridgeConfig } from "./config/config.js";
import { setupContext, type ContextSetup } from "./context/index.js";
import { BridgeCore } from "./core/bridge-core.js";
import { EventHub } from "./core/events.js";
import { systemUrlOpener, type UrlOpener } from "./desktop/launchers.js";
import type { Directory } from "./directory/directory.js";
import { NotUnderstoodLog } from "./inbox/not-understood.js";
import { errorMessage } from "./log/error-message.js";
import { createLogger, type Logger } from "./log/log.js";
import { disabledMicrosoft365, type Microsoft365 } from "./m365/microsoft365.js";
import type { StoreHealth } from "./store/store-file.js";
import type { Database } from "./store/sqlite.js";
import { createTransport } from "./transport/select.js";
import type { Transport } from "./transport/transport.js";
import { managedAt } from "./config/policies.js";
import { teamNotifier, type TeamNotifier } from "./team/team-notifier.js";

export interface RunningBridge {
  config: BridgeConfig;
  db: Database;
  directory: Directory;
  callLog: CallLog;
  /** Read-only, or replaced after damage: what the pane and the log say about the store. */
  store: StoreHealth;
  core: BridgeCore;
  transport: Transport;
  /** The Microsoft 365 connection (a do-nothing one when `microsoft365` is not configured). */
  m365: Microsoft365;
  http: LocalServer | undefined;
  /** What the team log's sync and claim call when they changed the local copy: the pane refreshes. */
  team: TeamNotifier;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Overrides the configured transport (tests, the stdio pipe). */
  transport?: Transport;
  /** false for one-shot commands: Microsoft 365 then neither syncs on a timer nor writes queued calls. */
  background?: boolean;
  log?: Logger;
  /** Opens links in the default browser (default: the system's URL handler; tests record instead). */
  openUrl?: UrlOpener;
}

export async function startBridge(config: BridgeConfig, options: StartOptions = {}): Promise<RunningBridge> {
  const log = options.log ?? createLogger();
  const background = options.background ?? true;
  // Before anything that writes: a second bridge on this folder must not touch the store or the outbox.
  let lock = background ? lockFolder(config, log) : undefined;
  let opened: ReturnType<typeof openStore>;
  try {
    // Only the lock holder may check the file and replace it when damaged.
    opened = openStore(config, { seed: true, log, repair: lock !== undefined });
  } catch (error) {
    lock?.release();
    throw error;
  }
  const { db, directory, callLog, health, reopenable } = opened;
  if (health.problem) log("error", "store", { path: health.path, problem: health.problem });
  let backups = background && !health.readOnly ? keepBackups(db, config, log) : undefined;
  // The window's thread answers CONTACT? from its own connection when a reply is the index alone (not web links, not
  // a private read-only copy that the swap to the real files would pull from under it).
  const contactIndex =
    config.card.idForm === "url" || health.readOnly
      ? undefined
      : { path: db.path, defaultRegion: config.defaultRegion };
  const transport = options.transport ?? (await createTransport(config, log, contactIndex));
  const events = new EventHub();
  const team = teamNotifier((at) => events.emit("team", { at }));
  const notUnderstood = new NotUnderstoodLog(db);
  events.on((event) => logEvent(log, event));
  events.on((event) => {
    if (event.type === "protocol-error") notUnderstood.add(event.error);
  });
  // Its own slot of the journal: two bridges on one read-only folder never drop each other's calls.
  const journal = background ? claimJournal(config, log) : undefined;
  const core = new BridgeCore({
    directory,
    callLog,
    transport,
    events,
    createCard: config.createCard,
    idForm: config.card.idForm,
    // The running bridge keeps and replays the journal, a one-shot command never (it must not race it). Not only
    // the lock holder: a read-only folder cannot be locked, and that is when calls need the journal most.
    ...(journal ? { journal } : {}),
  });
  const openUrl = options.openUrl ?? systemUrlOpener();
  await core.start();
  let http: LocalServer | undefined;
  let m365: Microsoft365 | undefined;
  let context: ContextSetup | undefined;
  let stopped = false;
  let stopWatching: (() => void) | undefined;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    await http?.close();
    context?.stop();
    team.stop();
    await m365?.stop();
    stopWatching?.();
    await core.stop();
    journal?.release();
    clearInterval(backups);
    db.close();
    lock?.release();
    log("info", "bridge stopped");
  };

  try {
    // After the core: once signed in it swaps in the Outlook card opener and contact creator, and adds the mail sink.
    // Microsoft 365 (msal, the Graph SDK) and the web server (ws) load only when configured: a faster, smaller start.
    const m365Module = config.microsoft365.enabled ? await import("./m365/index.js") : undefined;
    m365 = m365Module
      ? await m365Module.attachMicrosoft365({
          config: config.microsoft365,
          dataDir: config.dataDir,
          db,
          directory,
          core,
          log,
          recordings: config.recording,
          language: config.language,
          openUrl,
          // A read-only store cannot take synced contacts or outbox progress.
          background: background && !health.readOnly,
          onTeamChanged: () => team.changed(),
          // What a policy decided cannot be changed from the pane (the team log's site and list).
          managed: (setting) => managedAt(config.managed, setting),
        })
      : disabledMicrosoft365(config.microsoft365);
    // The calls an earlier run left in the fallback journal, now that the mailbox's call sink is in place.
    void core.replayJournal();
    // Calls that wait for a read-only store go in as soon as it takes writes again, not at the next start.
    if (background && reopenable)
      stopWatching = watchWritableAgain({
        config,
        db: reopenable,
        health,
        log,
        onWritable(taken) {
          lock = taken;
          backups = keepBackups(db, config, log);
          void core.replayJournal();
          m365?.startBackground();
        },
      });
    context = setupContext({ db, directory, callLog, events, m365, lookup: config.lookup });
    log("info", "bridge started", {
      transport: transport.name,
      store: db.path,
      driver: db.driver,
      ...(health.readOnly ? { readOnly: true } : {}),
      contacts: directory.count(),
      microsoft365: m365.enabled,
    });
    if (config.http.enabled) {
      http = await startLocalServer({
        config,
        db,
        core,
        directory,
        callLog,
        notUnderstood,
        events,
        transport,
        store: health,
        context,
        m365,
        m365Module,
        openUrl,
        log,
      });
    }
    // Last: TelefUM sends the moment it sees hwndProgr, so it goes out once nothing keeps the main thread busy.
    if (transport.announce) {
      transport.announce();
      log("info", "TelefUM can reach the bridge", { transport: transport.name });
    }
  } catch (error) {
    // A port in use, a certificate that cannot be made: release the window, the store and timers, then report it.
    await stop();
    throw error;
  }

  return { config, db, directory, callLog, store: health, core, transport, m365, http, team, stop };
}

function claimJournal(config: BridgeConfig, log: Logger): CallJournal | undefined {
  try {
    const journal = CallJournal.claim(config.fallbackJournal);
    if (!journal) log("warn", "every fallback journal slot is held: calls the store refuses wait in memory only");
    return journal;
  } catch (error) {
    log("warn", "cannot claim the fallback journal", { path: config.fallbackJournal, reason: errorMessage(error) });
    return undefined;
  }
}
