/**
 * The fake Graph refuses what Microsoft's Graph v1.0 description does not have, as Graph does (400 BadRequest in
 * Graph's words), through the real SDK client: a made-up path segment, $select, $filter, $orderby or $expand property,
 * body property or action parameter, also inside a $batch. What the bridge really sends passes (the other m365 tests
 * run against the same checking fake, and its stop() fails on any request it refused).
 */
import type { Client } from "@microsoft/microsoft-graph-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeGraph, signInToFakeGraph } from "../fakes/graph/index.js";
import { type Harness, startHarness } from "./harness.js";

let h: Harness;
let graph: FakeGraph;
let client: Client;

beforeAll(async () => {
  h = await startHarness();
  graph = h.graph;
  client = (await signInToFakeGraph(h.config(), h.cacheFile)).client;
});

afterAll(async () => {
  graph.contractBreaches.length = 0; // this file's refusals are on purpose
  await h.close();
});

/** What Graph answered: its status, code and message. */
async function refusal(request: Promise<unknown>): Promise<{ status: number; code: string; message: string }> {
  const error = (await request.then(
    () => undefined,
    (e: unknown) => e,
  )) as { statusCode: number; code: string; message: string } | undefined;
  if (!error) throw new Error("Graph accepted it");
  return { status: error.statusCode, code: error.code, message: error.message };
}

describe("the fake Graph holds requests to Microsoft's Graph v1.0 description", () => {
  it("refuses a path segment Graph does not have", async () => {
    expect(await refusal(client.api("/me/contactz").get())).toEqual({
      status: 400,
      code: "BadRequest",
      message: "Resource not found for the segment 'contactz'.",
    });
    expect((await refusal(client.api("/me/contactFolders/abc/childFolderz").get())).message).toBe(
      "Resource not found for the segment 'childFolderz'.",
    );
  });

  it("refuses $select, $expand, $filter and $orderby properties the type does not have", async () => {
    expect((await refusal(client.api("/me/contacts").select("displayName,mobilePhones").get())).message).toBe(
      "Parsing OData Select and Expand failed: Could not find a property named 'mobilePhones' on type " +
        "'microsoft.graph.contact'.",
    );
    expect((await refusal(client.api("/me/contacts").expand("photos").get())).message).toBe(
      "Parsing OData Select and Expand failed: Could not find a property named 'photos' on type " +
        "'microsoft.graph.contact'.",
    );
    expect(
      (await refusal(client.api("/me/messages").filter("from/emailAddress/adress eq 'a@b.c'").get())).message,
    ).toBe("Invalid filter clause: Could not find a property named 'adress' on type 'microsoft.graph.emailAddress'.");
    expect((await refusal(client.api("/contacts").filter("phones/any(p: p/numbr eq '1')").get())).message).toBe(
      "Invalid filter clause: Could not find a property named 'numbr' on type 'microsoft.graph.phone'.",
    );
    expect((await refusal(client.api("/me/messages").orderby("received desc").get())).message).toBe(
      "Invalid $orderby clause: Could not find a property named 'received' on type 'microsoft.graph.message'.",
    );
  });

  it("refuses a body property of an unknown name, nested ones too, and an action's unknown parameter", async () => {
    const folder = graph.defaultFolderId;
    expect(
      (await refusal(client.api(`/me/contactFolders/${folder}/contacts`).post({ displayName: "A", phone: "1" })))
        .message,
    ).toBe(
      "The property 'phone' does not exist on type 'microsoft.graph.contact'. Make sure to only use property names " +
        "that are defined by the type or mark the type as open type.",
    );
    const nested = { displayName: "A", emailAddresses: [{ address: "a@b.c", title: "x" }] };
    expect((await refusal(client.api(`/me/contactFolders/${folder}/contacts`).post(nested))).message).toMatch(
      /^The property 'title' does not exist on type 'microsoft.graph.emailAddress'\./,
    );
    expect((await refusal(client.api("/me/translateExchangeIds").post({ ids: ["x"] }))).message).toBe(
      "The parameter 'ids' in the request payload is not a valid parameter for the operation 'translateExchangeIds'.",
    );
  });

  it("checks each request inside a $batch on its own", async () => {
    const answer = (await client.api("/$batch").post({
      requests: [
        { id: "1", method: "GET", url: "/me/contacts?$select=displayName" },
        { id: "2", method: "GET", url: "/me/contactz" },
      ],
    })) as { responses: { id: string; status: number; body: { error?: { message: string } } }[] };
    const byId = new Map(answer.responses.map((r) => [r.id, r]));
    expect(byId.get("1")?.status).toBe(200);
    expect(byId.get("2")?.status).toBe(400);
    expect(byId.get("2")?.body.error?.message).toBe("Resource not found for the segment 'contactz'.");
  });

  it("accepts what Graph has: delta functions, lambdas, dates and action parameters", async () => {
    const before = graph.contractBreaches.length;
    await client.api(`/me/contactFolders/${graph.defaultFolderId}/contacts/delta`).select("displayName").get();
    await client.api("/users/delta").select("displayName,businessPhones,mobilePhone").get();
    await client
      .api("/me/messages")
      .filter("from/emailAddress/address eq 'a@b.c' and receivedDateTime ge 2026-01-01T00:00:00Z")
      .orderby("receivedDateTime desc")
      .get();
    await client
      .api("/me/translateExchangeIds")
      .post({ inputIds: [], targetIdType: "restId", sourceIdType: "restImmutableEntryId" });
    // A SharePoint list item's `fields` is open: its columns are the list's own (the fake has no route for it yet).
    await client
      .api("/sites/s1/lists/l1/items")
      .filter("fields/StartLocal ge '2026-01-01'")
      .get()
      .catch(() => undefined);
    expect(graph.contractBreaches.slice(before)).toEqual([]);
  });

  it("records every refusal, so a test that shrugs off a 400 still fails when the fake stops", () => {
    expect(graph.contractBreaches.length).toBe(11);
    expect(graph.contractBreaches[0]).toBe("GET /me/contactz: Resource not found for the segment 'contactz'.");
  });
});
