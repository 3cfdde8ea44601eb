/**
 * The team room wires itself: while someone is signed in and `microsoft365.team.site` is set, a timed pass (the
 * sources' scheduler) writes this PC's new calls and SMS to the office's SharePoint list, sends waiting claims, adds
 * the recording links the call outbox uploaded, and brings the list's changes into this PC's copy
 * (bridge/team/team-copy.ts). A logged call or a sent SMS runs a pass at once; a link waits for the next pass.
 */
import type { Client } from "@microsoft/microsoft-graph-client";
import type { AdapterHost } from "../../core/ports.js";
import type { Directory } from "../../directory/directory.js";
import type { Logger } from "../../log/log.js";
import type { Database } from "../../store/sqlite.js";
import { TeamCopy } from "../../team/team-copy.js";
import { TEAM_EMPLOYEE_KEY } from "../../team/team-employee.js";
import type { M365Config } from "../config.js";
import { graphProblem, graphStatus } from "../graph-client.js";
import type { GraphThrottle } from "../graph-throttle.js";
import { DeltaStateStore } from "../../store/delta-state.js";
import { SyncScheduler } from "../sources/sync-scheduler.js";
import { TeamClaims } from "./team-claims.js";
import { findTeamList, TeamAccessError, type TeamListRef } from "./team-list.js";
import { ParkedRows } from "./team-parked.js";
import { TeamReader } from "./team-reader.js";
import { TeamRecordings } from "./team-recordings.js";
import { TeamRows, type Employee } from "./team-rows.js";
import { TeamWriter } from "./team-writer.js";
import { lastLines } from "./last-lines.js";
import { TEAM_PROBLEM_TEXT, type TeamStatus } from "../../api-contract/m365-status.js";
import { translator, type Language } from "../../i18n/i18n.js";

/** A claim's outcome: the claim, or why there is none (the team log off / signed out, an item not in the copy). */
export type TeamClaimResult = { claimedBy: string; claimedAt: string } | "off" | "unknown";

export interface TeamDeps {
  config: M365Config;
  client: Client;
  db: Database;
  directory: Directory;
  core: AdapterHost;
  throttle: GraphThrottle;
  /** The language of the problem's text in the status (`bridge status`). */
  language: Language;
  log: Logger;
  /** This PC's copy changed (a delta brought rows, a claim): the pane reads its team views again. */
  changed?: () => void;
  /** The site's permission is asked for but the sign-in does not hold it yet: the status says to sign in again. */
  needsSignIn?: () => boolean;
}

export interface TeamRoom {
  status(): TeamStatus;
  /** What runs while signed in (start / stop). */
  work: { start(): void; stop(): Promise<void> };
  /** Runs a pass now (tests, the pane's "sync"); joins a running one. */
  syncNow(): Promise<void>;
  claim(itemId: string): TeamClaimResult;
  /** Takes the room's hooks out of the core (its call sink, its listener): the settings changed, a new room comes. */
  detach(): void;
}

/** The last pass's outcome, kept so `bridge status` (another process) sees what the running bridge saw. */
const LAST_PASS = "team:status";

export function createTeam(deps: TeamDeps): TeamRoom {
  const { config, client, db, directory, core, throttle, language, log } = deps;
  const { team } = config;
  const copy = new TeamCopy(db);
  const state = new DeltaStateStore(db);
  const { outboxBaseSeconds: baseSeconds, outboxMaxSeconds: maxSeconds } = config.retry;
  const parked = new ParkedRows(state, { baseSeconds, maxSeconds });
  const rows = new TeamRows({
    db,
    directory,
    state,
    timeZone: config.calls.timeZone,
    shareNotes: team.shareNotes,
    lineOf: lastLines(core.events),
    parked,
  });
  const writer = new TeamWriter(client, rows, throttle, log);
  const reader = new TeamReader(client, copy, state);
  const claims = new TeamClaims(copy, state);
  const recordings = new TeamRecordings(db, copy, rows);
  let list: TeamListRef | undefined;
  let employee: Employee | undefined;
  const lastPass = (): Pick<TeamStatus, "lastSync" | "problem"> => JSON.parse(state.get(LAST_PASS) ?? "{}");
  const remember = (pass: Pick<TeamStatus, "lastSync" | "problem">): void => {
    state.set(LAST_PASS, JSON.stringify({ ...lastPass(), ...pass }));
  };
  let signedIn = false;
  const scheduler = new SyncScheduler(
    async () => {
      try {
        if (!employee) {
          const me = (await client.api("/me").select("id,displayName").get()) as { id: string; displayName?: string };
          employee = { id: me.id, name: me.displayName ?? "" };
          // Reports of "my calls" read this user's rows of the team copy by this id (bridge/team/team-employee.ts).
          state.set(TEAM_EMPLOYEE_KEY, JSON.stringify(employee));
        }
        list ??= await findTeamList(client, team.site, team.list);
        const written = await writer.pass(list, employee);
        // Rows that wait go as soon as Graph lets them, not at the next timed pass.
        if (written.waitSeconds !== undefined) setTimeout(kick, written.waitSeconds * 1000 + 50).unref?.();
        await claims.send(client, list);
        await recordings.send(client, list, employee);
        const read = await reader.sync(list);
        if (read.changed > 0 || read.removed > 0 || read.restarted) deps.changed?.();
        remember({ lastSync: new Date().toISOString(), problem: undefined });
        log("info", "team call log synced", { ...written, ...read });
      } catch (error) {
        // Any 403 of the site or its list (reading, creating the list, writing rows) is the admin's grant.
        const denied = error instanceof TeamAccessError || graphStatus(error) === 403;
        const problem = error instanceof TeamAccessError ? error.problem : denied ? "siteDenied" : graphProblem(error);
        remember({ problem });
        if (denied) log("warn", "team call log: no access to the site", { problem });
        throw error;
      }
    },
    config.sync.intervalMinutes * 60_000,
    log,
  );
  const kick = (): void => {
    if (signedIn) void scheduler.syncNow().catch(() => undefined);
  };
  const hooks = [
    core.addCallSink({ name: "team", record: async () => kick() }),
    core.events.on((event) => {
      if (event.type === "sms-sent") kick();
    }),
  ];
  return {
    status() {
      const { lastSync, problem: passProblem } = lastPass();
      const refusedRows = parked.count();
      // A permission still to be granted at sign-in first, then the pass's own trouble; else rows the list refused.
      const problem = deps.needsSignIn?.()
        ? "signInForTeam"
        : (passProblem ?? (refusedRows > 0 ? "rowsRefused" : undefined));
      const params = { site: team.site, count: refusedRows };
      return {
        enabled: true,
        site: team.site,
        list: team.list,
        ...(lastSync ? { lastSync } : {}),
        rows: copy.count(),
        ...(refusedRows > 0 ? { refusedRows } : {}),
        ...(problem ? { problem, problemText: translator(language).t(TEAM_PROBLEM_TEXT[problem], params) } : {}),
      };
    },
    work: {
      start() {
        signedIn = true;
        scheduler.start();
      },
      async stop() {
        signedIn = false;
        employee = undefined;
        list = undefined;
        await scheduler.stop();
      },
    },
    syncNow: () => scheduler.syncNow(),
    claim(itemId) {
      if (!signedIn || !employee) return "off";
      const answer = claims.claim(itemId, employee);
      if (!answer) return "unknown";
      deps.changed?.();
      kick();
      return answer;
    },
    detach() {
      for (const restore of hooks.splice(0)) restore();
    },
  };
}
