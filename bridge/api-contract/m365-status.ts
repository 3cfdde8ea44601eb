/**
 * What the Microsoft 365 module reports (GET /api/m365/status) and the shapes inside it, as schemas; the types the
 * Microsoft 365 room and the pane use are inferred from them (http/m365-status.ts names them for the bridge).
 */
import * as v from "valibot";
import { GRAPH_PROBLEMS, TEAM_PROBLEMS } from "./graph-problems.js";
import { SIGN_IN_REASONS } from "./reasons.js";

/** What the user needs to finish a device code sign-in: open `verificationUri` and enter `userCode`. */
export const DEVICE_CODE_INFO = v.object({ userCode: v.string(), verificationUri: v.string(), message: v.string() });
export type DeviceCodeInfo = v.InferOutput<typeof DEVICE_CODE_INFO>;

export const SYNC_STATUS = v.object({
  running: v.boolean(),
  lastStartedAt: v.optional(v.string()),
  lastFinishedAt: v.optional(v.string()),
  lastError: v.optional(v.string()),
  passes: v.number(),
  /** While a pass runs: the items written so far, and the total when known. */
  progress: v.optional(v.object({ done: v.number(), total: v.optional(v.number()) })),
});
export type SyncStatus = v.InferOutput<typeof SYNC_STATUS>;

export const FOLDER_SYNC_REPORT = v.object({
  folderId: v.string(),
  full: v.boolean(),
  upserted: v.number(),
  removed: v.number(),
  resynced: v.boolean(),
  pages: v.number(),
});
export type FolderSyncReport = v.InferOutput<typeof FOLDER_SYNC_REPORT>;

export const CONTACT_SYNC_REPORT = v.object({ folders: v.array(FOLDER_SYNC_REPORT), removedFolders: v.number() });
export type ContactSyncReport = v.InferOutput<typeof CONTACT_SYNC_REPORT>;

/** One source of numbers (Outlook contacts, the directory, organisation contacts, a shared mailbox). */
export const SOURCE_STATUS = v.object({
  /** contacts, directory, orgContacts or shared:<address>: what POST /api/m365/sources switches. */
  key: v.string(),
  label: v.string(),
  enabled: v.boolean(),
  /** Its contacts in the index. */
  count: v.number(),
  lastSyncAt: v.optional(v.string()),
  /** Why its last sync failed, or `skipped: <permission> is not granted …` when the tenant refuses it. */
  lastError: v.optional(v.string()),
});
export type SourceStatus = v.InferOutput<typeof SOURCE_STATUS>;

export const OUTBOX_STATES = ["pending", "done", "failed"] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

/** The office's team call log (a SharePoint list) as this PC sees it. */
export const TEAM_STATUS = v.object({
  enabled: v.boolean(),
  site: v.string(),
  list: v.string(),
  /** When the last pass (write, then delta) ended well. */
  lastSync: v.optional(v.string()),
  /** Rows in this PC's copy. */
  rows: v.number(),
  /** This PC's rows the list refused (a 400), each tried again with backoff; absent when none. */
  refusedRows: v.optional(v.number()),
  problem: v.optional(v.picklist(TEAM_PROBLEMS)),
  /** The problem's text in the bridge's language (`bridge status`); the pane reads TEAM_PROBLEM_TEXT in its own. */
  problemText: v.optional(v.string()),
});
export type TeamStatus = v.InferOutput<typeof TEAM_STATUS>;

export const MICROSOFT365_STATUS = v.object({
  /** What keeps calls from the mailbox or the sync from running now (sign-in lost, throttled, down…). */
  problem: v.optional(v.picklist(GRAPH_PROBLEMS)),
  /** false: Microsoft 365 is not set up on this bridge (the status still answers, so the pane can say why). */
  enabled: v.boolean(),
  /** Not set up because the administrator's app registration (`clientId`) is missing, not switched off. */
  missing: v.optional(v.picklist(["clientId"])),
  signedIn: v.boolean(),
  account: v.optional(v.string()),
  cardMode: v.optional(v.picklist(["web", "classic", "pane"])),
  /** A device code sign-in started here is waiting for the user (so a reloaded pane can show the code again). */
  deviceCode: v.optional(DEVICE_CODE_INFO),
  /** Why the last sign-in started here failed (cleared by the next sign-in): MSAL's words, for the log. */
  signInError: v.optional(v.string()),
  /** The same as a reason the pane says in its language (`reasons.SIGNIN_*`). */
  signInReason: v.optional(
    v.object({
      code: v.picklist(SIGN_IN_REASONS),
      params: v.optional(v.record(v.string(), v.union([v.string(), v.number()]))),
    }),
  ),
  sync: v.optional(
    v.object({
      ...SYNC_STATUS.entries,
      contacts: v.number(),
      directory: v.number(),
      lastReport: v.optional(v.object({ contacts: CONTACT_SYNC_REPORT })),
      /** Per source; absent from a bridge that predates them. */
      sources: v.optional(v.array(SOURCE_STATUS)),
    }),
  ),
  outbox: v.optional(
    v.object({
      pending: v.number(),
      done: v.number(),
      failed: v.number(),
      /** Of the pending: calls whose contact note waits until their contacts can be looked up (only when any). */
      waitingForContacts: v.optional(v.number()),
    }),
  ),
  team: v.optional(TEAM_STATUS),
});
export type Microsoft365Status = v.InferOutput<typeof MICROSOFT365_STATUS>;
export { GRAPH_PROBLEMS, type GraphProblem, PROBLEM_TEXT } from "./graph-problems.js";
export { TEAM_PROBLEMS, TEAM_PROBLEM_TEXT, type TeamProblem } from "./graph-problems.js";
