/**
 * Finds the team site by its URL and the list by its display name, creating the list with its typed columns (and
 * adding columns an older list lacks) the first time. Two bridges creating it at once: the second's 409 means the
 * list is there, so it is read again.
 */
import type { Client } from "@microsoft/microsoft-graph-client";
import { graphStatus } from "../graph-client.js";
import { TEAM_COLUMNS } from "./team-fields.js";

export interface TeamListRef {
  siteId: string;
  listId: string;
  /** `/sites/{site}/lists/{list}`, what every request of the list starts with. */
  base: string;
}

/** Why the team log cannot reach its list: a person reads `team.problem.<code>` and what to do. */
export type TeamAccessProblem = "siteDenied" | "siteNotFound";

export class TeamAccessError extends Error {
  constructor(
    readonly problem: TeamAccessProblem,
    message: string,
  ) {
    super(message);
    this.name = "TeamAccessError";
  }
}

export async function findTeamList(client: Client, siteUrl: string, listName: string): Promise<TeamListRef> {
  const { hostname, pathname } = new URL(siteUrl);
  let site: { id: string };
  try {
    site = (await client.api(`/sites/${hostname}:${pathname || "/"}`).get()) as { id: string };
  } catch (error) {
    const status = graphStatus(error);
    if (status === 403) throw new TeamAccessError("siteDenied", `Graph refused the team site ${siteUrl} (403)`);
    if (status === 404) throw new TeamAccessError("siteNotFound", `The team site ${siteUrl} was not found (404)`);
    throw error;
  }
  const lists = `/sites/${site.id}/lists`;
  const find = async (): Promise<string | undefined> => {
    const answer = (await client
      .api(lists)
      .filter(`displayName eq '${listName.replace(/'/g, "''")}'`)
      .get()) as { value: { id: string }[] };
    return answer.value[0]?.id;
  };
  let listId = await find();
  if (!listId) {
    try {
      const body = { displayName: listName, columns: TEAM_COLUMNS, list: { template: "genericList" } };
      listId = ((await client.api(lists).post(body)) as { id: string }).id;
    } catch (error) {
      if (graphStatus(error) !== 409) throw error;
      listId = await find();
      if (!listId) throw error;
    }
  }
  const base = `${lists}/${listId}`;
  await addMissingColumns(client, base);
  return { siteId: site.id, listId, base };
}

/** A list made by an older bridge (or by hand) gets the columns it lacks. */
async function addMissingColumns(client: Client, base: string): Promise<void> {
  const answer = (await client.api(`${base}/columns`).get()) as { value: { name: string }[] };
  const have = new Set(answer.value.map((c) => c.name));
  for (const column of TEAM_COLUMNS) {
    if (have.has(column.name)) continue;
    try {
      await client.api(`${base}/columns`).post(column);
    } catch (error) {
      if (graphStatus(error) !== 409) throw error;
    }
  }
}
