/**
 * The team log's settings from the pane (PUT /api/team/settings) on a real bridge process against the fake Graph:
 * saved into config.json with every other setting as it was, applied without a restart (the team room runs
 * against the new site and list), a bad address or list name refused 400 with its reason, config.json untouched.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { TEAM_SETTINGS } from "../../../bridge/api-contract/paths.js";
import { callHistory, until } from "../../support/stdio-bridge.js";
import { LIST, OLENA, SITE, teamWorld } from "./team-world.js";

const world = teamWorld("team-settings");
const { homeOf, startWithHttp, items } = world;

const configOf = (home: string) => JSON.parse(readFileSync(join(home, "config.json"), "utf8"));

describe("the team log's settings from the pane", () => {
  it("a saved site goes into config.json (nothing else changed) and the team room uses it at once", async () => {
    // Signed in with the team log off: no site yet, a list name of its own.
    const home = await homeOf(OLENA, true, { team: { list: LIST } });
    const bridge = await startWithHttp(home);
    const before = configOf(home);
    expect((await bridge.api("GET", TEAM_SETTINGS))[1]).toEqual({
      site: "",
      list: LIST,
      shareNotes: true,
      managed: [],
    });

    const [status, answer] = await bridge.api("PUT", TEAM_SETTINGS, {
      site: `${SITE}/`,
      list: LIST,
      shareNotes: false,
    });
    expect(status, JSON.stringify(answer)).toBe(200);
    expect(answer).toMatchObject({ site: SITE, list: LIST, shareNotes: false, managed: [], team: { enabled: true } });
    const after = configOf(home);
    expect(after.microsoft365.team).toEqual({ list: LIST, site: SITE, shareNotes: false });
    // Every other setting as it was, in the file and in the section.
    expect({ ...after, microsoft365: { ...after.microsoft365, team: undefined } }).toEqual({
      ...before,
      microsoft365: { ...before.microsoft365, team: undefined },
    });

    // No restart: the call goes to the list on the new site, and the copy and /api/status follow.
    bridge.send(callHistory(1));
    await until("the call reaches the team list", () => items().length === 1, 30_000);
    expect(items()[0]).toMatchObject({ employeeName: OLENA.name });
    const team = async () => ((await bridge.api("GET", "/api/status"))[1] as { team?: unknown }).team;
    await expect.poll(team, { timeout: 20_000 }).toMatchObject({ enabled: true, site: SITE, list: LIST, rows: 1 });
    expect(world.graph().log.some((r) => r.path.includes("/lists/") && r.method === "POST")).toBe(true);
  }, 90_000);

  it("another list: the copy starts over from that list, and the rows go there", async () => {
    const home = await homeOf(OLENA);
    const bridge = await startWithHttp(home);
    bridge.send(callHistory(1));
    await until("the first list's row is in the copy", () => world.copyOf(home).count === 1, 30_000);

    const other = "Дзвінки офісу";
    const [status] = await bridge.api("PUT", TEAM_SETTINGS, { site: SITE, list: other, shareNotes: true });
    expect(status).toBe(200);
    expect(configOf(home).microsoft365.team).toMatchObject({ site: SITE, list: other, shareNotes: true });
    bridge.send(callHistory(2));
    const otherItems = () => world.graph().sharePoint.items(world.siteId(), other) as Record<string, unknown>[];
    await until("the new call reaches the other list", () => otherItems().length === 1, 30_000);
    // The copy holds the other list's rows only: the first list's row went with the restart.
    await until("the copy is the other list's", () => {
      const copy = world.copyOf(home);
      return copy.count === 1 && copy.keys[0] === otherItems()[0]!.callKey;
    });
    expect(items()).toHaveLength(1);
  }, 90_000);

  it("a site that is not an https address, or an empty list name, is refused 400; config.json untouched", async () => {
    const home = await homeOf(OLENA);
    const bridge = await startWithHttp(home);
    const before = readFileSync(join(home, "config.json"), "utf8");
    for (const site of ["http://contoso.sharepoint.com/sites/office", "contoso.sharepoint.com", "https://"]) {
      const [status, answer] = await bridge.api("PUT", TEAM_SETTINGS, { site, list: LIST, shareNotes: true });
      expect([status, answer], site).toEqual([400, { error: expect.stringContaining("https://"), reason: "BAD_SITE" }]);
    }
    for (const list of ["   ", "x".repeat(256)]) {
      const [status, answer] = await bridge.api("PUT", TEAM_SETTINGS, { site: SITE, list, shareNotes: true });
      expect([status, answer]).toEqual([400, { error: '"list" must be 1-255 characters', reason: "BAD_LIST" }]);
    }
    expect(readFileSync(join(home, "config.json"), "utf8")).toBe(before);
  }, 60_000);
});
