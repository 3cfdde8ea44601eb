/** The module as a whole: the first sync takes the demo contacts out; lookups never wait for Graph. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CallLog } from "../../bridge/calls/call-log.js";
import { BridgeCore } from "../../bridge/core/bridge-core.js";
import { silentLogger } from "../../bridge/log/log.js";
import { attachMicrosoft365 } from "../../bridge/m365/index.js";
import { parseM365Config } from "../../bridge/m365/config.js";
import { seedDemoContacts } from "../../bridge/directory/demo-contacts.js";
import { LoopbackTransport } from "../../bridge/transport/loopback.js";
import { mobile, startHarness, type Harness, signedInWebBridge, deliver } from "./harness.js";

let h: Harness;

beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

describe("demo contacts", () => {
  it("are removed by the first Microsoft 365 sync and never come back", async () => {
    expect(seedDemoContacts(h.directory)).toBe(5);
    h.graph.addContact({ displayName: "Anna", mobilePhone: mobile(1) });
    await signedInWebBridge(h);
    expect(h.directory.count("local")).toBe(0);
    expect(h.directory.lookup("0675355355")).toEqual([]);
    expect(h.directory.count("outlook")).toBe(1);
    expect(seedDemoContacts(h.directory)).toBe(0);
  });
});

describe("lookups never wait for Graph", () => {
  it("CONTACT? is answered from the index while a sync hangs on Graph", async () => {
    h.graph.addContact({ displayName: "Anna", mobilePhone: mobile(1) });
    const r = await signedInWebBridge(h);
    const release = h.graph.hold(/contacts\/delta$/);
    const sync = r.m365.syncNow();
    while (!h.graph.log.some((e) => /contacts\/delta$/.test(e.path) && e.status === 0))
      await new Promise((res) => setTimeout(res, 5));
    await deliver(r, `CONTACT?^${mobile(1)}^1^1^`);
    expect(r.transport.sent.at(-1)).toMatch(/^CONTACT\^.*Anna/);
    expect((await r.m365.status()).sync).toMatchObject({ running: true });
    release();
    await sync;
  });

  it("an absent or disabled section leaves the bridge as it was", async () => {
    const transport = new LoopbackTransport();
    const core = new BridgeCore({ directory: h.directory, callLog: new CallLog(h.db), transport });
    for (const section of [undefined, { enabled: false }]) {
      const config = parseM365Config(section);
      const m365 = await attachMicrosoft365({
        config,
        dataDir: h.dir,
        recordings: { folders: [h.dir], maxBytes: 1024 },
        db: h.db,
        directory: h.directory,
        core,
        log: silentLogger,
      });
      expect(m365.enabled).toBe(false);
      // What is missing for it to work: the administrator's client id.
      expect(await m365.status()).toEqual({ enabled: false, signedIn: false, missing: "clientId" });
      await expect(m365.syncNow()).rejects.toThrow(/not configured/);
    }
  });
});
