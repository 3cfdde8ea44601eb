/**
 * The team call log's status where people read it: /api/status (the pane) and `bridge status` (another process,
 * after the bridge stopped), with the problem as a code and its text from the catalogs in the bridge's language,
 * naming what the admin must do: grant the app the site, or check the site's address.
 */
import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { status as statusEndpoint } from "../../../bridge/api-contract/directory-endpoints.js";
import { API } from "../../../bridge/api-contract/paths.js";
import { runCliAsync } from "../../support/built-cli.js";
import { callHistory, GRAPH_CA, until } from "../../support/stdio-bridge.js";
import { LIST, OLENA, SITE, teamConfig, teamWorld } from "./team-world.js";

const world = teamWorld("team-status");
const { homeOf, start, startWithHttp, configure, items } = world;

async function bridgeStatus(home: string): Promise<Record<string, unknown>> {
  const result = await runCliAsync(world.cli(), ["status", "--home", home], GRAPH_CA);
  expect(result.status, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as Record<string, unknown>;
}

type Status = v.InferOutput<typeof statusEndpoint.answer>;

describe("the team call log's status", () => {
  it("a site not granted: /api/status and bridge status say so in Ukrainian; granted, the problem goes", async () => {
    const home = await homeOf(OLENA, false);
    configure(home, { language: "uk" });
    const bridge = await startWithHttp(home);
    bridge.send(callHistory(1));
    let status: Status | undefined;
    const problem = async () => {
      status = (await bridge.api("GET", API.status))[1] as Status;
      return status.team?.problem;
    };
    await expect.poll(problem, { timeout: 20_000 }).toBe("siteDenied");
    expect(v.is(statusEndpoint.answer, status)).toBe(true);
    expect(status!.team).toMatchObject({ enabled: true, site: SITE, list: "TelefUM calls", rows: 0 });
    expect(status!.team!.problemText).toContain(`не має доступу до сайту ${SITE}: адміністратор має надати`);
    await world.stop(bridge);
    const cli = await bridgeStatus(home);
    expect(cli.team).toMatchObject({ problem: "siteDenied", problemText: status!.team!.problemText, rows: 0 });

    world.graph().sharePoint.grant(world.siteId(), OLENA.oid);
    const again = await startWithHttp(home);
    await until("the call reaches the list once granted", () => items().length === 1, 30_000);
    const team = async () => ((await again.api("GET", API.status))[1] as Status).team;
    await expect.poll(team, { timeout: 20_000 }).toMatchObject({ rows: 1, lastSync: expect.any(String) });
    expect(await team()).not.toHaveProperty("problem");
  }, 90_000);

  it("a site that is not there: the status says to check the address, in English", async () => {
    const home = await homeOf(OLENA, true, {
      ...teamConfig(),
      team: { site: "https://contoso.sharepoint.com/sites/ofice", list: "TelefUM calls" },
    });
    configure(home, { language: "en" });
    const bridge = await start(home);
    await until("the site is not found", () => bridge.lines.some((l) => l.problem === "siteNotFound"));
    await world.stop(bridge);
    const cli = await bridgeStatus(home);
    expect(cli.team).toMatchObject({ problem: "siteNotFound", site: "https://contoso.sharepoint.com/sites/ofice" });
    expect(String((cli.team as { problemText: string }).problemText)).toMatch(
      /^The team site https:\/\/contoso\.sharepoint\.com\/sites\/ofice was not found: check the site address/,
    );
  }, 60_000);

  it("a row the list refuses (400) is parked, tried again with backoff; the rows behind it are written", async () => {
    const retry = { ...teamConfig().retry, outboxBaseSeconds: 4, outboxMaxSeconds: 8 };
    const home = await homeOf(OLENA, true, { retry });
    configure(home, { language: "en" });
    const refusedNumber = "+380672000005";
    const bridge = await startWithHttp(home);
    await until("the bridge made the list", () => world.graph().sharePoint.list(world.siteId(), LIST) !== undefined);
    const tries: number[] = [];
    // An admin's validation rule on the list refuses one number: SharePoint answers that row 400, the others 201.
    world.graph().sharePoint.validate(world.siteId(), LIST, (fields) => {
      if (fields.number !== refusedNumber) return true;
      tries.push(Date.now());
      return false;
    });
    for (let i = 0; i < 20; i++) bridge.send(callHistory(i));
    await until("19 of 20 in the list", () => items().length === 19 && tries.length >= 1, 30_000);
    for (let i = 20; i < 25; i++) bridge.send(callHistory(i));
    await until("the rows behind it are written", () => items().length === 24, 30_000);
    const team = async () => ((await bridge.api("GET", API.status))[1] as Status).team;
    await expect.poll(team, { timeout: 20_000 }).toMatchObject({ refusedRows: 1, problem: "rowsRefused" });
    expect((await team())!.problemText).toMatch(/^SharePoint refused 1 of this PC's rows/);
    await until("tried three times", () => tries.length >= 3, 40_000);
    const gaps = tries.slice(1).map((at, i) => at - tries[i]!);
    expect(gaps[0]).toBeGreaterThanOrEqual(3_900);
    expect(gaps[1]).toBeGreaterThanOrEqual(7_900);
    expect(bridge.lines.filter((l) => l.msg === "team list refused a row")[0]).toMatchObject({
      status: 400,
      error: "List data validation failed.",
    });

    world.graph().sharePoint.validate(world.siteId(), LIST, undefined);
    await until("the refused row is written at last", () => items().length === 25, 30_000);
    expect(world.keysOnce()).toBe(true);
    await expect.poll(async () => (await team())?.refusedRows, { timeout: 20_000 }).toBeUndefined();
    expect(await team()).not.toHaveProperty("problem");
  }, 120_000);
});
