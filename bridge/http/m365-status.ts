/**
 * What the Microsoft 365 module reports (GET /api/m365/status) and the shapes inside it: part of the API contract,
 * plain types with no runtime imports, so the add-in pane can import them as they are.
 */
/** What the user needs to finish a device code sign-in: open `verificationUri` and enter `userCode`. */
export interface DeviceCodeInfo {
  userCode: string;
  verificationUri: string;
  message: string;
}

export interface SyncStatus {
  running: boolean;
  lastStartedAt?: string;
  lastFinishedAt?: string;
  lastError?: string;
  passes: number;
}

export interface FolderSyncReport {
  folderId: string;
  full: boolean;
  upserted: number;
  removed: number;
  resynced: boolean;
  pages: number;
}

export interface ContactSyncReport {
  folders: FolderSyncReport[];
  removedFolders: number;
}

/** One source of numbers (Outlook contacts, the directory, organisation contacts, a shared mailbox). */
export interface SourceStatus {
  /** contacts, directory, orgContacts or shared:<address>: what POST /api/m365/sources switches. */
  key: string;
  label: string;
  enabled: boolean;
  /** Its contacts in the index. */
  count: number;
  lastSyncAt?: string;
  /** Why its last sync failed, or `skipped: <permission> is not granted …` when the tenant refuses it. */
  lastError?: string;
}

export type OutboxState = "pending" | "done" | "failed";

/** Why Microsoft 365 is not working now, as a code: a person reads its catalog text, the detail is in the log. */
export type GraphProblem = "network" | "throttled" | "graphDown" | "garbage" | "signInNeeded" | "refused";

/** The catalog key of each problem's short reason (spelled out, so the catalog check sees them used). */
export const PROBLEM_TEXT: Record<GraphProblem, string> = {
  network: "m365.problem.network",
  throttled: "m365.problem.throttled",
  graphDown: "m365.problem.graphDown",
  garbage: "m365.problem.garbage",
  signInNeeded: "m365.problem.signInNeeded",
  refused: "m365.problem.refused",
};

export interface Microsoft365Status {
  enabled: boolean;
  signedIn: boolean;
  account?: string;
  cardMode?: "web" | "classic" | "pane";
  /** A device code sign-in started here is waiting for the user (so a reloaded pane can show the code again). */
  deviceCode?: DeviceCodeInfo;
  /** Why the last sign-in started here failed (cleared by the next sign-in). */
  signInError?: string;
  sync?: SyncStatus & {
    contacts: number;
    directory: number;
    lastReport?: { contacts: ContactSyncReport };
    /** Per source; absent from a bridge that predates them. */
    sources?: SourceStatus[];
  };
  outbox?: Record<OutboxState, number>;
  /** What keeps calls from the mailbox or the sync from running now (sign-in lost, throttled, down…). */
  problem?: GraphProblem;
}
