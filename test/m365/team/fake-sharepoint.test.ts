/**
 * The fake's SharePoint answers as Graph does, driven through the real SDK: a filter on a column that is not
 * indexed is refused with Graph's words (and, allowed by the Prefer header, refused over the list view threshold),
 * a second item with the same unique callKey is a 409, and a user without the site's grant gets 403 accessDenied.
 */
import { join } from "node:path";
import { GraphError } from "@microsoft/microsoft-graph-client";
import { afterEach, beforeEach, expect, it } from "vitest";
import { parseM365Config } from "../../../bridge/m365/config.js";
import { type FakeGraph, signInToFakeGraph, startFakeGraph } from "../../fakes/graph/index.js";
import { useTempDir } from "../../support/temp-dir.js";
import { TEAM_COLUMNS } from "../../../bridge/m365/team/team-fields.js";

const SITE = "https://contoso.sharepoint.com/sites/office";
const tempDir = useTempDir("fake-sharepoint-");
let graph: FakeGraph;

beforeEach(async () => {
  graph = await startFakeGraph({ devicePendingPolls: 0 });
});
afterEach(() => graph.stop());

async function client(permission: "selected" | "all") {
  const config = parseM365Config(graph.microsoft365Config("c11e", { team: { site: SITE, permission } }));
  return (await signInToFakeGraph(config, join(tempDir(), "cache.json"))).client;
}

async function refusal(request: Promise<unknown>): Promise<{ status: number; code: string; message: string }> {
  const error = await request.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GraphError);
  const { statusCode, code, message } = error as GraphError;
  return { status: statusCode, code: code ?? "", message };
}

it("refuses a filter on a non-indexed column, a duplicate callKey, and a site not granted", async () => {
  const siteId = graph.sharePoint.addSite(SITE);
  const all = await client("all");
  const list = (await all
    .api(`/sites/${siteId}/lists`)
    .post({ displayName: "Calls", columns: TEAM_COLUMNS, list: { template: "genericList" } })) as { id: string };
  const items = `/sites/${siteId}/lists/${list.id}/items`;
  await all.api(items).post({ fields: { callKey: "a|1", number: "0501234567", numberKey: "0501234567" } });

  const indexed = (await all.api(items).filter("fields/numberKey eq '0501234567'").expand("fields").get()) as {
    value: unknown[];
  };
  expect(indexed.value).toHaveLength(1);
  expect(await refusal(all.api(items).filter("fields/number eq '0501234567'").get())).toEqual({
    status: 400,
    code: "invalidRequest",
    message:
      "Field 'number' cannot be referenced in filter or orderby as it is not indexed. Provide the 'Prefer: " +
      "HonorNonIndexedQueriesWarningMayFailRandomly' header to allow this, but be warned that such queries may fail " +
      "on large lists.",
  });
  const loose = () =>
    all
      .api(items)
      .header("Prefer", "HonorNonIndexedQueriesWarningMayFailRandomly")
      .filter("fields/number eq '0501234567'")
      .get() as Promise<{ value: unknown[] }>;
  expect((await loose()).value).toHaveLength(1);
  graph.sharePoint.viewThreshold = 0;
  expect((await refusal(loose())).message).toMatch(/exceeds the list view threshold/);

  const duplicate = await refusal(all.api(items).post({ fields: { callKey: "a|1" } }));
  expect(duplicate.status).toBe(409);
  expect(duplicate.message).toMatch(/duplicate values were found in the following field\(s\) in the list: \[callKey\]/);

  const selected = await client("selected");
  expect(await refusal(selected.api(`/sites/contoso.sharepoint.com:/sites/office`).get())).toMatchObject({
    status: 403,
    code: "accessDenied",
  });
}, 30_000);
