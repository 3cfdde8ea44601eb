/**
 * The organisation's users with a phone, by delta (/users/delta): the first pass lists everyone, later passes
 * only the changes, so a pass with nothing changed is one request. A user who lost every number or was deleted
 * leaves the index; 410 Gone lists everyone again, keeping the local ids.
 */
import type { Directory } from "../../directory/directory.js";
import type { Database } from "../../store/sqlite.js";
import { contactFromUser, type GraphUserItem, USER_SELECT } from "./contact-mapping.js";
import type { DeltaStateStore } from "../../store/delta-state.js";
import { crawl, type DeltaCollection, type DeltaRoundReport, deltaTask } from "./crawl.js";
import type { GraphReader } from "./graph-reader.js";
import type { SyncSource } from "./source.js";

import type { SyncProgress } from "./sync-progress.js";

/** Graph's largest page of directory objects. */
export const DIRECTORY_PAGE_SIZE = 999;

export interface SourceDeps {
  reader: GraphReader;
  directory: Directory;
  db: Database;
  state: DeltaStateStore;
  /** Counts what a running pass has written. */
  progress?: SyncProgress;
}

type UserDelta = GraphUserItem & { "@removed"?: { reason: string } };

export function directoryUsers(deps: SourceDeps, rounds: DeltaRoundReport[] = []): SyncSource {
  const { directory } = deps;
  const seen = new Set<string>();
  let full = false;
  const users: DeltaCollection<UserDelta> = {
    stateKey: "directory:users",
    startUrl: `/users/delta?$select=${USER_SELECT}`,
    pageSize: DIRECTORY_PAGE_SIZE,
    begin(isFull) {
      full = isFull;
      seen.clear();
    },
    apply(items) {
      for (const user of items) {
        const input = user["@removed"] ? undefined : contactFromUser(user);
        if (input && input.phones.length > 0) {
          directory.write(input);
          seen.add(user.id);
        } else directory.removeByExternalId("directory", user.id);
      }
    },
    finish() {
      if (full) directory.removeUnseen("directory", seen);
      seen.clear();
    },
  };
  return {
    key: "directory",
    label: "Organisation directory",
    contactSource: "directory",
    statePrefix: "directory:",
    permission: "User.Read.All",
    sync: () => crawl(deps.reader, [deltaTask(users, deps, rounds)]),
  };
}
