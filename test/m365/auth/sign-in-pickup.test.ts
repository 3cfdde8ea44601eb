/**
 * A running bridge notices a sign-in made by another process (`bridge signin` shares the token cache file),
 * shows a waiting device code in its status, and signs out — real MSAL, the fake Graph, real SQLite.
 */
import type { AccountInfo } from "@azure/msal-node";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { localApiGuards } from "../../../bridge/http/local-api-guard.js";
import { procNetTcpPeerCheck } from "../../../bridge/same-user/proc-net-tcp.js";
import { startHttpServer, type RunningHttpServer } from "../../../bridge/http/server.js";
import { silentLogger } from "../../../bridge/log/log.js";
import { microsoft365Routes, SignInRequiredError } from "../../../bridge/m365/index.js";
import { SignInWatch } from "../../../bridge/m365/auth/sign-in-watch.js";
import { FAKE_USER } from "../../fakes/graph/index.js";
import { mobile, startHarness, type Harness } from "../harness.js";
import { sameUserConnections } from "../../../bridge/same-user/connection-gate.js";

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

/** A bridge on the harness's store and token cache file, looking at the cache every 20 ms while signed out. */
function bridge() {
  return h.startBridge({ attach: { signInCheckMs: 20 } });
}

describe("a sign-in made by another process", () => {
  it("is picked up from the shared token cache: the running bridge signs in, syncs and answers lookups", async () => {
    h.graph.addContact({ displayName: "Ірина Коваль", companyName: "Contoso", mobilePhone: mobile(3) });
    const r = await bridge();
    expect(await r.m365.status()).toMatchObject({ enabled: true, signedIn: false });
    await expect(r.m365.syncNow()).rejects.toBeInstanceOf(SignInRequiredError);

    // `bridge signin` in another process: its own MSAL, the same cache file.
    await h.signIn();

    await expect.poll(async () => (await r.m365.status()).sync?.contacts, { timeout: 10_000 }).toBe(1);
    expect(await r.m365.status()).toMatchObject({ signedIn: true, account: FAKE_USER.upn, sync: { passes: 1 } });
    const local = h.directory.lookup(mobile(3));
    expect(local).toMatchObject([{ source: "outlook", name: "Ірина Коваль" }]);
    r.transport.deliver(`CONTACT?^${mobile(3)}^1^1^`);
    await r.core.idle();
    expect(r.transport.sent.at(-1)).toBe(`CONTACT^${mobile(3)}^1^1^Ірина Коваль^Contoso^^${local[0]!.id}^`);
  });

  it("also when the other process signs in through a second attached module", async () => {
    h.graph.addContact({ displayName: "Anna", mobilePhone: mobile(1) });
    const first = await bridge();
    const second = await bridge();
    await second.m365.signInWithDeviceCode(() => undefined);
    await expect.poll(async () => (await first.m365.status()).signedIn, { timeout: 10_000 }).toBe(true);
    await first.m365.syncNow();
    expect(await first.m365.status()).toMatchObject({ account: FAKE_USER.upn, sync: { contacts: 1 } });
  });

  it("ends a device code sign-in that is waiting here", async () => {
    h.graph.devicePendingPolls = 1000;
    const r = await bridge();
    const waiting = r.m365
      .signInWithDeviceCode(() => undefined)
      .then(
        () => "signed in",
        (error: Error) => error.message,
      );
    await expect.poll(async () => (await r.m365.status()).deviceCode?.userCode, { timeout: 10_000 }).toBe("FAKE-CODE");
    h.graph.devicePendingPolls = 0;
    await h.signIn();
    expect(await waiting).toMatch(/cancel/i);
    expect(await r.m365.status()).toMatchObject({ signedIn: true, account: FAKE_USER.upn });
    expect((await r.m365.status()).deviceCode).toBeUndefined();
  });

  it("a revoked sign-in is not brought back by the watch; a new sign-in elsewhere is", async () => {
    h.graph.addContact({ displayName: "Anna", mobilePhone: mobile(1) });
    await h.signIn();
    const r = await bridge();
    await r.m365.syncNow();
    h.graph.revokeAccessTokens();
    h.graph.revokeRefreshTokens();
    await expect(r.m365.syncNow()).rejects.toBeInstanceOf(SignInRequiredError);
    expect(await r.m365.status()).toMatchObject({ signedIn: false });
    const passes = (await r.m365.status()).sync!.passes;

    // A new sign-in in another process replaces the dead one in the cache.
    await h.signIn();
    await expect.poll(async () => (await r.m365.status()).signedIn, { timeout: 10_000 }).toBe(true);
    await r.m365.syncNow();
    expect((await r.m365.status()).sync!.lastError).toBeUndefined();
    expect((await r.m365.status()).sync!.passes).toBeGreaterThan(passes);
    expect(r.events.filter((e) => e.type === "failure")).toHaveLength(1);
  });
});

