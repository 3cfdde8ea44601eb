/**
 * Every source of numbers Microsoft 365 knows, through the real core, the real SDKs and the fake Graph: the
 * directory by delta, shared mailboxes, organisation contacts; the ranking of several matches; switching off.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { BridgeCore } from "../../../bridge/core/bridge-core.js";
import { createGraphClient } from "../../../bridge/m365/graph-client.js";
import { GraphReader } from "../../../bridge/m365/sources/graph-reader.js";
import type { LoopbackTransport } from "../../../bridge/transport/loopback.js";
import { mobile, startHarness, type Harness } from "../harness.js";

let h: Harness;

beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

/** A signed-in bridge without timed passes, so each pass is one the test runs. */
async function bridge(sync: Record<string, unknown>) {
  await h.signIn();
  const r = await h.startBridge({ config: { sync }, attach: { background: false } });
  await r.m365.syncNow();
  return r;
}

async function reply(r: { core: BridgeCore; transport: LoopbackTransport }, number: string): Promise<string> {
  r.transport.deliver(`CONTACT?^${number}^1^1^`);
  await r.core.idle();
  return r.transport.sent.at(-1)!;
}

/** The HTTP requests Graph got (a $batch counts once) since `mark`. */
function requestsSince(mark: number): string[] {
  return h.graph.log
    .slice(mark)
    .filter((e) => !e.batched && e.path.startsWith("/v1.0/"))
    .map((e) => `${e.method} ${e.path}`);
}

function localId(source: Parameters<Harness["directory"]["findByExternalId"]>[0], externalId: string): string {
  return h.directory.findByExternalId(source, externalId)!.id;
}

describe("the organisation directory by delta", () => {
  it("lists everyone once, then costs one request when nothing changed, applies changes, keeps its link", async () => {
    const ivan = h.graph.addUser({
      displayName: "Ivan Petrenko",
      mail: "ivan@contoso.test",
      jobTitle: "Accountant",
      department: "Finance",
      businessPhones: ["+380 44 123 45 67"],
      mobilePhone: null,
    });
    const olha = h.graph.addUser({ displayName: "Olha", businessPhones: [], mobilePhone: mobile(1) });
    const lost = h.graph.addUser({ displayName: "Petro", businessPhones: [], mobilePhone: mobile(3) });
    h.graph.addUser({ displayName: "No Phone", mail: "np@contoso.test", businessPhones: [] });
    const r = await bridge({ contacts: false, directory: true });
    expect(h.directory.count("directory")).toBe(3);
    const ivanId = localId("directory", ivan.id);
    expect(await reply(r, "0441234567")).toBe(
      `CONTACT^0441234567^1^1^Ivan Petrenko^Finance^Accountant, Finance^${ivanId}^`,
    );

    let mark = h.graph.log.length;
    await r.m365.syncNow();
    expect(requestsSince(mark)).toEqual(["GET /v1.0/users/delta"]);

    const olhaId = localId("directory", olha.id);
    h.graph.updateUser(olha.id, { mobilePhone: mobile(2) });
    h.graph.updateUser(lost.id, { mobilePhone: null });
    h.graph.deleteUser(ivan.id);
    await r.m365.syncNow();
    expect(await reply(r, "0441234567")).toBe("NOCONTACT^0441234567^1^1^");
    expect(h.directory.lookup(mobile(1))).toEqual([]);
    expect(h.directory.lookup(mobile(3))).toEqual([]);
    expect(h.directory.lookup(mobile(2)).map((c) => [c.id, c.name])).toEqual([[olhaId, "Olha"]]);

    // A restart continues from the saved delta link.
    await h.stopBridges();
    const again = await h.startBridge({
      config: { sync: { contacts: false, directory: true } },
      attach: { background: false },
    });
    mark = h.graph.log.length;
    await again.m365.syncNow();
    expect(requestsSince(mark)).toEqual(["GET /v1.0/users/delta"]);

    // 410 Gone: everyone again, the same local ids.
    h.graph.invalidateUserDeltaTokens();
    const nina = h.graph.addUser({ displayName: "Nina", businessPhones: ["044 700 00 01"] });
    await again.m365.syncNow();
    expect(h.directory.lookup(mobile(2)).map((c) => c.id)).toEqual([olhaId]);
    expect(h.directory.lookup("0447000001").map((c) => c.externalId)).toEqual([nina.id]);
    const [status] = (await again.m365.status()).sync!.sources!.filter((s) => s.key === "directory");
    expect(status).toMatchObject({ label: "Organisation directory", enabled: true, count: 2 });
    expect(status!.lastError).toBeUndefined();
  });
});

