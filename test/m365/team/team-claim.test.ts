/**
 * "I'll call back" through two real bridge processes with their local web servers: a claim on one PC is in its copy
 * at once, reaches the list, and shows in the other PC's copy (its SQLite file) after that one's next sync; an item
 * no copy holds is 404 `team.unknown`, a claim while signed out 409 `team.off`, each in the one refusal shape.
 */
import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { ERROR_ANSWER } from "../../../bridge/api-contract/endpoint.js";
import { TEAM_CLAIM_ANSWER } from "../../../bridge/api-contract/team-claim-endpoints.js";
import { API, TEAM_CLAIM } from "../../../bridge/api-contract/paths.js";
import { callHistory, until } from "../../support/stdio-bridge.js";
import { OLENA, PETRO, teamWorld } from "./team-world.js";

const world = teamWorld("team-claim");
const { homeOf, start, startWithHttp, copyOf, items } = world;

describe("claiming a team call", () => {
  it("a claim on one PC shows in the other PC's copy; unknown 404, signed out 409", async () => {
    const olenaHome = await homeOf(OLENA);
    const petroHome = await homeOf(PETRO);
    const olena = await startWithHttp(olenaHome);
    const petro = await start(petroHome);
    petro.send(callHistory(7, "missed"));
    await until("Petro's missed call in Olena's copy", () => copyOf(olenaHome).count === 1, 30_000);
    await until("Petro's copy holds it too", () => copyOf(petroHome).count === 1);
    const { item_id: itemId } = copyOf(olenaHome).rows[0]!;

    const [status, answer] = await olena.api("POST", TEAM_CLAIM, { itemId });
    expect(status).toBe(200);
    expect(v.is(TEAM_CLAIM_ANSWER, answer)).toBe(true);
    const { claimedBy, claimedAt } = answer as { claimedBy: string; claimedAt: string };
    expect(claimedBy).toBe("Olena");
    expect(Math.abs(Date.parse(claimedAt) - Date.now())).toBeLessThan(30_000);
    // In this PC's copy at once, in the list once sent, in the other PC's copy after its next delta.
    expect(copyOf(olenaHome).claimedBy).toEqual(["Olena"]);
    await until("the list holds the claim", () => items()[0]?.claimedBy === "Olena", 20_000);
    expect(items()[0]).toMatchObject({ claimedBy: "Olena", claimedById: OLENA.oid, claimedAt });
    await until("Petro's copy shows Olena's claim", () => copyOf(petroHome).claimedBy[0] === "Olena", 20_000);
    expect(items()).toHaveLength(1);

    const [unknownStatus, unknown] = await olena.api("POST", TEAM_CLAIM, { itemId: "4711" });
    expect([unknownStatus, v.is(ERROR_ANSWER, unknown)]).toEqual([404, true]);
    expect(unknown).toMatchObject({ reason: "team.unknown" });

    const [outStatus] = await olena.api("POST", API.m365SignOut, {});
    expect(outStatus).toBe(200);
    const [offStatus, off] = await olena.api("POST", TEAM_CLAIM, { itemId });
    expect([offStatus, v.is(ERROR_ANSWER, off)]).toEqual([409, true]);
    expect(off).toMatchObject({ reason: "team.off" });
    // A body that is no item id is the one 400, as everywhere.
    const [badStatus, bad] = await olena.api("POST", TEAM_CLAIM, { itemId: "" });
    expect([badStatus, (bad as { reason?: string }).reason]).toEqual([400, "BAD_FIELD"]);
  }, 90_000);
});
