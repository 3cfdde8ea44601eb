/**
 * "My calls" once Microsoft 365 is signed in: the report reads this user's rows of the team copy by the signed-in
 * account's Graph id (real bridge processes, fake SharePoint), so a miss a colleague returned from another PC counts
 * as returned; signed out, "my calls" are this PC's own log again, and each answer says which log it read.
 */
import { describe, expect, it } from "vitest";
import { API } from "../../../bridge/api-contract/paths.js";
import { until } from "../../support/stdio-bridge.js";
import { OLENA, PETRO, teamWorld } from "./team-world.js";

const world = teamWorld("team-report");
const { homeOf, start, startWithHttp, copyOf } = world;

const NOVEMBER = "from=2026-11-01&to=2026-11-30";

describe("a report of my calls with the team log on", () => {
  it("reads my rows of the team copy by my Graph id, and this PC's log once signed out", async () => {
    const olenaHome = await homeOf(OLENA);
    const petroHome = await homeOf(PETRO);
    const olena = await startWithHttp(olenaHome);
    const petro = await start(petroHome);
    olena.send("CALLHISTORY^+380501234567^in^False^2026-11-25 09:00:00^0:00:00^^");
    olena.send("CALLHISTORY^+380931112233^out^True^2026-11-25 10:00:00^0:01:05^^");
    await until("Olena's calls reach Petro", () => copyOf(petroHome).count === 2, 30_000);
    petro.send("CALLHISTORY^+380501234567^out^True^2026-11-25 09:30:00^0:02:10^^");
    await until("Petro's call back reaches Olena", () => copyOf(olenaHome).count === 3, 30_000);

    const [status, mine] = await olena.api("GET", `${API.reports}?${NOVEMBER}&scope=me`);
    expect(status).toBe(200);
    expect(mine).toMatchObject({
      log: "team",
      teamRows: 3,
      report: {
        scope: "me",
        totals: { calls: 2, incoming: 1, outgoing: 1, missed: 1, unreturnedMissed: 0, medianCallbackSeconds: 1800 },
        byEmployee: [{ employeeId: OLENA.oid, employeeName: OLENA.name, calls: 2, talkSeconds: 65 }],
      },
    });
    const [, team] = await olena.api("GET", `${API.reports}?${NOVEMBER}&scope=team`);
    expect(team).toMatchObject({ log: "team", report: { scope: "team", totals: { calls: 3 } } });

    expect((await olena.api("POST", API.m365SignOut, {}))[0]).toBe(200);
    const [, own] = await olena.api("GET", `${API.reports}?${NOVEMBER}&scope=me`);
    // This PC's log alone does not know Petro's call back.
    expect(own).toMatchObject({
      log: "own",
      report: { scope: "me", totals: { calls: 2, missed: 1, unreturnedMissed: 1, medianCallbackSeconds: null } },
    });
    expect((own as { report: { byEmployee: { employeeId: string }[] } }).report.byEmployee[0]?.employeeId).toBe("");
  }, 60_000);
});
