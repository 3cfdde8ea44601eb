/** Organisation users with a phone → the local index as `directory` contacts (full pass; users change rarely). */
import type { Client } from "@microsoft/microsoft-graph-client";
import type { Directory } from "../directory/directory.js";
import type { Database } from "../store/sqlite.js";
import { USER_SELECT, contactFromUser, type GraphUserItem } from "./contact-mapping.js";
import { getAllPages, normalizeGraphError } from "./graph-client.js";
import type { DirectorySyncReport } from "../http/m365-status.js";

export type { DirectorySyncReport } from "../http/m365-status.js";

export async function syncOrganisationDirectory(
  client: Client,
  directory: Directory,
  db: Database,
  pageSize: number,
): Promise<DirectorySyncReport> {
  const users = await getAllPages<GraphUserItem>(client, `/users?$select=${USER_SELECT}`, pageSize).catch(
    (error: unknown) => {
      throw normalizeGraphError(error);
    },
  );
  const seen = new Set<string>();
  const removed = db.transaction(() => {
    for (const user of users) {
      const input = contactFromUser(user);
      if (input.phones.length === 0) continue;
      directory.write(input);
      seen.add(user.id);
    }
    return directory.removeUnseen("directory", seen);
  });
  return { users: users.length, indexed: seen.size, removed };
}
