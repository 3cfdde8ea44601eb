/**
 * Personal contacts → local index, one delta round per contact folder. The first round (and a round after
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
import { getAllPages, graphStatus, normalizeGraphError } from "../graph-client.js";
import type { ContactSyncReport, FolderSyncReport } from "../../http/m365-status.js";
import type { SyncProgress } from "./sync-progress.js";

export interface ContactFolder {
  id: string;
  displayName: string;
}

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
  ) {
    this.state = new DeltaStateStore(db);
  }

  /** The default Contacts folder and every folder below it. */
  async listFolders(): Promise<ContactFolder[]> {
    const root = await this.defaultFolder();
    const folders: ContactFolder[] = root ? [root] : [];
    const queue = await getAllPages<ContactFolder>(
      this.client,
      "/me/contactFolders?$select=id,displayName",
      this.pageSize,
    );
    while (queue.length > 0) {
      const folder = queue.shift()!;
      if (folders.some((f) => f.id === folder.id)) continue;
      folders.push({ id: folder.id, displayName: folder.displayName });
      queue.push(
        ...(await getAllPages<ContactFolder>(
          this.client,
          `/me/contactFolders/${encodeURIComponent(folder.id)}/childFolders?$select=id,displayName`,
          this.pageSize,
        )),
      );
    }
    return folders;
  }

  /**
   * The default Contacts folder by its well-known name; where a service does not resolve the name, the parent
   * folder of any contact in /me/contacts (which lists the default folder). None = no contact in it yet.
   */
  private async defaultFolder(): Promise<ContactFolder | undefined> {
    try {
      const root = (await this.client
        .api("/me/contactFolders/contacts")
        .select("id,displayName")
        .get()) as ContactFolder;
      return { id: root.id, displayName: root.displayName };
    } catch (error) {
      const status = graphStatus(error);
      if (status !== 400 && status !== 404) throw error;
    }
    const page = (await this.client.api("/me/contacts").select("parentFolderId").top(1).get()) as {
      value: { parentFolderId?: string }[];
    };
    const id = page.value[0]?.parentFolderId;
    return id ? { id, displayName: "Contacts" } : undefined;
  }

  async syncAll(): Promise<ContactSyncReport> {
    try {
      return await bulkWrite(this.db, () => this.syncAllFolders());
    } catch (error) {
      throw normalizeGraphError(error);
    }
  }

  private async syncAllFolders(): Promise<ContactSyncReport> {
    const folders = await this.listFolders();
    const reports: FolderSyncReport[] = [];
    this.pendingDrops = [];
    try {
      for (const folder of folders) reports.push(await this.syncFolder(folder.id));
      // After every folder: a contact moved from one folder to another (same immutable id) is kept, with its id.
      const drops = this.pendingDrops;
      this.db.transaction(() => {
        for (const drop of drops) if (this.dropIfStillIn(drop.externalId, drop.folderId)) drop.report.removed++;
      });
    } finally {
      this.pendingDrops = undefined;
    }
    const removedFolders = this.dropVanishedFolders(new Set(folders.map((f) => f.id)));
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

  async syncFolder(folderId: string, forceFull = false): Promise<FolderSyncReport> {
    return bulkWrite(this.db, () => this.syncFolderPages(folderId, forceFull));
  }

  private async syncFolderPages(folderId: string, forceFull: boolean): Promise<FolderSyncReport> {
    const key = `contacts:${folderId}`;
    const saved = forceFull ? undefined : this.state.get(key);
    const full = saved === undefined;
    const seen = new Set<string>();
    const report: FolderSyncReport = { folderId, full, upserted: 0, removed: 0, resynced: false, pages: 0 };
    let next: Promise<DeltaPage> | undefined = this.fetchPage(
      saved ?? `/me/contactFolders/${encodeURIComponent(folderId)}/contacts/delta?$select=${CONTACT_SELECT}`,
    );
    while (next) {
      let page: DeltaPage;
      try {
        page = await next;
      } catch (error) {
        if (graphStatus(error) === 410) {
          // syncStateNotFound / resyncRequired: the token is gone; enumerate the folder again.
          this.log("warn", "contact delta token expired, full resync", { folderId });
          this.state.delete(key);
          const again = await this.syncFolderPages(folderId, true);
          again.resynced = true;
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

  private dropVanishedFolders(current: Set<string>): number {
    let dropped = 0;
    for (const folderId of this.directory.folderIds("outlook")) {
      if (current.has(folderId)) continue;
      this.db.transaction(() => {
        this.directory.removeFolder("outlook", folderId);
        this.state.delete(`contacts:${folderId}`);
      });
      dropped++;
    }
    return dropped;
  }
}
