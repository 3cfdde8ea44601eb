/**
 * The contact folders of a mailbox shared with the user (or delegated to them), read at /users/{address}/…
 * (Contacts.Read.Shared). Each folder has its own delta link. A pass asks, together, for the folder list's delta
 * (contact-folders.ts) and for the delta of every folder it already knows, so a pass with nothing changed is one
 * $batch of n + 1 requests; a folder found in the list gets its first round in the next batch; a folder gone (404,
 * `@removed` from the list, or not listed by a full round) leaves the index.
 */
import { type SharedMailboxSource, sharedMailboxSource } from "../../directory/contact.js";
import { CONTACT_SELECT, contactFromGraph, type GraphContactItem } from "./contact-mapping.js";
import { folderStays, mailboxFolders } from "./contact-folders.js";
import { crawl, type DeltaCollection, type DeltaRoundReport, deltaTask, type ReadTask } from "./crawl.js";
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
  const mailbox = `/users/${encodeURIComponent(address)}`;

  function folderContacts(folderId: string): DeltaCollection<GraphContactItem> {
    const seen = new Set<string>();
    let full = false;
    return {
      stateKey: `${statePrefix}${folderId}`,
      startUrl: `${mailbox}/contactFolders/${encodeURIComponent(folderId)}/contacts/delta?$select=${CONTACT_SELECT}`,
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
    const started = new Set<string>();
    /** A folder's contacts' delta, once per pass. */
    const follow = (folderId: string): ReadTask[] => {
      if (started.has(folderId)) return [];
      started.add(folderId);
      return [deltaTask(folderContacts(folderId), deps, rounds)];
    };
    const folders = mailboxFolders(
      mailbox,
      { state, statePrefix, indexed: directory.folderIds(source), pageSize: deps.pageSize },
      follow,
    );
    await crawl(deps.reader, [...folders.tasks, ...folders.known.flatMap(follow)]);
    // Folders deleted or moved away with their contacts.
    db.transaction(() => {
      for (const folderId of new Set([...folders.known, ...folders.round.removed])) {
        if (folderStays(folders.round, folderId)) continue;
        directory.removeFolder(source, folderId);
        state.delete(`${statePrefix}${folderId}`);
      }
      folders.save();
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