describe("device code sign-in through the module", () => {
  it("status shows the waiting code, a second request joins it, sign-out forgets everything", async () => {
    h.graph.devicePendingPolls = 2;
    const release = h.graph.hold(/\/oauth2\/v2\.0\/token$/);
    const r = await bridge();
    const codes: string[] = [];
    const first = r.m365.signInWithDeviceCode((info) => codes.push(info.userCode));
    await expect
      .poll(async () => (await r.m365.status()).deviceCode, { timeout: 10_000 })
      .toEqual({
        userCode: "FAKE-CODE",
        verificationUri: `${h.graph.url}/devicelogin`,
        message: `To sign in, open ${h.graph.url}/devicelogin and enter the code FAKE-CODE.`,
      });
    const second = r.m365.signInWithDeviceCode((info) => codes.push(`joined ${info.userCode}`));
    expect(codes).toEqual(["FAKE-CODE", "joined FAKE-CODE"]);
    release();
    expect(await first).toEqual({ account: FAKE_USER.upn });
    expect(await second).toEqual({ account: FAKE_USER.upn });
    expect(h.graph.requests("POST", /devicecode$/)).toHaveLength(1);
    const status = await r.m365.status();
    expect(status).toMatchObject({ signedIn: true, account: FAKE_USER.upn });
    expect(status.deviceCode).toBeUndefined();

    await r.m365.signOut();
    const after = await r.m365.status();
    expect(after).toMatchObject({ signedIn: false });
    expect(after.account).toBeUndefined();
    expect(r.events.filter((e) => e.type === "failure")).toEqual([]);
  });

  it("sign-out cancels a device code sign-in that is still waiting", async () => {
    h.graph.devicePendingPolls = 1000;
    const r = await bridge();
    const signIn = r.m365
      .signInWithDeviceCode(() => undefined)
      .then(
        () => "signed in",
        (error: Error) => error.message,
      );
    await expect.poll(async () => (await r.m365.status()).deviceCode?.userCode, { timeout: 10_000 }).toBe("FAKE-CODE");
    await r.m365.signOut();
    expect((await r.m365.status()).deviceCode).toBeUndefined();
    expect(await signIn).toMatch(/cancel/i);
    expect(await r.m365.status()).toMatchObject({ signedIn: false });
    expect((await r.m365.status()).signInError).toBeUndefined();
  });
});

describe("routes", () => {
  const OUTLOOK = "https://outlook.office.com";

  it(
    "sign-in from the pane: the code at once, joined by a second request, 409 once signed in; " +
      "sign-out is same-origin only",
    async () => {
      h.graph.devicePendingPolls = 1;
      const r = await bridge();
      let http: RunningHttpServer | undefined;
      http = await startHttpServer({
        host: "127.0.0.1",
        port: 0,
        log: silentLogger,
        routes: microsoft365Routes({ m365: r.m365 }),
        guards: localApiGuards({
          token: "pairing-token-1",
          port: () => http!.port,
          url: () => http!.url,
        }),
        admit: sameUserConnections({ peerCheck: procNetTcpPeerCheck(), log: silentLogger }),
      });
      const post = (path: string, origin?: string) =>
        fetch(`${http!.url}${path}`, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "x-bridge-token": "pairing-token-1",
            ...(origin ? { origin } : {}),
          },
          body: "{}",
        });
      try {
        const started = await post("/api/m365/signin/device", http.url);
        expect(started.status).toBe(200);
        expect(await started.json()).toMatchObject({
          userCode: "FAKE-CODE",
          verificationUri: `${h.graph.url}/devicelogin`,
        });
        const joined = await post("/api/m365/signin/device");
        expect(await joined.json()).toMatchObject({ userCode: "FAKE-CODE" });
        await expect.poll(async () => (await r.m365.status()).signedIn, { timeout: 10_000 }).toBe(true);
        expect(h.graph.requests("POST", /devicecode$/)).toHaveLength(1);

        const again = await post("/api/m365/signin/device");
        expect(again.status).toBe(409);
        expect(await again.json()).toEqual({ error: `already signed in as ${FAKE_USER.upn}: sign out first` });

        const foreign = await post("/api/m365/signout", OUTLOOK);
        expect(foreign.status).toBe(403);
        expect((await r.m365.status()).signedIn).toBe(true);

        const out = await post("/api/m365/signout", http.url);
        expect(out.status).toBe(200);
        expect(await out.json()).toMatchObject({ enabled: true, signedIn: false });
        expect(await r.m365.status()).toMatchObject({ signedIn: false });
      } finally {
        await http.close();
      }
    },
  );
});

