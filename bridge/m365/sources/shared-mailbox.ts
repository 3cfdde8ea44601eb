/**
 * The contact folders of a mailbox shared with the user (or delegated to them), read at /users/{address}/…
 * (Contacts.Read.Shared). Each folder has its own delta link. A pass asks, together, for the folder lists and for
 * the delta of every folder it already knows, so a pass with nothing changed is one $batch; a folder found in the
 * lists gets its first round in the next batch; a folder gone (404, or no longer listed) leaves the index.
 */
import { type SharedMailboxSource, sharedMailboxSource } from "../../directory/contact.js";
import { CONTACT_SELECT, contactFromGraph, type GraphContactItem } from "./contact-mapping.js";
import type { ContactFolder } from "./contact-sync.js";
import {
  crawl,
  type DeltaCollection,
  type DeltaPage,
  type DeltaRoundReport,
  deltaTask,
  type ReadTask,
} from "./crawl.js";
import type { SourceDeps } from "./directory-users.js";
import type { SyncSource } from "./source.js";

export function sharedMailbox(
  address: string,
  deps: SourceDeps & { pageSize: number },
  rounds: DeltaRoundReport[] = [],
): SyncSource {
  const { directory, db, state } = deps;
  const source = sharedMailboxSource(address);
  const statePrefix = `${source}:`;
  const base = `/users/${encodeURIComponent(address)}/contactFolders`;

  function folderContacts(folderId: string): DeltaCollection<GraphContactItem> {
    const seen = new Set<string>();
    let full = false;
    return {
      stateKey: `${statePrefix}${folderId}`,
      startUrl: `${base}/${encodeURIComponent(folderId)}/contacts/delta?$select=${CONTACT_SELECT}`,
      pageSize: deps.pageSize,
      begin(isFull) {
        full = isFull;
        seen.clear();
      },
      apply(items) {
        for (const item of items) {
          if (item["@removed"]) {
            // A contact moved to another folder reappears there; only drop it where it was.
            const local = directory.findByExternalId(source, item.id);
            if (local?.folderId === folderId) directory.removeByExternalId(source, item.id);
            continue;
          }
          directory.write(contactFromGraph(item, folderId, source));
          seen.add(item.id);
        }
      },
      finish() {
        if (full) directory.removeUnseen(source, seen, folderId);
      },
      vanished() {
        directory.removeFolder(source, folderId);
      },
    };
  }

  async function sync(): Promise<void> {
    const listed = new Set<string>();
    const started = new Set<string>();
    let root: string | undefined;
    /** A folder's child list and its contacts' delta, once per pass. */
    const follow = (folderId: string): ReadTask[] => {
      if (started.has(folderId)) return [];
      started.add(folderId);
      return [
        list(`${base}/${encodeURIComponent(folderId)}/childFolders?$select=id,displayName`, true),
        deltaTask(folderContacts(folderId), deps, rounds),
      ];
    };
    const list = (url: string, parentMayBeGone = false): ReadTask => ({
      request: { url, pageSize: deps.pageSize },
      handle(result) {
        if (!result.ok) {
          if (parentMayBeGone && result.error.statusCode === 404) return []; // its delta says so too
          throw result.error;
        }
        const page = result.body as DeltaPage<ContactFolder>;
        const next = page["@odata.nextLink"];
        return [...(next ? [list(next, parentMayBeGone)] : []), ...page.value.flatMap((f) => found(f.id))];
      },
    });
    const found = (folderId: string): ReadTask[] => {
      listed.add(folderId);
      return follow(folderId);
    };
    const rootTask: ReadTask = {
      request: { url: `${base}/contacts?$select=id,displayName` },
      handle(result) {
        if (!result.ok) throw result.error;
        root = (result.body as ContactFolder).id;
        return found(root);
      },
    };
    const known = state.keys(statePrefix).map((key) => key.slice(statePrefix.length));
    await crawl(deps.reader, [rootTask, list(`${base}?$select=id,displayName`), ...known.flatMap(follow)]);
    // Folders no list names any more (deleted or moved away with their contacts).
    const indexed = new Set([...known, ...directory.folderIds(source)]);
    db.transaction(() => {
      for (const folderId of indexed) {
        if (listed.has(folderId)) continue;
        directory.removeFolder(source, folderId);
        state.delete(`${statePrefix}${folderId}`);
      }
    });
  }

  return {
    key: source,
    label: `Shared: ${address}`,
    contactSource: source satisfies SharedMailboxSource,
    statePrefix,
    permission: "Contacts.Read.Shared",
    sync,
  };
}
