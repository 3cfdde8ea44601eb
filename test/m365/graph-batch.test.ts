/**
 * JSON batching as Graph does it, through the real SDK client: the fake refuses a batch of more than 20 requests
 * and a `dependsOn` naming an id the batch does not have, runs a request after the ones it depends on wherever they
 * stand, and answers 424 for one whose dependency failed; sendBatch (graph-batch.ts) never sends more than 20.
 */
import type { Client } from "@microsoft/microsoft-graph-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BATCH_LIMIT, sendBatch } from "../../bridge/m365/graph-batch.js";
import { signInToFakeGraph } from "../fakes/graph/index.js";
import { type Harness, mobile, startHarness } from "./harness.js";

let h: Harness;
let client: Client;

beforeAll(async () => {
  h = await startHarness();
  client = (await signInToFakeGraph(h.config(), h.cacheFile)).client;
});
afterAll(() => h.close());

const get = (id: string, dependsOn?: string[]) => ({
  id,
  method: "GET",
  url: "/me/contactFolders/contacts",
  dependsOn,
});

async function statusOf(request: Promise<unknown>): Promise<number | "accepted"> {
  return request.then(
    () => "accepted" as const,
    (e: { statusCode: number }) => e.statusCode,
  );
}

describe("JSON batching", () => {
  it("refuses more than 20 requests in one batch; 20 go", async () => {
    const many = Array.from({ length: BATCH_LIMIT + 1 }, (_, i) => get(String(i)));
    expect(await statusOf(client.api("/$batch").post({ requests: many }))).toBe(400);
    const twenty = (await client.api("/$batch").post({ requests: many.slice(0, BATCH_LIMIT) })) as {
      responses: { status: number }[];
    };
    expect(twenty.responses.map((r) => r.status)).toEqual(Array(BATCH_LIMIT).fill(200));
    await expect(sendBatch(client, many as never)).rejects.toThrow(RangeError);
  });

  it("refuses a dependsOn to an id the batch does not have", async () => {
    const requests = [get("1"), get("2", ["7"])];
    expect(await statusOf(client.api("/$batch").post({ requests }))).toBe(400);
  });

  it("runs a request after what it depends on, and answers 424 when that failed", async () => {
    const anna = h.graph.addContact({ displayName: "Anna", mobilePhone: mobile(1) });
    const path = `/me/contacts/${encodeURIComponent(anna.id)}`;
    const answers = await sendBatch(client, [
      { id: "read", method: "GET", url: `${path}?$select=displayName`, dependsOn: ["rename"] },
      { id: "rename", method: "PATCH", url: path, body: { displayName: "Anna K." } },
      { id: "missing", method: "GET", url: "/me/contacts/no-such-contact" },
      { id: "after", method: "GET", url: `${path}?$select=displayName`, dependsOn: ["missing"] },
    ]);
    const read = answers.get("read")!;
    expect(read.ok && (read.body as { displayName: string }).displayName).toBe("Anna K.");
    expect([answers.get("missing"), answers.get("after")].map((a) => (a!.ok ? 200 : a!.error.statusCode))).toEqual([
      404, 424,
    ]);
  });
});
