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
}
