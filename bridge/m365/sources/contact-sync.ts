/**
 * Personal contacts → local index, one delta round per contact folder (the folders by delta: contact-folders.ts).
 * The first round (and a round after
 * 410 Gone) is a full enumeration followed by a sweep of what was not seen; later rounds apply changes and
 * `@removed` tombstones. Pages are fetched one ahead and written in short transactions as bulk work, so lookups
 * never wait on Graph nor for long on the writing.
 */
import type { Client } from "@microsoft/microsoft-graph-client";
import type { Directory } from "../../directory/directory.js";
import type { Logger } from "../../log/log.js";
import { bulkWrite, writeInChunks } from "../../store/bulk-write.js";
import type { Database } from "../../store/sqlite.js";
import { CONTACT_SELECT, contactFromGraph, type GraphContactItem } from "./contact-mapping.js";
import { DeltaStateStore } from "../../store/delta-state.js";
import { graphStatus, normalizeGraphError } from "../graph-client.js";
import { folderStays, mailboxFolders } from "./contact-folders.js";
import { crawl, type ReadTask } from "./crawl.js";
import { GraphReader, type ReadResult } from "./graph-reader.js";
import type { ContactSyncReport, FolderSyncReport } from "../../http/m365-status.js";
import type { SyncProgress } from "./sync-progress.js";

export type { ContactSyncReport, FolderSyncReport } from "../../http/m365-status.js";

interface DeltaPage {
  value: GraphContactItem[];
  "@odata.nextLink"?: string;
  "@odata.deltaLink"?: string;
}

export class ContactSync {
  private readonly state: DeltaStateStore;

  constructor(
    private readonly client: Client,
    private readonly directory: Directory,
    private readonly db: Database,
    private readonly log: Logger,
    private readonly pageSize: number,
    private readonly progress?: SyncProgress,
    /** The sources' one reader (createSources passes it; alone, config's default retries). */
    private readonly reader = new GraphReader(client, { readRetries: 3, maxInlineDelaySeconds: 30 }),
  ) {
    this.state = new DeltaStateStore(db);
  }

  async syncAll(): Promise<ContactSyncReport> {
    try {
      return await bulkWrite(this.db, () => this.syncAllFolders());
    } catch (error) {
      throw normalizeGraphError(error);
    }
  }

  /**
   * One $batch asks for the folder list's delta and the first delta page of every folder known, so a pass with
   * nothing changed is one request; a folder the list names for the first time is asked for in the next batch.
   * The following pages of a folder are read one ahead while the last is written.
   */
  private async syncAllFolders(): Promise<ContactSyncReport> {
    const firstPages = new Map<string, ReadResult | undefined>();
    const first = (folderId: string): ReadTask[] => {
      if (firstPages.has(folderId)) return [];
      firstPages.set(folderId, undefined);
      const url = this.state.get(`contacts:${folderId}`) ?? startUrl(folderId);
      const handle = (result: ReadResult): ReadTask[] => {
        firstPages.set(folderId, result);
        return [];
      };
      return [{ request: { url, pageSize: this.pageSize }, handle }];
    };
    const folders = mailboxFolders(
      "/me",
      {
        state: this.state,
        statePrefix: "contacts:",
        indexed: this.directory.folderIds("outlook"),
        pageSize: this.pageSize,
      },
      first,
    );
    await crawl(this.reader, [...folders.tasks, ...folders.known.flatMap(first)]);
    const reports: FolderSyncReport[] = [];
    const gone = new Set<string>();
    this.pendingDrops = [];
    try {
      for (const [folderId, result] of firstPages) {
        if (!folderStays(folders.round, folderId)) gone.add(folderId);
        else {
          const page = result!.ok ? Promise.resolve(result!.body as DeltaPage) : Promise.reject(result!.error);
          page.catch(() => undefined); // handled where it is awaited
          const report = await this.syncFolderPages(folderId, false, page);
          if (report) reports.push(report);
          else gone.add(folderId); // 404: deleted since the list was read
        }
      }
      // After every folder: a contact moved from one folder to another (same immutable id) is kept, with its id.
      const drops = this.pendingDrops;
      this.db.transaction(() => {
        for (const drop of drops) if (this.dropIfStillIn(drop.externalId, drop.folderId)) drop.report.removed++;
      });
    } finally {
      this.pendingDrops = undefined;
    }
    const removedFolders = this.dropFolders(gone);
    this.db.transaction(() => folders.save());
    return { folders: reports, removedFolders };
  }

