/**
 * Settings an administrator decided by policy, as the pane learns them: /api/status over real HTTPS names them, and
 * the running bridge uses the policy's values over config.json's.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeGraph, trustFakeGraphCertificate } from "../fakes/graph/index.js";
import { rawRequest, startTestBridge, type TestBridge } from "./helpers.js";

const POLICY_CLIENT_ID = "00000000-0000-0000-0000-0000000a0d11";
let graph: FakeGraph;
const started: TestBridge[] = [];

beforeAll(async () => {
  await trustFakeGraphCertificate();
  graph = await new FakeGraph().start();
}, 60_000);
afterAll(async () => {
  for (const bridge of started) await bridge.stop();
  await graph?.stop();
});

async function statusOf(t: TestBridge): Promise<Record<string, unknown>> {
  const res = await rawRequest(`${t.url}/api/status`, { headers: { "x-bridge-token": t.token }, ca: t.ca });
  expect(res.status).toBe(200);
  return res.json() as Record<string, unknown>;
}

describe("settings set by the administrator", () => {
  it("/api/status names the settings the policy keys decided, and the bridge uses the policy's values", async () => {
    const t = await startTestBridge("self-signed", {
      microsoft365: graph.microsoft365Config("00000000-0000-0000-0000-00000000f11e"),
      policies: {
        machine: { ClientId: POLICY_CLIENT_ID, TeamSite: "https://contoso.sharepoint.com/sites/office" },
        user: { Language: "uk", SyncDirectory: 1 },
      },
    });
    started.push(t);
    expect(t.bridge.config.microsoft365.clientId).toBe(POLICY_CLIENT_ID);
    expect(t.bridge.config.language).toBe("uk");
    expect(await statusOf(t)).toMatchObject({
      ok: true,
      managed: ["clientId", "teamSite", "language", "syncDirectory"],
    });
  });

  it("/api/status has no managed list when no policy is set", async () => {
    const t = await startTestBridge("self-signed");
    started.push(t);
    expect(await statusOf(t)).not.toHaveProperty("managed");
  });
});
