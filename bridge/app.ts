/**
 * The composition root: opens the store, picks the transport, wires the core, the local web server
 * and the optional Microsoft 365 connection. Everything else is plain modules.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { CallLog } from "./calls/call-log.js";
import type { BridgeConfig } from "./config/config.js";
import { setupContext, type ContextSetup } from "./context/index.js";
import { BridgeCore } from "./core/bridge-core.js";
import { EventHub, type BridgeEvent } from "./core/events.js";
import { seedDemoContacts } from "./directory/demo-contacts.js";
import { Directory } from "./directory/directory.js";
import { systemUrlOpener, type UrlOpener } from "./desktop/launchers.js";
import { NotUnderstoodLog } from "./inbox/not-understood.js";
import type { Route, RunningHttpServer, SocketRoute } from "./http/server.js";
import { createLogger, type Logger } from "./log/log.js";
import { disabledMicrosoft365, type Microsoft365 } from "./m365/microsoft365.js";
import { addinDistDir } from "./addin-api/addin-files.js";
import { platformPeerCheck } from "./same-user/peer-check.js";
import { sameUserConnections } from "./same-user/connection-gate.js";
import { lockDataFolder, DataFolderLockedError, type DataFolderLock } from "./store/data-folder-lock.js";
import { createPrivateFile, lockDownFolder } from "./store/private-files.js";
import { backupStore } from "./store/store-backup.js";
import { openStoreFile, type StoreHealth } from "./store/store-file.js";
import type { Database } from "./store/sqlite.js";
import { LoopbackTransport } from "./transport/loopback.js";
import { createTransport, simulatorMountReason } from "./transport/select.js";
import type { Transport } from "./transport/transport.js";

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
  http: RunningHttpServer | undefined;
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

export function databasePath(config: Pick<BridgeConfig, "dataDir">): string {
  return join(config.dataDir, "bridge.db");
}

export function backupDir(config: Pick<BridgeConfig, "dataDir">): string {
  return join(config.dataDir, "backups");
}

const DAY_MS = 86_400_000;

/**
 * Opens the store with every table the bridge uses (read-only when it cannot be written; with `repair`, checked
 * and replaced from the last backup when damaged); the CLI's one-shot commands share it. `seed` fills an empty
 * store with the demo contacts (when the config allows), so `lookup` answers as `start` would.
 */
export function openStore(
  config: BridgeConfig,
  options: { seed?: boolean; log?: Logger; repair?: boolean } = {},
): { db: Database; directory: Directory; callLog: CallLog; health: StoreHealth } {
  const log = options.log ?? createLogger(undefined, "warn");
  const repair = options.repair ?? false;
  makePrivate(config, log);
  const { db, health } = openStoreFile(databasePath(config), backupDir(config), log, { repair });
  const directory = new Directory(db, { defaultRegion: config.defaultRegion, language: config.language });
  if (options.seed && config.seedDemo && !health.readOnly) {
    const seeded = seedDemoContacts(directory);
    if (seeded > 0) options.log?.("info", "seeded demo contacts", { count: seeded });
  }
  return { db, directory, callLog: new CallLog(db), health };
}

/**
 * Before anything is written: the folder and every file in it are this user's alone. A folder that cannot be
 * changed (read-only) is left as it is; the store then says what it can do there.
 */
function makePrivate(config: BridgeConfig, log: Logger): void {
  try {
    const notPrivate = lockDownFolder(config.dataDir);
    if (notPrivate) log("warn", "data folder: not private", { reason: notPrivate });
    createPrivateFile(databasePath(config));
  } catch (error) {
    log("warn", "data folder: cannot make it private", { dir: config.dataDir, reason: (error as Error).message });
  }
}

/** The running bridge's lock on its data folder; none in a folder that cannot be written (the store says so). */
function lockFolder(config: BridgeConfig, log: Logger): DataFolderLock | undefined {
  try {
    return lockDataFolder(config.dataDir);
  } catch (error) {
    if (error instanceof DataFolderLockedError) throw error;
    log("warn", "cannot lock the data folder", { dir: config.dataDir, reason: (error as Error).message });
    return undefined;
  }
}

/** Today's backup now, then once a day; a failure is logged (the store itself is unaffected). */
function keepBackups(db: Database, config: BridgeConfig, log: Logger): NodeJS.Timeout {
  const backup = (): void => {
    try {
      const file = backupStore(db, backupDir(config));
      if (file) log("info", "store backed up", { file });
    } catch (error) {
      log("warn", "store backup failed", { dir: backupDir(config), reason: (error as Error).message });
    }
  };
  backup();
  const timer = setInterval(backup, DAY_MS / 24);
  timer.unref();
  return timer;
}

/** The command of a message text, all a log line at info level names (the rest may be names, notes, SMS text). */
function commandOf(text: string): string {
  return text.split("^", 1)[0]!.slice(0, 16);
}

