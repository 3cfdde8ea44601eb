/** Finding the "Calls" calendar and the To Do list the bridge writes to, by the settings' names (reads only). */
import type { Client } from "@microsoft/microsoft-graph-client";
import { getAllPages } from "../graph-client.js";

export async function findCalendar(client: Client, name: string): Promise<{ id: string; name: string } | undefined> {
  const calendars = await getAllPages<{ id: string; name: string }>(client, "/me/calendars?$select=id,name", 50);
  return calendars.find((c) => c.name.toLowerCase() === name.toLowerCase());
}

/** The list named `wanted`, or To Do's default list when no name is configured. */
export async function findTodoList(
  client: Client,
  wanted: string | undefined,
): Promise<{ id: string; displayName: string } | undefined> {
  const lists = await getAllPages<{ id: string; displayName: string; wellknownListName?: string }>(
    client,
    "/me/todo/lists",
    50,
  );
  return wanted
    ? lists.find((l) => l.displayName.toLowerCase() === wanted.toLowerCase())
    : lists.find((l) => l.wellknownListName === "defaultList");
}
