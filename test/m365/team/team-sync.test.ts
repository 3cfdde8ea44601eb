/**
 * What reaches the team list and the other PC's copy besides plain calls, through real bridge processes against the
 * fake SharePoint: a call's recording link (added to the row once the call outbox has uploaded it), an SMS sent from
 * the pane (kind "sms"), an item removed from the list (gone from the other copy), and a 410 on the delta (the copy
 * starts over: a row the list does not hold is gone).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { API } from "../../../bridge/api-contract/paths.js";
import { connect } from "../../../bridge/store/sqlite.js";
import { TeamCopy } from "../../../bridge/team/team-copy.js";
import { callHistory, until } from "../../support/stdio-bridge.js";
import { makeWav } from "../../support/wav.js";
import { LIST, OLENA, PETRO, teamWorld } from "./team-world.js";

const world = teamWorld("team-sync");
const { homeOf, start, startWithHttp, copyOf, items } = world;
const graph = () => world.graph();

/** Olena's and Petro's bridges, both synced once. */
async function office(olenaConfig: Record<string, unknown> = {}) {
  const olenaHome = await homeOf(OLENA, true, olenaConfig);
  const petroHome = await homeOf(PETRO);
  return { olenaHome, petroHome };
}

describe("the team list and the other copy", () => {
  it("a recording uploaded by the call outbox: its link reaches the row and the other PC's copy", async () => {
    const { olenaHome, petroHome } = await office({ calls: { recording: "wav" } });
    const olena = await start(olenaHome);
    await start(petroHome);
    mkdirSync(join(olenaHome, "recordings"));
    const file = join(olenaHome, "recordings", "rec.wav");
    writeFileSync(file, makeWav(1, 8_000));
    olena.send(`CALLHISTORY^+380501234567^in^True^2026-11-25 10:00:00^0:00:01^${file}^`);
    await until("the recording is shared", () => graph().links.length === 1, 30_000);
    const { webUrl } = graph().links[0]!;
    await until("the row has the link", () => items()[0]?.recordingUrl === webUrl, 30_000);
    await until("Petro's copy has it", () => copyOf(petroHome).rows[0]?.recording_url === webUrl, 30_000);
    expect(copyOf(olenaHome).rows.map((r) => r.recording_url)).toEqual([webUrl]);
    // One row, written once and then given its link by one PATCH.
    expect(items()).toHaveLength(1);
    expect(graph().requests("PATCH", /\/items\/[^/]+\/fields$/)).toHaveLength(1);
  }, 90_000);

  it("an SMS sent from the pane is a row of kind sms in the list and in the other copy", async () => {
    const { olenaHome, petroHome } = await office();
    const olena = await startWithHttp(olenaHome);
    await start(petroHome);
    const [status] = await olena.api("POST", API.sms, { number: "0501234567", text: "Передзвоню о 15:00", device: 2 });
    expect(status).toBe(200);
    await until("the SMS in Petro's copy", () => copyOf(petroHome).count === 1, 30_000);
    expect(copyOf(petroHome).rows[0]).toMatchObject({ kind: "sms", employee_name: "Olena" });
    expect(items()[0]).toMatchObject({
      kind: "sms",
      number: "0501234567",
      numberKey: "+380501234567",
      direction: "out",
      notes: "Передзвоню о 15:00",
      device: 2,
      durationSeconds: 0,
    });
  }, 90_000);

  it("an item removed from the list is removed from the other copy", async () => {
    const { olenaHome, petroHome } = await office();
    const olena = await start(olenaHome);
    await start(petroHome);
    olena.send(callHistory(1));
    olena.send(callHistory(2));
    await until("both in Petro's copy", () => copyOf(petroHome).count === 2, 30_000);
    const gone = items()[0]!;
    graph().sharePoint.deleteItem(world.siteId(), LIST, gone.id as string);
    await until("removed from Petro's copy", () => copyOf(petroHome).count === 1, 30_000);
    expect(copyOf(petroHome).keys).toEqual([items()[0]!.callKey]);
    await until("and from Olena's", () => copyOf(olenaHome).count === 1, 30_000);
  }, 90_000);

  it("a 410 on the delta starts the copy over: it ends holding exactly what the list holds", async () => {
    const { olenaHome, petroHome } = await office();
    const olena = await start(olenaHome);
    const petro = await start(petroHome);
    olena.send(callHistory(1));
    olena.send(callHistory(2));
    await until("both in Petro's copy", () => copyOf(petroHome).count === 2, 30_000);
    await world.stop(petro);
    // While Petro is off: a row his copy holds but the list never will, and every delta token grows too old.
    const db = connect(join(petroHome, "bridge.db"));
    const stale = new TeamCopy(db);
    stale.apply([
      { ...stale.recent(1)[0]!, itemId: "stale-1", callKey: "stale|key", modifiedAt: new Date().toISOString() },
    ]);
    db.close();
    expect(copyOf(petroHome).count).toBe(3);
    graph().sharePoint.invalidateDelta(world.siteId(), LIST);
    const again = await start(petroHome);
    await until("Petro's pass restarted", () =>
      again.lines.some((l) => l.msg === "team call log synced" && l.restarted),
    );
    expect(copyOf(petroHome).keys).toEqual(
      items()
        .map((i) => i.callKey)
        .sort(),
    );
    expect(
      graph()
        .requests("GET", /\/items\/delta$/)
        .some((r) => r.status === 410),
    ).toBe(true);
  }, 90_000);
});
