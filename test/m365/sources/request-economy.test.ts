/**
 * What a sync pass costs in Graph requests, counted at the fake Graph: a pass with nothing changed is one HTTP
 * request whatever the folders (the folder list by contactFolders/delta, batched with every folder's delta), and a
 * folder made or deleted between passes is found without listing the tree again.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { FakeMailbox } from "../../fakes/graph/fake-mailbox.js";
import { type Harness, mobile, requestsSince, startHarness } from "../harness.js";

let h: Harness;

beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

/** `count` folders in all (the default one included), each below an earlier one, a contact in each. */
function fillFolders(mailbox: FakeMailbox, count: number, first: number): string[] {
  const folders = [mailbox.defaultFolderId];
  for (let i = 1; i < count; i++) folders.push(mailbox.addFolder(`Folder ${i}`, folders[Math.floor((i - 1) / 2)]));
  for (const [i, folderId] of folders.entries()) {
    mailbox.addContact({
      parentFolderId: folderId,
      displayName: `Person ${first + i}`,
      mobilePhone: mobile(first + i),
    });
  }
  return folders;
}

async function bridge(sync: Record<string, unknown>) {
  await h.signIn();
  const r = await h.startBridge({
    config: { sync: { contacts: false, directory: false, orgContacts: false, ...sync } },
    attach: { background: false },
  });
  await r.m365.syncNow();
  return r;
}

describe("a sync pass with nothing changed is one request", () => {
  it.each([1, 4, 12])("own contacts in %i folder(s)", async (count) => {
    fillFolders(h.graph.me, count, 0);
    const r = await bridge({ contacts: true });
    expect(h.directory.count("outlook")).toBe(count);

    const mark = h.graph.log.length;
    await r.m365.syncNow();
    expect(requestsSince(h, mark)).toEqual(["POST /v1.0/$batch"]);
    const inside = h.graph.log.slice(mark).filter((e) => e.batched);
    expect(inside.map((e) => e.path).filter((p) => p.endsWith("/contacts/delta"))).toHaveLength(count);
    expect(inside.map((e) => e.path).filter((p) => p === "/v1.0/me/contactFolders/delta")).toHaveLength(1);
    expect(inside.every((e) => e.status === 200)).toBe(true);
    expect(h.directory.count("outlook")).toBe(count);
  });

  it("a shared mailbox of 12 folders", async () => {
    const desk = h.graph.addMailbox("reception@contoso.test");
    fillFolders(desk, 12, 100);
    const r = await bridge({ sharedMailboxes: ["reception@contoso.test"] });
    expect(h.directory.count("shared:reception@contoso.test")).toBe(12);

    const mark = h.graph.log.length;
    await r.m365.syncNow();
    expect(requestsSince(h, mark)).toEqual(["POST /v1.0/$batch"]);
    expect(h.graph.log.slice(mark).filter((e) => e.batched)).toHaveLength(13);
  });
});

describe("folders made and deleted between passes", () => {
  it("own contacts: a new nested folder is read next, a deleted one leaves with its contacts", async () => {
    const folders = fillFolders(h.graph.me, 4, 0);
    const r = await bridge({ contacts: true });

    const fresh = h.graph.addFolder("New", folders[3]);
    h.graph.addContact({ parentFolderId: fresh, displayName: "Newcomer", mobilePhone: mobile(50) });
    h.graph.deleteFolder(folders[2]!);
    let mark = h.graph.log.length;
    await r.m365.syncNow();
    // the list and the known folders; then the new folder's first round
    expect(requestsSince(h, mark)).toEqual([
      "POST /v1.0/$batch",
      "GET /v1.0/me/contactFolders/" + fresh + "/contacts/delta",
    ]);
    expect(h.directory.lookup(mobile(50)).map((c) => [c.name, c.folderId])).toEqual([["Newcomer", fresh]]);
    expect(h.directory.lookup(mobile(2))).toEqual([]);
    expect(h.directory.count("outlook")).toBe(4);

    mark = h.graph.log.length;
    await r.m365.syncNow();
    expect(requestsSince(h, mark)).toEqual(["POST /v1.0/$batch"]);
    expect(h.graph.log.slice(mark).filter((e) => e.batched)).toHaveLength(5);
  });

  it("a shared mailbox: the same, through the same folder list", async () => {
    const desk = h.graph.addMailbox("reception@contoso.test");
    const folders = fillFolders(desk, 3, 100);
    const r = await bridge({ sharedMailboxes: ["reception@contoso.test"] });
    const source = "shared:reception@contoso.test" as const;

    const fresh = desk.addFolder("New", folders[1]);
    desk.addContact({ parentFolderId: fresh, displayName: "Newcomer", mobilePhone: mobile(150) });
    desk.deleteFolder(folders[2]!);
    await r.m365.syncNow();
    expect(h.directory.lookup(mobile(150)).map((c) => [c.name, c.folderId])).toEqual([["Newcomer", fresh]]);
    expect(h.directory.lookup(mobile(102))).toEqual([]);
    expect(h.directory.count(source)).toBe(3);

    const mark = h.graph.log.length;
    await r.m365.syncNow();
    expect(requestsSince(h, mark)).toEqual(["POST /v1.0/$batch"]);
  });
});