  /** Set during syncAll: contacts gone from a folder, dropped at the end unless another folder had them. */
  private pendingDrops: { externalId: string; folderId: string; report: FolderSyncReport }[] | undefined;

  private dropLater(externalId: string, folderId: string, report: FolderSyncReport): void {
    if (this.pendingDrops) this.pendingDrops.push({ externalId, folderId, report });
    else if (this.dropIfStillIn(externalId, folderId)) report.removed++;
  }

  /** Drops the contact only where it was: one that moved to another folder lives on there. */
  private dropIfStillIn(externalId: string, folderId: string): boolean {
    const local = this.directory.findByExternalId("outlook", externalId);
    if (!local || (local.folderId !== folderId && local.folderId !== null)) return false;
    return this.directory.removeByExternalId("outlook", externalId);
  }

  private fetchPage(url: string): Promise<DeltaPage> {
    const page = this.client
      .api(url)
      .header("Prefer", `odata.maxpagesize=${this.pageSize}`)
      .get() as Promise<DeltaPage>;
    // Fetched ahead while the previous page is written; its failure is handled where it is awaited.
    page.catch(() => undefined);
    return page;
  }

  /** One folder's round from its first page (asked for in the pass's batch); undefined: the folder is gone (404). */
  private async syncFolderPages(
    folderId: string,
    forceFull: boolean,
    firstPage?: Promise<DeltaPage>,
  ): Promise<FolderSyncReport | undefined> {
    const key = `contacts:${folderId}`;
    const saved = forceFull ? undefined : this.state.get(key);
    const full = saved === undefined;
    const seen = new Set<string>();
    const report: FolderSyncReport = { folderId, full, upserted: 0, removed: 0, resynced: false, pages: 0 };
    let next: Promise<DeltaPage> | undefined = firstPage ?? this.fetchPage(saved ?? startUrl(folderId));
    while (next) {
      let page: DeltaPage;
      try {
        page = await next;
      } catch (error) {
        if (graphStatus(error) === 404 && report.pages === 0) return undefined;
        if (graphStatus(error) === 410) {
          // syncStateNotFound / resyncRequired: the token is gone; enumerate the folder again.
          this.log("warn", "contact delta token expired, full resync", { folderId });
          this.state.delete(key);
          const again = await this.syncFolderPages(folderId, true);
          if (again) again.resynced = true;
          return again;
        }
        throw error;
      }
      report.pages++;
      const nextLink = page["@odata.nextLink"];
      next = nextLink ? this.fetchPage(nextLink) : undefined;
      // Short transactions with the event loop free between them: TelefUM's lookups go on during a big sync.
      await writeInChunks(this.db, page.value, (item) => {
        if (item["@removed"]) {
          this.dropLater(item.id, folderId, report);
          return;
        }
        this.directory.write(contactFromGraph(item, folderId));
        seen.add(item.id);
        report.upserted++;
      });
      this.progress?.add(page.value.length);
      if (!nextLink) {
        const deltaLink = page["@odata.deltaLink"];
        this.db.transaction(() => {
          if (full) {
            for (const id of this.directory.externalIds("outlook", folderId))
              if (!seen.has(id)) this.dropLater(id, folderId, report);
          }
          if (deltaLink) this.state.set(key, deltaLink);
        });
      }
    }
    return report;
  }

  /** Folders deleted or moved away: their contacts and delta links leave. */
  private dropFolders(gone: Set<string>): number {
    this.db.transaction(() => {
      for (const folderId of gone) {
        this.directory.removeFolder("outlook", folderId);
        this.state.delete(`contacts:${folderId}`);
      }
    });
    return gone.size;
  }
}

function startUrl(folderId: string): string {
  return `/me/contactFolders/${encodeURIComponent(folderId)}/contacts/delta?$select=${CONTACT_SELECT}`;
}
