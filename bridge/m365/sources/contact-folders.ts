/**
 * A mailbox's contact folders, by delta (contactFolders/delta lists every folder below the default one, nested
 * ones too, flat), so a pass with no folder made or deleted asks once, in the same $batch as the folders' contact
 * deltas. The default folder is not in that list: it is read by its well-known name on a full round only, and is
 * known afterwards by its own delta link. The folder link is kept only after a pass that ended well.
 */
import type { DeltaStateStore } from "../../store/delta-state.js";
import type { DeltaPage, ReadTask } from "./crawl.js";

/** The folder list's delta link, under the source's state prefix (a folder id never starts with @). */
const FOLDERS_KEY = "@folders";

interface FolderItem {
  id: string;
  "@removed"?: { reason: string };
}

export interface FolderRound {
  /** No saved link: every folder is listed; a known folder not listed is gone. */
  full: boolean;
  /** The folders this round names (all of them when full, else those made since). */
  listed: Set<string>;
  removed: Set<string>;
  /** The link to keep once the pass has ended well. */
  deltaLink?: string;
}

export interface MailboxFolders {
  round: FolderRound;
  /** Folders synced before (their delta link, or contacts in the index): asked for at once, beside the list. */
  known: string[];
  /** The first requests of the pass: the folder list (and, on a full round, the default folder). */
  tasks: ReadTask[];
  /** After a good pass: keeps the folder link (when the default folder is known, so it is never lost). */
  save(): void;
}

/**
 * `mailbox` is /me or /users/{address}; `found` names the requests that follow a folder the list names (its
 * contacts' delta), once per folder.
 */
export function mailboxFolders(
  mailbox: string,
  store: { state: DeltaStateStore; statePrefix: string; indexed: string[]; pageSize: number },
  found: (folderId: string) => ReadTask[],
): MailboxFolders {
  const { state, statePrefix, pageSize } = store;
  const linkKey = `${statePrefix}${FOLDERS_KEY}`;
  const saved = state.get(linkKey);
  const withLinks = state
    .keys(statePrefix)
    .map((key) => key.slice(statePrefix.length))
    .filter((id) => id !== FOLDERS_KEY);
  const known = [...new Set([...withLinks, ...store.indexed])];
  const round: FolderRound = { full: saved === undefined, listed: new Set(), removed: new Set() };
  const startUrl = `${mailbox}/contactFolders/delta?$select=id,displayName,parentFolderId`;
  let rootKnown = !round.full;

  const page = (url: string): ReadTask => ({
    request: { url, pageSize },
    handle(result) {
      if (!result.ok) {
        if (result.error.statusCode !== 410 || round.full) throw result.error;
        // The folder link expired: list every folder again.
        Object.assign(round, { full: true, listed: new Set(), removed: new Set() });
        rootKnown = false;
        return [page(startUrl), defaultFolder(`${mailbox}/contactFolders/contacts?$select=id,displayName`)];
      }
      const body = result.body as DeltaPage<FolderItem>;
      const follow: ReadTask[] = [];
      for (const folder of body.value) {
        if (folder["@removed"]) round.removed.add(folder.id);
        else {
          round.listed.add(folder.id);
          follow.push(...found(folder.id));
        }
      }
      const next = body["@odata.nextLink"];
      if (next) follow.push(page(next));
      else round.deltaLink = body["@odata.deltaLink"];
      return follow;
    },
  });

  /** The default folder by its well-known name; where that is not resolved, the folder of any of its contacts. */
  const defaultFolder = (url: string): ReadTask => ({
    request: { url },
    handle(result) {
      if (!result.ok) {
        const status = result.error.statusCode;
        if (status !== 400 && status !== 404) throw result.error;
        return [anyContact()];
      }
      return root((result.body as { id: string }).id);
    },
  });
  const anyContact = (): ReadTask => ({
    request: { url: `${mailbox}/contacts?$select=parentFolderId&$top=1` },
    handle(result) {
      if (!result.ok) throw result.error;
      const id = (result.body as { value: { parentFolderId?: string }[] }).value[0]?.parentFolderId;
      return id ? root(id) : []; // no contact yet: asked again next pass
    },
  });
  const root = (id: string): ReadTask[] => {
    rootKnown = true;
    round.listed.add(id);
    return found(id);
  };

  const tasks = [page(saved ?? startUrl)];
  if (round.full) tasks.push(defaultFolder(`${mailbox}/contactFolders/contacts?$select=id,displayName`));
  return {
    round,
    known,
    tasks,
    save() {
      if (round.deltaLink && rootKnown) state.set(linkKey, round.deltaLink);
    },
  };
}

/** Whether a known folder is still there after this round. */
export function folderStays(round: FolderRound, folderId: string): boolean {
  return !round.removed.has(folderId) && (!round.full || round.listed.has(folderId));
}
