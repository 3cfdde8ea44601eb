import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { silentLogger } from "../../../bridge/log/log.js";
import { graphClientFor } from "../../../bridge/m365/graph-client.js";
import { ContactSync } from "../../../bridge/m365/sources/contact-sync.js";
import { SignInRequiredError } from "../../../bridge/m365/auth/auth.js";
import { mobile, startHarness, type Harness } from "../harness.js";

let h: Harness;

beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

async function makeSync(pageSize = 500, extra: Record<string, unknown> = {}) {
  const config = h.config(extra);
  const auth = await h.signIn(config);
  const client = graphClientFor(config, auth);
  return { auth, client, sync: new ContactSync(client, h.directory, h.db, silentLogger, pageSize) };
}

describe("contact sync against the fake Graph", () => {
  it("indexes 10 000 contacts from several folders, page by page", async () => {
    const work = h.graph.addFolder("Work");
    const suppliers = h.graph.addFolder("Suppliers", work);
    const folders = [h.graph.defaultFolderId, work, suppliers];
    for (let i = 0; i < 10_000; i++) {
      h.graph.addContact({
        parentFolderId: folders[i % 3],
        displayName: `Person ${i}`,
        companyName: `Company ${i % 50}`,
        mobilePhone: mobile(i),
        businessPhones: i % 7 === 0 ? [`044 555 ${String(i).padStart(4, "0")}`] : [],
        personalNotes: `Customer since ${2000 + (i % 20)}\r\nsecond line`,
      });
    }
    const { sync } = await makeSync(500);
    const report = await sync.syncAll();

    expect(report.folders.map((f) => f.folderId).sort()).toEqual([...folders].sort());
    expect(report.folders.reduce((n, f) => n + f.upserted, 0)).toBe(10_000);
    expect(report.folders.every((f) => f.full && f.pages >= 6)).toBe(true);
    expect(h.directory.count("outlook")).toBe(10_000);
    const found = h.directory.lookup("067 100 99 99"); // local format of mobile(9999)
    expect(found.map((c) => c.name)).toEqual(["Person 9999"]);
    expect(found[0]).toMatchObject({ company: "Company 49", note: "Customer since 2019", source: "outlook" });
    expect(found[0]!.folderId).toBe(folders[9999 % 3]);
    // nextLink pages were followed with the page size asked for
    expect(h.graph.requests("GET", /contacts\/delta$/).length).toBeGreaterThanOrEqual(21);
  });

  it("applies incremental changes: added, changed and @removed contacts", async () => {
    const a = h.graph.addContact({ displayName: "Alice", mobilePhone: mobile(1) });
    const b = h.graph.addContact({ displayName: "Bob", mobilePhone: mobile(2) });
    const c = h.graph.addContact({ displayName: "Carol", mobilePhone: mobile(3) });
    const { sync } = await makeSync(2);
    await sync.syncAll();
    expect(h.directory.count("outlook")).toBe(3);
    const bobId = h.directory.findByExternalId("outlook", b.id)!.id;

    h.graph.updateContact(b.id, { displayName: "Bob Builder", mobilePhone: mobile(22) });
    h.graph.deleteContact(c.id);
    h.graph.addContact({ displayName: "Dave", mobilePhone: mobile(4) });
    const report = await sync.syncAll();

    const folder = report.folders[0]!;
    expect(folder).toMatchObject({ full: false, upserted: 2, removed: 1 });
    expect(h.directory.lookup(mobile(2))).toEqual([]);
    const bob = h.directory.lookup(mobile(22));
    expect(bob.map((x) => [x.id, x.name])).toEqual([[bobId, "Bob Builder"]]); // same short id after a change
    expect(h.directory.findByExternalId("outlook", c.id)).toBeUndefined();
    expect(h.directory.lookup(mobile(4)).map((x) => x.name)).toEqual(["Dave"]);
    expect(h.directory.findByExternalId("outlook", a.id)?.name).toBe("Alice");

    // A round with no change asks once and changes nothing.
    const quiet = await sync.syncAll();
    expect(quiet.folders[0]).toMatchObject({ upserted: 0, removed: 0, pages: 1 });
  });

  it("answers 410 Gone with a full resync that also sweeps contacts deleted meanwhile", async () => {
    const keep = h.graph.addContact({ displayName: "Keep", mobilePhone: mobile(1) });
    const gone = h.graph.addContact({ displayName: "Gone", mobilePhone: mobile(2) });
    const { sync } = await makeSync(10);
    await sync.syncAll();
    const keepId = h.directory.findByExternalId("outlook", keep.id)!.id;

    h.graph.deleteContact(gone.id);
    h.graph.addContact({ displayName: "New", mobilePhone: mobile(3) });
    h.graph.invalidateDeltaTokens(h.graph.defaultFolderId);
    const report = await sync.syncAll();

    expect(report.folders[0]).toMatchObject({ resynced: true, full: true, removed: 1, upserted: 2 });
    expect(h.graph.requests("GET", /contacts\/delta$/).some((r) => r.status === 410)).toBe(true);
    expect(h.directory.externalIds("outlook").length).toBe(2);
    expect(h.directory.findByExternalId("outlook", keep.id)!.id).toBe(keepId);
    expect(h.directory.lookup(mobile(3)).map((c) => c.name)).toEqual(["New"]);
    // and the next round is incremental again
    expect((await sync.syncAll()).folders[0]).toMatchObject({ full: false, upserted: 0 });
  });

  it("keeps a contact's TelefUM id when it moves between folders and across full resyncs (immutable ids)", async () => {
    const work = h.graph.addFolder("Work");
    const anna = h.graph.addContact({ displayName: "Anna", mobilePhone: mobile(1) });
    const boris = h.graph.addContact({ displayName: "Boris", mobilePhone: mobile(2), parentFolderId: work });
    const { sync } = await makeSync(10);
    await sync.syncAll();
    const annaId = h.directory.lookup(mobile(1))[0]!.id;
    const borisId = h.directory.lookup(mobile(2))[0]!.id;

    // Anna goes from Contacts (synced first) to Work, Boris from Work (synced last) to Contacts.
    h.graph.moveContact(anna.id, work);
    h.graph.moveContact(boris.id, h.graph.defaultFolderId);
    const moved = await sync.syncAll();
    expect(moved.folders.map((f) => f.removed)).toEqual([0, 0]);
    expect(h.directory.lookup(mobile(1)).map((c) => [c.id, c.folderId])).toEqual([[annaId, work]]);
    const home = h.graph.defaultFolderId;
    expect(h.directory.lookup(mobile(2)).map((c) => [c.id, c.folderId])).toEqual([[borisId, home]]);

    h.graph.invalidateDeltaTokens(h.graph.defaultFolderId);
    h.graph.invalidateDeltaTokens(work);
    h.graph.moveContact(anna.id, h.graph.defaultFolderId);
    await sync.syncAll();
    expect(h.directory.lookup(mobile(1)).map((c) => [c.id, c.folderId])).toEqual([[annaId, home]]);
    expect(h.directory.lookup(mobile(2)).map((c) => c.id)).toEqual([borisId]);
    // Every read asked for immutable ids, the $batch-free delta reads included.
    const deltas = h.graph.requests("GET", /contacts\/delta$/);
    expect(deltas.length).toBeGreaterThan(0);
    expect(deltas.every((r) => r.prefer?.includes('IdType="ImmutableId"'))).toBe(true);
    // A new contact never takes a used id.
    h.directory.remove(borisId);
    h.graph.addContact({ displayName: "Clara", mobilePhone: mobile(3) });
    await sync.syncAll();
    expect(Number(h.directory.lookup(mobile(3))[0]!.id)).toBeGreaterThan(Number(borisId));
  });

  it("the fake Graph answers REST ids, new after a move, to a client not asking for immutable ones", async () => {
    const work = h.graph.addFolder("Work");
    const anna = h.graph.addContact({ displayName: "Anna", mobilePhone: mobile(1) });
    const { auth } = await makeSync(10);
    const read = async (prefer?: string) => {
      const headers: Record<string, string> = { authorization: `Bearer ${await auth.getToken()}` };
      if (prefer) headers.prefer = prefer;
      const answer = await fetch(`${h.graph.url}/v1.0/me/contacts`, { headers });
      return ((await answer.json()) as { value: { id: string }[] }).value.map((c) => c.id);
    };
    const rest = await read();
    expect(rest).toHaveLength(1);
    expect(rest[0]).not.toBe(anna.id);
    expect(await read('IdType="ImmutableId"')).toEqual([anna.id]);
    h.graph.moveContact(anna.id, work);
    h.graph.moveContact(anna.id, h.graph.defaultFolderId);
    expect(await read()).not.toEqual(rest);
    expect(await read('IdType="ImmutableId"')).toEqual([anna.id]);
  });

  it("finds the default folder through /me/contacts when the well-known name is not resolved", async () => {
    h.graph.wellKnownContactsFolder = false;
    h.graph.addContact({ displayName: "Home", mobilePhone: mobile(1) });
    const { sync } = await makeSync(10);
    const report = await sync.syncAll();
    expect(report.folders.map((f) => f.folderId)).toEqual([h.graph.defaultFolderId]);
    expect(h.directory.lookup(mobile(1)).map((c) => c.name)).toEqual(["Home"]);
  });

  it("a deleted folder takes its contacts out of the index", async () => {
    const work = h.graph.addFolder("Work");
    h.graph.addContact({ displayName: "Home", mobilePhone: mobile(1) });
    h.graph.addContact({ displayName: "Colleague", mobilePhone: mobile(2), parentFolderId: work });
    const { sync } = await makeSync(10);
    await sync.syncAll();
    expect(h.directory.count("outlook")).toBe(2);
    h.graph.deleteFolder(work);
    const report = await sync.syncAll();
    expect(report.removedFolders).toBe(1);
    expect(h.directory.lookup(mobile(2))).toEqual([]);
    expect(h.directory.lookup(mobile(1)).map((c) => c.name)).toEqual(["Home"]);
  });

  it("honours 429 Retry-After on reads (no early retry) and completes", async () => {
    for (let i = 0; i < 30; i++) h.graph.addContact({ displayName: `P${i}`, mobilePhone: mobile(i) });
    const { sync } = await makeSync(10);
    h.graph.inject({ method: "GET", path: /contacts\/delta$/, status: 429, retryAfterSeconds: 1 });
    h.graph.inject({ method: "GET", path: /contactFolders\/delta$/, status: 503, retryAfterSeconds: 1 });
    await sync.syncAll();
    expect(h.directory.count("outlook")).toBe(30);
    expect(h.graph.log.filter((r) => r.status === 429 || r.status === 503).length).toBe(2);
    expect(h.graph.earlyRetries).toBe(0);
  });

  it("a Retry-After longer than the inline limit fails the pass instead of sleeping", async () => {
    h.graph.addContact({ displayName: "P", mobilePhone: mobile(1) });
    const { sync } = await makeSync(10, { retry: { maxInlineDelaySeconds: 5 } });
    h.graph.inject({ method: "GET", path: /contacts\/delta$/, status: 429, retryAfterSeconds: 120 });
    await expect(sync.syncAll()).rejects.toMatchObject({ statusCode: 429 });
    expect(h.graph.earlyRetries).toBe(0);
  });

  it("401 with a revoked token: refreshes the token once and carries on", async () => {
    h.graph.addContact({ displayName: "P", mobilePhone: mobile(1) });
    const { sync } = await makeSync(10);
    await sync.syncAll();
    h.graph.revokeAccessTokens();
    h.graph.addContact({ displayName: "Q", mobilePhone: mobile(2) });
    await sync.syncAll();
    expect(h.directory.count("outlook")).toBe(2);
    expect(h.graph.log.filter((r) => r.status === 401).length).toBe(1);
    expect(h.graph.tokenRequests.map((t) => t.grantType)).toEqual(["device_code", "refresh_token"]);
  });

  it("401 when the refresh token is revoked too: a clear sign-in-required error", async () => {
    const { sync } = await makeSync(10);
    h.graph.revokeAccessTokens();
    h.graph.revokeRefreshTokens();
    const error = await sync.syncAll().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SignInRequiredError);
    expect((error as Error).message).toMatch(/sign-in required/);
  });
});
