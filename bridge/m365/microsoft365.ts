/** The Microsoft 365 module as the rest of the bridge uses it (app.ts, the CLI, the local web routes). */
import type { M365Config } from "./config.js";
import type { UrlOpener } from "../desktop/launchers.js";
import type { M365Session } from "./auth/index.js";
import { SignInRequiredError } from "./auth/sign-in-required.js";
import type { MailboxRoom } from "./mailbox/index.js";
import type { OutboxStore, OutboxWorker, ProcessReport } from "./outbox/index.js";
import type { SourcesRoom } from "./sources/index.js";
import type { TeamClaimResult } from "./team/index.js";
import type { TeamSettingsStore } from "./team/team-settings.js";
import type { TeamSwitch } from "./team/team-switch.js";
import type { TeamSettings, TeamSettingsAnswer } from "../api-contract/team-settings-endpoints.js";
import type { DeviceCodeInfo, Microsoft365Status, TeamStatus } from "../http/m365-status.js";
import type { GraphProblem, GraphThrottle } from "./graph-throttle.js";
import type { MailboxContext } from "../http/caller-context.js";

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
  /**
   * Switches a source on or off (`key` as in the status's `sync.sources`); off takes its contacts out of the index
   * at once, on syncs it. Rejects with UnknownSourceError for a key the config does not name.
   */
  switchSource(key: string, enabled: boolean): Promise<Microsoft365Status>;
  /** The store takes writes again (it opened read-only): the background work starts as at a normal start. */
  startBackground(): void;
  /** Writes every pending call now, waiting out Retry-After/backoff (tests, a "send now" button). */
  flushOutbox(): Promise<ProcessReport>;
  /** Failed calls back into the queue. */
  retryFailedCalls(): number;
  /** The caller's context from the mailbox; undefined while nobody is signed in. */
  mailbox(): MailboxContext | undefined;
  /** A note, an SMS or a cleared missed call is pending for the mailbox: write it soon. */
  kickFollowUps(): void;
  /** Writes every pending follow-up now (tests); how many writes were made. */
  flushFollowUps(): Promise<number>;
  /** "I'll call back" for a team call: "off" while the team log is off or nobody is signed in. */
  claimTeamCall(itemId: string): TeamClaimResult;
  /** The team call log's status (also in status()); undefined when it is not configured. */
  teamStatus(): TeamStatus | undefined;
  /** The team log's settings as config.json holds them. */
  teamSettings(): TeamSettingsAnswer;
  /** Saves the team log's settings into config.json and applies them now (ManagedSettingError for a locked one). */
  saveTeamSettings(settings: TeamSettings): Promise<TeamSettingsAnswer>;
  stop(): Promise<void>;
}

/** The module while `microsoft365` is not configured: every action says so, the status says "off". */
export function disabledMicrosoft365(config: M365Config): Microsoft365 {
  const off = () =>
    Promise.reject(new Error("Microsoft 365 is not configured (microsoft365.enabled / clientId in config.json)"));
  return {
    enabled: false,
    config,
    status: async () => ({
      enabled: false,
      signedIn: false,
      ...(config.clientId ? {} : { missing: "clientId" as const }),
    }),
    signInWithDeviceCode: off,
    signInInteractive: off,
    signOut: async () => undefined,
    syncNow: off,
    switchSource: off,
    flushOutbox: async () => ({ done: 0, rescheduled: 0, failed: 0 }),
    retryFailedCalls: () => 0,
    mailbox: () => undefined,
    kickFollowUps: () => undefined,
    startBackground: () => undefined,
    flushFollowUps: async () => 0,
    claimTeamCall: () => "off",
    teamStatus: () => undefined,
    teamSettings: () => ({ site: "", list: config.team.list, shareNotes: config.team.shareNotes, managed: [] }),
    saveTeamSettings: off,
    stop: async () => undefined,
  };
}

/** What the enabled module is made of: the rooms attachMicrosoft365 wired. */
export interface Microsoft365Parts {
  config: M365Config;
  session: M365Session;
  sources: SourcesRoom;
  store: OutboxStore;
  worker: OutboxWorker;
  mailbox: MailboxRoom;
  /** false (one-shot commands, a store still read-only): follow-ups are not kicked. */
  inBackground(): boolean;
  startBackground(): void;
  /** The default browser for the interactive sign-in. */
  openUrl: UrlOpener;
  /** The bridge's one Graph throttle: why Graph is not answering now. */
  throttle: GraphThrottle;
  /** The team call log: the room the settings ask for now (none while `microsoft365.team.site` is unset). */
  team: TeamSwitch;
  teamSettings: TeamSettingsStore;
}

/** The module while `microsoft365` is configured: each action goes to the room that does it. */
export function enabledMicrosoft365(parts: Microsoft365Parts): Microsoft365 {
  const { config, session, sources, store, worker, mailbox } = parts;
  const { scheduler } = sources;
  // The reason a person reads; the raw detail (sync.lastError, the outbox's last_error) is for the log and support.
  const problem = (pending: number, waitingForContacts: number): GraphProblem | undefined => {
    if (!session.signedIn) return session.lostSignIn || pending > 0 ? "signInNeeded" : undefined;
    const contactIndex = waitingForContacts > 0 ? "contactIndex" : undefined;
    return parts.throttle.state?.problem ?? sources.problem() ?? contactIndex;
  };
  const status = async (): Promise<Microsoft365Status> => {
    const waitingForContacts = store.waitingForContacts();
    const outbox = { ...store.counts(), ...(waitingForContacts > 0 ? { waitingForContacts } : {}) };
    const now = problem(outbox.pending, waitingForContacts);
    const team = parts.team.status();
    return {
      ...(now ? { problem: now } : {}),
      enabled: true,
      signedIn: session.signedIn,
      ...(session.account ? { account: session.account } : {}),
      cardMode: config.card.mode,
      ...(session.deviceCode ? { deviceCode: session.deviceCode } : {}),
      ...(session.signInError ? { signInError: session.signInError } : {}),
      ...(session.signInReason ? { signInReason: session.signInReason } : {}),
      sync: sources.status(),
      outbox,
      ...(team ? { team } : {}),
    };
  };
  return {
    enabled: true,
    config,
    status,
    signInWithDeviceCode: (onCode) => session.signInWithDeviceCode(onCode),
    signInInteractive: (openBrowser = parts.openUrl) => session.signInInteractive(openBrowser),
    signOut: () => session.signOut(),
    async syncNow() {
      if (!session.signedIn) throw new SignInRequiredError("nobody is signed in");
      await scheduler.syncNow();
      await parts.team.syncNow();
    },
    async switchSource(key, enabled) {
      sources.sources.switch(key, enabled);
      if (enabled && session.signedIn) void scheduler.syncNow().catch(() => undefined);
      return status();
    },
    startBackground: parts.startBackground,
    flushOutbox: () => worker.drain(),
    retryFailedCalls() {
      const n = store.retryFailed();
      if (session.signedIn) worker.kick();
      return n;
    },
    mailbox: () => (session.signedIn ? mailbox.context : undefined),
    kickFollowUps() {
      if (session.signedIn && parts.inBackground()) mailbox.followUps.kick();
    },
    flushFollowUps: () => mailbox.followUps.flush(),
    claimTeamCall: (itemId) => parts.team.claim(itemId),
    teamStatus: () => parts.team.status(),
    teamSettings: () => parts.teamSettings.read(),
    saveTeamSettings: (settings) => parts.teamSettings.save(settings),
    async stop() {
      await session.stop();
      await parts.team.stop();
      await scheduler.stop();
      await worker.stop();
      await mailbox.followUps.stop();
    },
  };
}