describe("shared mailboxes", () => {
  it("index every folder of a shared mailbox; a pass with nothing changed is one $batch per mailbox", async () => {
    const desk = h.graph.addMailbox("reception@contoso.test");
    const clients = desk.addFolder("Clients");
    const vip = desk.addFolder("VIP", clients);
    const front = desk.addContact({ displayName: "Front Desk", mobilePhone: mobile(10) });
    const big = desk.addContact({
      parentFolderId: vip,
      displayName: "Mr Big",
      companyName: "Big Co",
      mobilePhone: mobile(11),
    });
    h.graph.addMailbox("ceo@contoso.test", false);
    const r = await bridge({ contacts: false, sharedMailboxes: ["reception@contoso.test", "ceo@contoso.test"] });

    const bigId = localId("shared:reception@contoso.test", big.id);
    expect(await reply(r, mobile(11))).toBe(`CONTACT^${mobile(11)}^1^1^Mr Big^Big Co^^${bigId}^`);
    const sources = (await r.m365.status()).sync!.sources!;
    expect(sources.map((s) => [s.key, s.label, s.count, s.lastError ?? ""])).toEqual([
      ["contacts", "Outlook contacts", 0, ""],
      ["directory", "Organisation directory", 0, ""],
      ["orgContacts", "Organisation contacts", 0, ""],
      ["shared:reception@contoso.test", "Shared: reception@contoso.test", 2, ""],
      [
        "shared:ceo@contoso.test",
        "Shared: ceo@contoso.test",
        0,
        "skipped: Contacts.Read.Shared is not granted (Access is denied. Check credentials and try again.)",
      ],
    ]);

    const mark = h.graph.log.length;
    await r.m365.syncNow();
    expect(requestsSince(mark)).toEqual(["POST /v1.0/$batch", "POST /v1.0/$batch"]);
    // reception: the folder list's delta and the delta of each of its 3 folders
    expect(h.graph.log.slice(mark).filter((e) => e.batched && e.path.includes("reception"))).toHaveLength(4);

    desk.updateContact(front.id, { displayName: "Front Desk (2nd floor)" });
    desk.deleteFolder(vip);
    await r.m365.syncNow();
    expect(await reply(r, mobile(11))).toBe(`NOCONTACT^${mobile(11)}^1^1^`);
    expect(h.directory.lookup(mobile(10)).map((c) => c.name)).toEqual(["Front Desk (2nd floor)"]);
  });

  it("a throttled request inside a batch is sent again after its Retry-After, not before", async () => {
    const desk = h.graph.addMailbox("reception@contoso.test");
    desk.addFolder("Clients");
    desk.addContact({ displayName: "Front Desk", mobilePhone: mobile(10) });
    h.graph.inject({ path: /reception.*\/contactFolders\/delta$/, status: 429, retryAfterSeconds: 1 });
    await bridge({ contacts: false, sharedMailboxes: ["reception@contoso.test"] });
    expect(h.directory.lookup(mobile(10)).map((c) => c.name)).toEqual(["Front Desk"]);
    expect(h.graph.earlyRetries).toBe(0);
    const throttled = h.graph.log.filter((e) => e.batched && e.status === 429);
    expect(throttled).toHaveLength(1);
  });
});

