/** The sign-in as the running bridge lives it: the Outlook adapters in while signed in, out when it is lost. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SignInRequiredError } from "../../../bridge/m365/index.js";
import { mobile, startHarness, type Harness, WEB, webBridge, signedInWebBridge, deliver } from "../harness.js";

let h: Harness;

beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

describe("sign-in lifecycle", () => {
  it("sign-in plugs the Outlook card opener and creator into the core; sign-out restores the local ones", async () => {
    const anna = h.graph.addContact({ displayName: "Anna", mobilePhone: mobile(1) });
    const r = await webBridge(h);
    const paneOpened = () => r.events.flatMap((e) => (e.type === "open-card" ? [e.ids.join(",")] : []));
    const created = (number: string) => h.directory.lookup(number).map((c) => [c.source, c.name]);
    const web = (graphId: string) => WEB.replace("{id}", encodeURIComponent(graphId));

    // Nobody signed in: the core's own adapters (the pane, the local index).
    await deliver(r, "CREATECARD^0509998801^");
    expect(created("0509998801")).toEqual([["local", "New contact1"]]);
    const first = h.directory.lookup("0509998801")[0]!;

    await r.m365.signInWithDeviceCode(() => undefined);
    await r.m365.syncNow();
    const annaId = h.directory.findByExternalId("outlook", anna.id)!.id;
    await deliver(r, `CARD^${annaId}^`);
    await deliver(r, "CREATECARD^0509998802^");
    expect(created("0509998802")).toEqual([["outlook", "New contact2"]]);
    const second = h.directory.lookup("0509998802")[0]!;
    expect(r.urls).toEqual([web(anna.id), web(second.externalId!)]);

    await r.m365.signOut();
    await deliver(r, `CARD^${annaId}^`);
    await deliver(r, "CREATECARD^0509998803^");
    expect(created("0509998803")).toEqual([["local", "New contact3"]]);
    const third = h.directory.lookup("0509998803")[0]!;
    expect(paneOpened()).toEqual([first.id, annaId, third.id]);
    expect(r.urls).toHaveLength(2);
    expect(h.graph.requests("POST", /\/me\/contacts$/)).toHaveLength(1);
    expect(r.events.filter((e) => e.type === "failure")).toEqual([]);
  });

  it("a revoked sign-in falls back to local behaviour, queues calls, and a new sign-in resumes", async () => {
    h.graph.addContact({ displayName: "Anna", mobilePhone: mobile(1) });
    const r = await signedInWebBridge(h);
    h.graph.revokeAccessTokens();
    h.graph.revokeRefreshTokens();
    await expect(r.m365.syncNow()).rejects.toBeInstanceOf(SignInRequiredError);
    expect(await r.m365.status()).toMatchObject({ signedIn: false });
    expect(
      r.events.some((e) => e.type === "failure" && e.stage === "microsoft365" && /sign-in required/.test(e.message)),
    ).toBe(true);

    // Meanwhile: CREATECARD makes a local contact, CALLHISTORY waits in the outbox.
    await deliver(r, "CREATECARD^0509998877^");
    expect(h.directory.lookup("0509998877")).toMatchObject([{ source: "local", name: "New contact1" }]);
    await deliver(r, `CALLHISTORY^${mobile(1)}^in^True^2026-11-25 15:00:00^0:00:30^^`);
    expect((await r.m365.status()).outbox).toMatchObject({ pending: 1 });

    const codes: string[] = [];
    await r.m365.signInWithDeviceCode((info) => codes.push(info.userCode));
    expect(codes).toEqual(["FAKE-CODE"]);
    await r.m365.flushOutbox();
    expect(h.graph.events).toHaveLength(1);
    expect((await r.m365.status()).outbox).toMatchObject({ pending: 0, done: 1 });
    await deliver(r, "CREATECARD^0509998800^");
    expect(h.directory.lookup("0509998800")).toMatchObject([{ source: "outlook" }]);
  });
});