/** At info level: what happened and to which command; the texts themselves (personal data) only at debug. */
function logEvent(log: Logger, event: BridgeEvent): void {
  switch (event.type) {
    case "received":
      log("info", "from TelefUM", { command: commandOf(event.text), length: event.text.length });
      return log("debug", "from TelefUM (text)", { text: event.text });
    case "sent":
      log("info", "to TelefUM", { command: commandOf(event.text), length: event.text.length });
      return log("debug", "to TelefUM (text)", { text: event.text });
    case "protocol-error":
      log("warn", "message not understood (kept in the not-understood list)", {
        code: event.error.code,
        command: commandOf(event.error.raw),
      });
      return log("debug", "message not understood (text)", { reason: event.error.message, text: event.error.raw });
    case "failure":
      log("error", `${event.stage} failed`, { reason: event.message });
      return log("debug", `${event.stage} failed (text)`, { text: event.text });
    case "notice":
      return log(event.level, `${event.stage}: ${event.message}`);
    default:
      return;
  }
}

export async function startBridge(config: BridgeConfig, options: StartOptions = {}): Promise<RunningBridge> {
  const log = options.log ?? createLogger();
  const background = options.background ?? true;
  // Before anything that writes: a second bridge on this folder must not touch the store or the outbox.
  const lock = background ? lockFolder(config, log) : undefined;
  let opened: ReturnType<typeof openStore>;
  try {
    // Only the lock holder may check the file and replace it when damaged.
    opened = openStore(config, { seed: true, log, repair: lock !== undefined });
  } catch (error) {
    lock?.release();
    throw error;
  }
  const { db, directory, callLog, health } = opened;
  if (health.problem) log("error", "store", { path: health.path, problem: health.problem });
  const backups = background && !health.readOnly ? keepBackups(db, config, log) : undefined;
  const transport = options.transport ?? (await createTransport(config, log));
  const events = new EventHub();
  const notUnderstood = new NotUnderstoodLog(db);
  events.on((event) => logEvent(log, event));
  events.on((event) => {
    if (event.type === "protocol-error") notUnderstood.add(event.error);
  });
  const core = new BridgeCore({
    directory,
    callLog,
    transport,
    events,
    createCard: config.createCard,
    idForm: config.card.idForm,
  });
  const openUrl = options.openUrl ?? systemUrlOpener();
  await core.start();
  let http: RunningHttpServer | undefined;
  let m365: Microsoft365 | undefined;
  let context: ContextSetup | undefined;
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    await http?.close();
    context?.stop();
    await m365?.stop();
    await core.stop();
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
        })
      : disabledMicrosoft365(config.microsoft365);
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
      const [
        { setupAddin },
        { localApiGuards },
        { pageHeaders },
        { startHttpServer },
        { PaneOrPageViews },
        { pageRoutes },
      ] = await Promise.all([
        import("./addin-api/addin.js"),
        import("./http/local-api-guard.js"),
        import("./http/page-headers.js"),
        import("./http/server.js"),
        import("./pages/local-views.js"),
        import("./pages/page-routes.js"),
      ]);
      const routes: Route[] = [];
      const sockets: SocketRoute[] = [];
      const url = (): string => http?.url ?? "";
      const addinDir = addinDistDir();
      const addin = await setupAddin({
        config,
        core,
        directory,
        callLog,
        notUnderstood,
        log,
        addinDir,
        store: health,
      });
      const outlook = m365Module ? m365Module.outlookLinks(config.microsoft365, directory) : {};
      core.useLocalViews(
        new PaneOrPageViews({ events, paneConnected: addin.paneConnected, openUrl, origin: url, ...outlook }),
      );
      // The simulator plays TelefUM from a browser: mounted only when asked for, never because a test or a
      // script handed in an in-process transport.
      const simulatorReason = transport instanceof LoopbackTransport ? simulatorMountReason(config) : undefined;
      if (simulatorReason && transport instanceof LoopbackTransport) {
        log("info", "simulator: mounted", { at: "/simulator", because: simulatorReason });
        const { simulatorRoutes } = await import("./simulator/simulator-routes.js");
        const simulator = simulatorRoutes({ core, transport, token: addin.token, language: config.language });
        routes.push(...simulator.routes);
        sockets.push(...simulator.sockets);
      }
      routes.push(...addin.routes, ...context.routes);
      routes.push(...pageRoutes({ directory, callLog, token: addin.token, language: config.language }));
      if (m365Module) routes.push(...m365Module.microsoft365Routes({ m365 }));
      sockets.push(...addin.sockets);
      http = await startHttpServer({
        host: config.http.host,
        port: config.http.port,
        routes,
        sockets,
        statics: existsSync(addinDir) ? [{ prefix: "/", dir: addinDir }] : [],
        guards: localApiGuards({ token: addin.token, port: () => http?.port ?? config.http.port, url }),
        admit: sameUserConnections({ peerCheck: await platformPeerCheck(), log }),
        headers: pageHeaders({ framedBy: addin.framedBy }),
        log,
        ...(addin.tls ? { tls: addin.tls } : {}),
      });
      log("info", "local web server listening", {
        url: http.url,
        pane: `${http.url}/taskpane.html`,
        ...(simulatorReason ? { simulator: `${http.url}/simulator` } : {}),
      });
    }
  } catch (error) {
    // A port in use, a certificate that cannot be made: release the window, the store and timers, then report it.
    await stop();
    throw error;
  }

  return { config, db, directory, callLog, store: health, core, transport, m365, http, stop };
}
