/**
 * The floor of a first sync: the least work that fills the same index from the same fake Graph process — plain
 * `fetch` of every delta page (the same page size and `$select`), `JSON.parse`, then every contact written in ONE
 * transaction through the same writer (the same rows, phone keys and indexes). No SDK, no paging overlap, no care
 * for lookups waiting meanwhile.
 */
import type { Directory } from "../bridge/directory/directory.js";
import { CONTACT_SELECT, contactFromGraph, type GraphContactItem } from "../bridge/m365/sources/contact-mapping.js";
import type { Database } from "../bridge/store/database.js";

interface Page {
  value: GraphContactItem[];
  "@odata.nextLink"?: string;
}

/** A loaded machine can miss undici's 10 s connect timeout; the SDK retries too, so the floor may as well. */
async function fetchAgain(url: string, headers: Record<string, string>): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fetch(url, { headers });
    } catch (error) {
      if (attempt === 3) throw new Error(`floor fetch failed: ${String((error as Error).cause ?? error)}`);
    }
  }
}

export async function floorSync(options: {
  graphBaseUrl: string;
  token: string;
  folderIds: string[];
  pageSize: number;
  db: Database;
  directory: Directory;
}): Promise<number> {
  const { graphBaseUrl, token, folderIds, pageSize, db, directory } = options;
  const headers = { authorization: `Bearer ${token}`, prefer: `odata.maxpagesize=${pageSize}` };
  const pages: { folderId: string; items: GraphContactItem[] }[] = [];
  for (const folderId of folderIds) {
    let url: string | undefined =
      `${graphBaseUrl}/v1.0/me/contactFolders/${encodeURIComponent(folderId)}/contacts/delta?$select=${CONTACT_SELECT}`;
    while (url) {
      const response = await fetchAgain(url, headers);
      if (!response.ok) throw new Error(`floor fetch ${response.status}: ${await response.text()}`);
      const page = JSON.parse(await response.text()) as Page;
      pages.push({ folderId, items: page.value });
      url = page["@odata.nextLink"];
    }
  }
  let written = 0;
  db.transaction(() => {
    for (const { folderId, items } of pages)
      for (const item of items) {
        directory.write(contactFromGraph(item, folderId));
        written++;
      }
  });
  return written;
}
