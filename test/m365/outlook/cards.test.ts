/** CARD and CREATECARD through the real core, the real SDKs and the fake Graph: Outlook opens, the chooser page. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { addinApi } from "../../../bridge/addin-api/addin-routes.js";
import { CallLog } from "../../../bridge/calls/call-log.js";
import { silentLogger } from "../../../bridge/log/log.js";
import { microsoft365Routes } from "../../../bridge/m365/index.js";
import { startHttpServer, type RunningHttpServer } from "../../../bridge/http/server.js";
import { localApiGuards } from "../../../bridge/http/local-api-guard.js";
import { procNetTcpPeerCheck } from "../../../bridge/same-user/proc-net-tcp.js";
import { NotUnderstoodLog } from "../../../bridge/inbox/not-understood.js";
import { PaneOrPageViews } from "../../../bridge/pages/local-views.js";
import { pageRoutes } from "../../../bridge/pages/page-routes.js";
import { fakeEntryId } from "../../fakes/graph/index.js";
import { mobile, startHarness, type Harness, WEB, signedInWebBridge, deliver } from "../harness.js";
import { sameUserConnections } from "../../../bridge/same-user/connection-gate.js";

let h: Harness;

beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

describe("CARD", () => {
  it("one id opens Outlook on the web at the contact", async () => {
    const anna = h.graph.addContact({ displayName: "Anna", mobilePhone: mobile(1) });
    const r = await signedInWebBridge(h);
    const local = h.directory.findByExternalId("outlook", anna.id)!;
    await deliver(r, `CARD^${local.id}^`);
    expect(r.urls).toEqual([`https://outlook.example/people/${encodeURIComponent(anna.id)}`]);
    expect(r.events.filter((e) => e.type === "failure")).toEqual([]);
  });

  it("classic Outlook: translateExchangeIds, then outlook.exe /select outlook:<EntryID>", async () => {
    const anna = h.graph.addContact({ displayName: "Anna", mobilePhone: mobile(1) });
    const r = await signedInWebBridge(h, { card: { mode: "classic", outlookPath: "C:\\Office\\OUTLOOK.EXE" } });
    const local = h.directory.findByExternalId("outlook", anna.id)!;
    await deliver(r, `CARD^${local.id}^`);
    const hex = Buffer.from(fakeEntryId(anna.id), "base64url").toString("hex").toUpperCase();
    expect(r.commands).toEqual([{ file: "C:\\Office\\OUTLOOK.EXE", args: ["/select", `outlook:${hex}`] }]);
    expect(h.graph.requests("POST", /translateExchangeIds$/).length).toBe(1);
    expect(r.urls).toEqual([]);
  });

  it("several ids: the chooser, then the remembered choice opens directly", async () => {
    const a = h.graph.addContact({
      displayName: "Olena (home)",
      companyName: "—",
      personalNotes: "wife",
      mobilePhone: mobile(7),
    });
    const b = h.graph.addContact({
      displayName: "Olena Shevchenko",
      companyName: "Contoso",
      personalNotes: "buyer",
      mobilePhone: mobile(7),
    });
    const r = await signedInWebBridge(h);
    const idA = h.directory.findByExternalId("outlook", a.id)!.id;
    const idB = h.directory.findByExternalId("outlook", b.id)!.id;
    await deliver(r, `CONTACT?^${mobile(7)}^1^1^`);
    expect(r.transport.sent.at(-1)).toContain(`${idA}, ${idB}`);

    await deliver(r, `CARD^${idA}, ${idB}^`);
    const chooser = r.events.filter((e) => e.type === "open-card");
    expect(chooser).toHaveLength(1);
    expect(chooser[0]).toMatchObject({ number: mobile(7), ids: [idA, idB] });
    expect(
      (chooser[0] as { contacts: { name: string; company: string; note: string }[] }).contacts.map((c) => [
        c.name,
        c.company,
        c.note,
      ]),
    ).toEqual([
      ["Olena (home)", "—", "wife"],
      ["Olena Shevchenko", "Contoso", "buyer"],
    ]);
    expect(r.urls).toEqual([]);

    await r.core.choose(idB, mobile(7));
    expect(r.urls).toEqual([WEB.replace("{id}", encodeURIComponent(b.id))]);
    expect(h.directory.lookup(mobile(7)).map((c) => c.id)).toEqual([idB, idA]);

    await deliver(r, `CARD^${idA}, ${idB}^`);
    expect(r.urls).toHaveLength(2);
    expect(r.urls[1]).toBe(WEB.replace("{id}", encodeURIComponent(b.id)));
    expect(r.events.filter((e) => e.type === "open-card")).toHaveLength(1);
  });
});

describe("CARD with the local chooser page", () => {
  it("opens the page, which lists the contacts and sends the choice to /api/choose, which opens it", async () => {
    const a = h.graph.addContact({
      displayName: "Taras",
      companyName: "Lviv Coffee",
      personalNotes: "roaster",
      mobilePhone: mobile(9),
    });
    const b = h.graph.addContact({
      displayName: "Taras K.",
      companyName: "Kyiv Tea",
      personalNotes: "supplier",
      mobilePhone: mobile(9),
    });
    let http: RunningHttpServer | undefined;
    const r = await signedInWebBridge(h, { card: { webUrlTemplate: WEB, chooser: "page" } });
    const callLog = new CallLog(h.db);
    const token = "pairing-token-1";
    http = await startHttpServer({
      host: "127.0.0.1",
      port: 0,
      log: silentLogger,
      routes: [
        ...microsoft365Routes({ m365: r.m365 }),
        ...pageRoutes({ directory: h.directory, callLog, token, language: "en" }),
        ...addinApi({
          core: r.core,
          directory: h.directory,
          callLog,
          notUnderstood: new NotUnderstoodLog(h.db),
          token,
          addinDir: "",
          scheme: () => "http",
          encoding: "cp1251",
        }).routes,
      ],
      guards: localApiGuards({ token, port: () => http!.port, url: () => http!.url }),
      admit: sameUserConnections({ peerCheck: procNetTcpPeerCheck(), log: silentLogger }),
    });
    // A pane is connected, yet card.chooser "page" opens the chooser as the local page.
    const openUrl = async (url: string) => void r.urls.push(url);
    const origin = () => http!.url;
    r.core.useLocalViews(new PaneOrPageViews({ events: r.core.events, paneConnected: () => true, openUrl, origin }));
    try {
      const idA = h.directory.findByExternalId("outlook", a.id)!.id;
      const idB = h.directory.findByExternalId("outlook", b.id)!.id;
      await deliver(r, `CONTACT?^${mobile(9)}^1^1^`);
      await deliver(r, `CARD^${idA}, ${idB}^`);
      expect(r.urls).toHaveLength(1);
      expect(r.urls[0]).toBe(`${http.url}/chooser?ids=${idA}%2C${idB}&number=%2B380671000009`);
      const html = await (await fetch(r.urls[0]!)).text();
      for (const text of ["Taras", "Lviv Coffee", "roaster", "Kyiv Tea", "supplier"]) expect(html).toContain(text);
      // The API refuses the choice without the pairing token; the page carries it (no inline script) and sends it.
      expect(/<meta name="telefum-bridge-token" content="([^"]+)">/.exec(html)?.[1]).toBe(token);
      expect(html).toContain('<script src="/pages/pages.js" defer></script>');
      expect(html).not.toMatch(/<script>/);
      const refused = await fetch(`${http.url}/api/choose`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ id: idA, number: mobile(9) }),
      });
      expect(refused.status).toBe(401);

      const chosen = await fetch(`${http.url}/api/choose`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-bridge-token": token },
        body: JSON.stringify({ id: idA, number: mobile(9) }),
      });
      expect([chosen.status, await chosen.json()]).toEqual([200, { id: idA, number: mobile(9), chosen: idA }]);
      expect(r.urls[1]).toBe(WEB.replace("{id}", encodeURIComponent(a.id)));
      expect(h.directory.chosenFor(mobile(9))).toBe(idA);
      const status = (await (
        await fetch(`${http.url}/api/m365/status`, { headers: { "x-bridge-token": token } })
      ).json()) as { signedIn: boolean; sync: { contacts: number } };
      expect(status).toMatchObject({ signedIn: true, sync: { contacts: 2 } });
    } finally {
      await http.close();
    }
  });
});

describe("CREATECARD", () => {
  it("the pane's form: name, company, note and e-mail go to the new Outlook contact", async () => {
    const r = await signedInWebBridge(h);
    const contact = await r.core.createContact("+380 44 222 33 44", {
      name: "Marta Koval",
      company: "Contoso",
      note: "new lead",
      email: "marta@contoso.test",
    });
    const created = h.graph.contact(contact.externalId!)!;
    expect(created).toMatchObject({
      displayName: "Marta Koval",
      companyName: "Contoso",
      personalNotes: "new lead",
      mobilePhone: "+380 44 222 33 44",
      emailAddresses: [{ address: "marta@contoso.test" }],
    });
    expect(h.directory.lookup("0442223344")).toMatchObject([{ id: contact.id, name: "Marta Koval", note: "new lead" }]);
  });

  it("creates the contact in the mailbox with the number, indexes it and opens it", async () => {
    h.graph.addContact({ displayName: "Someone", mobilePhone: mobile(1) });
    const r = await signedInWebBridge(h);
    await deliver(r, "CREATECARD^0501234567^");
    const created = [...h.graph.contacts.values()].find((c) => c.mobilePhone === "0501234567");
    expect(created).toMatchObject({ displayName: "New contact1", parentFolderId: h.graph.defaultFolderId });
    const local = h.directory.lookup("+380501234567");
    expect(local).toMatchObject([{ name: "New contact1", source: "outlook", externalId: created!.id }]);
    expect(r.urls).toEqual([WEB.replace("{id}", encodeURIComponent(created!.id))]);
    expect(r.events.some((e) => e.type === "contact-created")).toBe(true);
    // the next sync does not duplicate it
    await r.m365.syncNow();
    expect(h.directory.lookup("0501234567")).toHaveLength(1);
  });
});