describe("organisation contacts", () => {
  it("answer CONTACT?; a tenant that does not grant them is skipped with a status line", async () => {
    const desk = h.graph.addOrgContact({
      displayName: "Supplier Desk",
      mail: "desk@supplier.test",
      companyName: "Supplier Ltd",
      jobTitle: "Orders",
      phones: [
        { type: "business", number: "+380 44 555 00 11" },
        { type: "businessFax", number: "+380 44 555 00 12" },
      ],
    });
    h.graph.addOrgContact({ displayName: "No number", phones: [{ type: "mobile", number: null }] });
    const r = await bridge({ contacts: false, orgContacts: true });
    const id = localId("orgcontact", desk.id);
    expect(await reply(r, "0445550011")).toBe(`CONTACT^0445550011^1^1^Supplier Desk^Supplier Ltd^Orders^${id}^`);
    expect(await reply(r, "0445550012")).toBe("NOCONTACT^0445550012^1^1^");
    expect(h.directory.count("orgcontact")).toBe(1);

    h.graph.orgContactsDenied = true;
    await r.m365.syncNow();
    const status = (await r.m365.status()).sync!.sources!.find((s) => s.key === "orgContacts");
    expect(status?.lastError).toBe(
      "skipped: OrgContact.Read.All is not granted (Insufficient privileges to complete the operation.)",
    );
  });
});

describe("one number in several sources", () => {
  it("ranks own, shared, organisation, directory; the same person once; a source switched off leaves", async () => {
    const number = "+380 44 555 00 11";
    const own = h.graph.addContact({
      displayName: "Oksana (mine)",
      companyName: "Contoso",
      emailAddresses: [{ address: "oksana@contoso.test" }],
      businessPhones: [number],
    });
    h.graph.addUser({ displayName: "Oksana Melnyk", mail: "OKSANA@contoso.test", businessPhones: [number] });
    const board = h.graph.addUser({
      displayName: "Switchboard",
      mail: "switch@contoso.test",
      businessPhones: [number],
    });
    const org = h.graph.addOrgContact({ displayName: "Supplier Desk", phones: [{ type: "business", number }] });
    const desk = h.graph.addMailbox("reception@contoso.test");
    const shared = desk.addContact({ displayName: "Oksana at reception", businessPhones: [number] });
    const r = await bridge({ directory: true, orgContacts: true, sharedMailboxes: ["reception@contoso.test"] });

    const ids = {
      own: localId("outlook", own.id),
      shared: localId("shared:reception@contoso.test", shared.id),
      org: localId("orgcontact", org.id),
      board: localId("directory", board.id),
    };
    // Synced in source order, so the ids ascend own < directory < org < shared: the ranking is not the id order.
    expect(Number(ids.shared)).toBeGreaterThan(Number(ids.org));
    expect(Number(ids.org)).toBeGreaterThan(Number(ids.board));
    expect(await reply(r, "0445550011")).toBe(
      `CONTACT^0445550011^1^1^Oksana (mine)(…)^Contoso(…)^(…)^${ids.own}, ${ids.shared}, ${ids.org}, ${ids.board}^`,
    );
    h.directory.rememberChoice(number, ids.board);
    expect(h.directory.lookupAll(number).map((c) => c.id)).toEqual([ids.board, ids.own, ids.shared, ids.org]);
    h.directory.forgetChoice(number);

    await r.m365.switchSource("directory", false);
    expect(h.directory.count("directory")).toBe(0);
    await r.m365.switchSource(`shared:reception@contoso.test`, false);
    expect(await reply(r, "0445550011")).toBe(
      `CONTACT^0445550011^1^1^Oksana (mine)(…)^Contoso(…)^(…)^${ids.own}, ${ids.org}^`,
    );
    // Switched off stays off across passes and restarts (the switch wins over config.json).
    await h.stopBridges();
    const again = await h.startBridge({
      config: { sync: { directory: true, orgContacts: true, sharedMailboxes: ["reception@contoso.test"] } },
      attach: { background: false },
    });
    await again.m365.syncNow();
    expect(h.directory.count("directory")).toBe(0);
    const sources = (await again.m365.status()).sync!.sources!;
    expect(sources.map((s) => [s.key, s.enabled, s.count])).toEqual([
      ["contacts", true, 1],
      ["directory", false, 0],
      ["orgContacts", true, 1],
      ["shared:reception@contoso.test", false, 0],
    ]);
    // A mailbox taken out of config.json leaves the index at the next pass.
    await again.m365.switchSource(`shared:reception@contoso.test`, true);
    await again.m365.syncNow();
    expect(h.directory.count("shared:reception@contoso.test")).toBe(1);
    await h.stopBridges();
    const without = await h.startBridge({ config: { sync: {} }, attach: { background: false } });
    await without.m365.syncNow();
    expect(h.directory.sources()).toEqual(["outlook"]);
  });
});

