/**
 * The sync's reading loop: every request a pass can make now goes out together (GraphReader batches them), each
 * answer is handed to its task, which writes what it read and names the requests that follow (the next page, the
 * delta of a folder just found). A delta collection is one such task chain: first round (or a round after 410
 * Gone) enumerates everything and sweeps what went unseen; later rounds apply changes; the delta link is saved with
 * the round's last page, so a restart continues where the last complete round ended.
 */
import type { GraphError } from "@microsoft/microsoft-graph-client";
import type { Database } from "../../store/sqlite.js";
import type { DeltaStateStore } from "../../store/delta-state.js";
import type { GraphReader, ReadRequest, ReadResult } from "./graph-reader.js";
import type { SyncProgress } from "./sync-progress.js";

export interface ReadTask {
  request: ReadRequest;
  /** Handles the answer and returns the requests that follow; throws to stop the pass. */
  handle(result: ReadResult): ReadTask[];
}

export async function crawl(reader: GraphReader, tasks: ReadTask[]): Promise<void> {
  let queue = tasks;
  while (queue.length > 0) {
    const results = await reader.getMany(queue.map((t) => t.request));
    queue = queue.flatMap((task, i) => task.handle(results[i]!));
  }
}

export interface DeltaPage<T> {
  value: T[];
  "@odata.nextLink"?: string;
  "@odata.deltaLink"?: string;
}

export interface DeltaCollection<T> {
  stateKey: string;
  /** The first request of a full round (with its $select). */
  startUrl: string;
  pageSize: number;
  /** A round starts; `full` = it lists the whole collection (the first round, or one after 410 Gone). */
  begin(full: boolean): void;
  /** One page of items (changes, `@removed` tombstones); runs inside a transaction. */
  apply(items: T[]): void;
  /** The round ended; runs in the transaction that saves the delta link (a full round sweeps here). */
  finish(): void;
  /** The collection itself is gone (404, a deleted folder); without this, a 404 stops the pass. */
  vanished?(): void;
}

export interface DeltaRoundReport {
  stateKey: string;
  full: boolean;
  resynced: boolean;
  pages: number;
}

/** The task that syncs one delta collection; `report` is filled in as it goes. */
export function deltaTask<T>(
  collection: DeltaCollection<T>,
  store: { db: Database; state: DeltaStateStore; progress?: SyncProgress },
  report: DeltaRoundReport[],
): ReadTask {
  const saved = store.state.get(collection.stateKey);
  const round: DeltaRoundReport = {
    stateKey: collection.stateKey,
    full: saved === undefined,
    resynced: false,
    pages: 0,
  };
  report.push(round);
  collection.begin(round.full);
  const task = (url: string): ReadTask => ({
    request: { url, pageSize: collection.pageSize },
    handle(result) {
      if (!result.ok) return failed(result.error);
      const page = result.body as DeltaPage<T>;
      round.pages++;
      store.db.transaction(() => collection.apply(page.value));
      store.progress?.add(page.value.length);
      const next = page["@odata.nextLink"];
      if (next) return [task(next)];
      const deltaLink = page["@odata.deltaLink"];
      store.db.transaction(() => {
        collection.finish();
        if (deltaLink) store.state.set(collection.stateKey, deltaLink);
      });
      return [];
    },
  });
  const failed = (error: GraphError): ReadTask[] => {
    if (error.statusCode === 410) {
      // syncStateNotFound / resyncRequired: the token is gone; enumerate again (local ids are kept by upsert).
      store.state.delete(collection.stateKey);
      Object.assign(round, { full: true, resynced: true });
      collection.begin(true);
      return [task(collection.startUrl)];
    }
    if (error.statusCode === 404 && collection.vanished) {
      store.db.transaction(() => {
        collection.vanished!();
        store.state.delete(collection.stateKey);
      });
      return [];
    }
    throw error;
  };
  return task(saved ?? collection.startUrl);
}