describe("SignInWatch", () => {
  const account = (idToken: string): AccountInfo =>
    ({
      homeAccountId: "home",
      environment: "env",
      tenantId: "t",
      username: "anna@contoso.test",
      localAccountId: "l",
      idToken,
    }) as AccountInfo;

  it("hands over a new account once, skips a dismissed sign-in until the cache holds another", async () => {
    let inCache: AccountInfo | undefined;
    let signedIn = false;
    const found: string[] = [];
    const watch = new SignInWatch(
      {
        account: async () => inCache,
        isSignedIn: () => signedIn,
        onFound: (a) => {
          found.push(a.idToken ?? "");
          signedIn = true;
        },
        log: silentLogger,
      },
      0,
    );
    expect(await watch.checkNow()).toBe(false);
    inCache = account("one");
    expect(await watch.checkNow()).toBe(true);
    expect(await watch.checkNow()).toBe(false); // already signed in
    signedIn = false;
    watch.dismissCurrent();
    expect(await watch.checkNow()).toBe(false);
    inCache = account("two");
    expect(await watch.checkNow()).toBe(true);
    expect(found).toEqual(["one", "two"]);

    // A sign-out in progress: an account read before or during it is not handed over.
    signedIn = false;
    let finish!: () => void;
    const signOut = watch.suspendWhile(() => new Promise<void>((resolve) => (finish = resolve)));
    expect(await watch.checkNow()).toBe(false);
    let reading!: (a: AccountInfo | undefined) => void;
    const slow = new SignInWatch(
      {
        account: () => new Promise((resolve) => (reading = resolve)),
        isSignedIn: () => false,
        onFound: () => found.push("slow"),
        log: silentLogger,
      },
      0,
    );
    const check = slow.checkNow();
    await slow.suspendWhile(async () => undefined);
    reading(account("four"));
    expect(await check).toBe(false);
    finish();
    await signOut;

    await watch.stop();
    inCache = account("three");
    expect(await watch.checkNow()).toBe(false);
    expect(found).toEqual(["one", "two"]);
  });
});

describe("a one-shot bridge (background: false), as `bridge status` / `bridge signin` start it", () => {
  it("neither syncs on its own nor writes queued calls, but syncs when asked", async () => {
    h.graph.addContact({ displayName: "Olha", mobilePhone: mobile(7) });
    await h.signIn();
    const r = await h.startBridge({ attach: { background: false } });
    const status = await r.m365.status();
    expect(status).toMatchObject({ signedIn: true, account: FAKE_USER.upn, sync: { passes: 0, contacts: 0 } });

    r.transport.deliver(`CALLHISTORY^${mobile(7)}^in^False^2026-11-25 09:30:00^0:00:00^^`);
    await r.core.idle();
    expect((await r.m365.status()).outbox).toMatchObject({ pending: 1, done: 0 });
    expect(h.graph.requests("POST", /\/events$/)).toHaveLength(0);
    expect(h.graph.requests("GET", /contacts\/delta/)).toHaveLength(0);

    await r.m365.syncNow();
    expect(h.graph.requests("GET", /contacts\/delta/).length).toBeGreaterThan(0);
    expect(h.directory.lookup(mobile(7)).map((c) => c.name)).toEqual(["Olha"]);
    // The queued call stays for the long-running bridge to write.
    expect((await r.m365.status()).outbox).toMatchObject({ pending: 1, done: 0 });
  });
});