describe("a source an administrator decides by policy", () => {
  it("syncs as the policy says even after the user switched it off, and refuses the pane's switch", async () => {
    h.graph.addUser({ displayName: "Oksana Melnyk", mail: "oksana@contoso.test", businessPhones: ["+380445550011"] });
    const r = await bridge({ directory: true });
    await r.m365.switchSource("directory", false);
    expect(h.directory.count("directory")).toBe(0);
    await h.stopBridges();
    // Then the policy SyncDirectory = 1 came: config.json's value is the policy's, and the setting is managed.
    const managed = await h.startBridge({
      config: { sync: { directory: true } },
      attach: { background: false, managed: (setting: string) => setting === "microsoft365.sync.directory" },
    });
    await managed.m365.syncNow();
    expect(h.directory.count("directory")).toBe(1);
    await expect(managed.m365.switchSource("directory", false)).rejects.toThrow(/set by your administrator/);
    expect(h.directory.count("directory")).toBe(1);
  });
});

describe("JSON batching", () => {
  it("sends 45 reads as batches of 20, 20 and 5, each answer in its place", async () => {
    const auth = await h.signIn();
    const config = h.config();
    const client = createGraphClient({
      baseUrl: config.graphBaseUrl,
      tokens: auth,
      readRetries: 3,
      maxInlineDelaySeconds: 5,
      requestTimeoutSeconds: config.retry.requestTimeoutSeconds,
    });
    const reader = new GraphReader(client, config.retry);
    for (let i = 0; i < 45; i++) h.graph.addOrgContact({ id: `org-${i}`, displayName: `Org ${i}`, phones: [] });
    const mark = h.graph.log.length;
    const results = await reader.getMany(
      Array.from({ length: 45 }, (_, i) => ({ url: `${h.graph.url}/v1.0/contacts/org-${i}?$select=displayName` })),
    );
    expect(results.map((r) => (r.ok ? (r.body as { displayName: string }).displayName : "failed"))).toEqual(
      Array.from({ length: 45 }, (_, i) => `Org ${i}`),
    );
    expect(requestsSince(mark)).toEqual(["POST /v1.0/$batch", "POST /v1.0/$batch", "POST /v1.0/$batch"]);
    expect(reader.requests).toBe(3);
  });

  it("the fake refuses more than 20 requests and answers 424 to a request whose dependency failed", async () => {
    const auth = await h.signIn();
    const token = await auth.getToken();
    const post = (requests: unknown[]) =>
      fetch(`${h.graph.url}/v1.0/$batch`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ requests }),
      });
    const many = Array.from({ length: 21 }, (_, i) => ({ id: String(i), method: "GET", url: "/me" }));
    const refused = await post(many);
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toBe(
      "Number of batch requests exceeds the limit of 20.",
    );
    const answer = await post([
      { id: "1", method: "GET", url: "/contacts/missing" },
      { id: "2", method: "GET", url: "/me", dependsOn: ["1"] },
    ]);
    const { responses } = (await answer.json()) as { responses: { id: string; status: number }[] };
    expect(responses.map((x) => [x.id, x.status])).toEqual([
      ["1", 404],
      ["2", 424],
    ]);
  });
});
