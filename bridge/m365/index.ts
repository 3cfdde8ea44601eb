/**
 * Microsoft 365 for the bridge, in one call: `attachMicrosoft365()` takes the checked `microsoft365` section and
 * wires the rooms, each of which wires itself, in the order they import one another:
 *   auth (sign-in, token cache) → the Graph client → outbox (the durable queue of calls) → sources (every source
 *   of numbers and the timed sync) → mailbox (what is written into and read from the mailbox) → outlook (the card
 *   opener and contact creator) → the session (auth again), which puts the Outlook adapters into the core and runs
 *   the background work while someone is signed in.
 */
import type { Language } from "../i18n/i18n.js";
import type { ICachePlugin } from "@azure/msal-node";
import type { AdapterHost } from "../core/ports.js";
import type { Directory } from "../directory/directory.js";
import type { Logger } from "../log/log.js";
import type { Database } from "../store/sqlite.js";
import type { RecordingPolicy } from "../calls/recording-file.js";
import { spawnRunner, systemUrlOpener, type CommandRunner, type UrlOpener } from "../desktop/launchers.js";
import { createAuth, startSession, type M365Session, type SignInCheck } from "./auth/index.js";
import type { M365Config } from "./config.js";
import { confirmSignInLost, graphClientFor } from "./graph-client.js";
import { GraphThrottle } from "./graph-throttle.js";
import { createMailbox } from "./mailbox/index.js";
import { disabledMicrosoft365, enabledMicrosoft365, type Microsoft365 } from "./microsoft365.js";
import { createOutbox, OutboxStore } from "./outbox/index.js";
import { createOutlookAdapters } from "./outlook/index.js";
import { createSources } from "./sources/index.js";
import { TeamSettingsStore } from "./team/team-settings.js";
import { TeamSwitch } from "./team/team-switch.js";

export { parseM365Config, type M365Config } from "./config.js";
export { SignInRequiredError } from "./auth/index.js";
export type { DeviceCodeInfo, Microsoft365Status } from "../http/m365-status.js";
export { UnknownSourceError } from "./sources/index.js";
export type { CommandRunner, UrlOpener } from "../desktop/launchers.js";
export { microsoft365Routes } from "./routes.js";
export { outlookLinks } from "./outlook/index.js";
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
  /** The team call log's local copy changed (the pane refreshes its team views). */
  onTeamChanged?: () => void;
  /** Whether a setting (`microsoft365.team.site`) is set by an administrator's policy: the pane may not change it. */
  managed?: (setting: string) => boolean;
}

export async function attachMicrosoft365(options: AttachMicrosoft365Options): Promise<Microsoft365> {
  const { config } = options;
  if (!config.enabled) return disabledMicrosoft365(config);
  const { db, directory, core, log } = options;
  const background = options.background ?? true;
  const auth = await createAuth({ config, dataDir: options.dataDir, cachePlugin: options.cachePlugin, log });
  // One throttle state for every Graph request of the bridge (outbox, sync, caller card, follow-ups).
  const throttle = new GraphThrottle({
    baseSeconds: config.retry.graphDownBaseSeconds,
    maxSeconds: config.retry.graphDownMaxSeconds,
    log,
  });
  const client = graphClientFor(config, auth, throttle);
  const runner = options.commandRunner ?? spawnRunner;
  const openUrl = options.openUrl ?? systemUrlOpener(runner);
  // The session comes last (it needs every room's work); the rooms give the sign-in up through it once it is there.
  let session: M365Session | undefined;
  const signIn: SignInCheck = { confirmLost: () => confirmSignInLost(client), lost: (reason) => session?.lost(reason) };

  const store = new OutboxStore(db);
  const sources = createSources({ config, client, db, directory, signIn, log, managed: options.managed });
  const { recordings, language } = options;
  const mailbox = createMailbox({ config, client, outbox: store, db, directory, recordings, language, log });
  const graphWait = () => throttle.state?.retryInSeconds;
  const outboxDeps = { config, store, writer: mailbox.writer, signIn, core, db, directory, background, log };
  const outbox = createOutbox({ ...outboxDeps, graphWait });
  const { worker } = outbox;
  // Any request Graph answers again after a failure (a lookup's card, the sync) sends the calls that waited.
  throttle.onRecovered(() => worker.wake());
  const changed = options.onTeamChanged;
  const needsSignIn = () => auth.needsSignInFor("Sites.Selected") || auth.needsSignInFor("Sites.ReadWrite.All");
  const teamDeps = { client, db, directory, core, throttle, language: language ?? "en", log, changed, needsSignIn };
  const team = new TeamSwitch(teamDeps, config);
  const askFor = (scopes: string[]) => auth.askFor(scopes);
  const teamSettings = new TeamSettingsStore({
    dataDir: options.dataDir,
    teams: team,
    askFor,
    managed: options.managed,
    log,
  });
  const backgroundWork = [sources.scheduler, worker, mailbox.followUps, team.work];
  session = await startSession({
    auth,
    core,
    adapters: createOutlookAdapters({ config, client, directory, core, runner, openUrl }),
    whileSignedIn: background ? [...backgroundWork] : [],
    forgetAccountData: sources.forgetAccountData,
    signInCheckMs: background ? (options.signInCheckMs ?? 30_000) : 0,
    log,
  });
  // A bridge started on a read-only store attaches without background work; once the store takes writes again,
  // the timed sync, the outbox worker and the follow-ups start as they would have at start.
  let inBackground = background;
  const startBackground = (): void => {
    if (inBackground) return;
    inBackground = true;
    outbox.requeue();
    session?.addWork(backgroundWork);
  };
  return enabledMicrosoft365({
    config,
    session,
    sources,
    store,
    worker,
    mailbox,
    inBackground: () => inBackground,
    startBackground,
    openUrl,
    throttle,
    team,
    teamSettings,
  });
}
