/**
 * A running sync shows how far it has come: the status (what GET /api/m365/status serves) carries `{ done }` while
 * the pass runs and nothing once it is over, and the tray says it in the user's language. The pass is held at the
 * directory's delta, after every personal contact is written, so the count is exact.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { trayView } from "../../../bridge/windows-app/tray-view.js";
import { mobile, startHarness, type Harness, webBridge } from "../harness.js";

let h: Harness;

beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

describe("a running sync's progress", () => {
  it("is in the status while the pass runs, counted page by page, and gone when it ends", async () => {
    for (let i = 0; i < 250; i++) h.graph.addContact({ displayName: `Person ${i}`, mobilePhone: mobile(i) });
    h.graph.addUser({ displayName: "Олена", mobilePhone: mobile(900) } as never);
    const release = h.graph.hold(/\/users\/delta$/);
    await h.signIn();
    const r = await webBridge(h, { sync: { pageSize: 100, directory: true } });
    const sync = r.m365.syncNow();
    while (!h.graph.log.some((e) => /\/users\/delta$/.test(e.path) && e.status === 0))
      await new Promise((resolve) => setTimeout(resolve, 5));

    const running = await r.m365.status();
    expect(running.sync).toMatchObject({ running: true, progress: { done: 250 } });
    expect(running.sync?.progress?.total).toBeUndefined();
    const tray = trayView("uk", { telefumRunning: true, m365: running, contacts: 250 });
    expect(tray.status).toContain("Синхронізація: 250 контактів");
    expect(trayView("ru", { telefumRunning: true, m365: running, contacts: 250 }).status).toContain(
      "Синхронизация: 250 контактов",
    );

    release();
    await sync;
    // The start's own pass and this request shared the held pass; the request's own pass follows it.
    let done = await r.m365.status();
    while (done.sync?.running) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      done = await r.m365.status();
    }
    expect(done.sync).toMatchObject({ running: false, contacts: 250, directory: 1 });
    expect(done.sync?.progress).toBeUndefined();
    expect(trayView("en", { telefumRunning: true, m365: done, contacts: 251 }).status.join("\n")).not.toMatch(
      /Syncing/,
    );
  });
});
