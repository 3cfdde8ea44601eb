/**
 * The team call log through real bridge processes (stdio transport) against the fake Graph's SharePoint: two
 * bridges as two users of one tenant write their calls to one list, exactly once, and each one's copy (its SQLite
 * file) holds the other's; a bridge killed while writing and a 429 storm lose nothing and double nothing; a user
 * without the site's grant gets the problem named; the bridge never filters on a column that is not indexed.
 */
import { describe, expect, it } from "vitest";
import { callHistory, until } from "../../support/stdio-bridge.js";
import { LIST, OLENA, PETRO, teamWorld } from "./team-world.js";

const world = teamWorld("team-log");
const { homeOf, start, copyOf, items, keysOnce } = world;
const graph = () => world.graph();
const siteId = () => world.siteId();

describe("the team call log", () => {
  it("two users' bridges write their calls once and each copy holds the other's", async () => {
    const olenaHome = await homeOf(OLENA);
    const petroHome = await homeOf(PETRO);
    const olena = await start(olenaHome);
    const petro = await start(petroHome);
    olena.send(callHistory(1, "missed"));
    olena.send(callHistory(2));
    petro.send(callHistory(3));
    await until("three rows in the list", () => items().length === 3);
    await until("both copies hold all three", () => copyOf(olenaHome).count === 3 && copyOf(petroHome).count === 3);
    expect(copyOf(olenaHome).keys).toEqual(copyOf(petroHome).keys);
    const byEmployee = items().map((i) => [i.employeeName, i.direction, i.answered]);
    expect(byEmployee).toEqual(
      expect.arrayContaining([
        ["Olena", "in", false],
        ["Olena", "out", true],
        ["Petro", "out", true],
      ]),
    );
    const missed = items().find((i) => i.answered === false)!;
    expect(missed.numberKey).toBe("+380672000001");
    expect(missed.callKey).toBe(`${OLENA.oid}|+380672000001|${missed.start}|in`);
    // The list was made with its indexes and a unique callKey.
    const columns = graph().sharePoint.list(siteId(), LIST)!.columns;
    expect(columns.find((c) => c.name === "callKey")).toMatchObject({ indexed: true, enforceUniqueValues: true });
    expect(columns.filter((c) => c.indexed).map((c) => c.name)).toEqual(
      expect.arrayContaining(["start", "numberKey", "employeeId", "direction", "answered"]),
    );
    expect(keysOnce()).toBe(true);
  }, 60_000);

  it("a returned call by the other user is in both copies", async () => {
    const olenaHome = await homeOf(OLENA);
    const petroHome = await homeOf(PETRO);
    const olena = await start(olenaHome);
    const petro = await start(petroHome);
    olena.send("CALLHISTORY^+380501234567^in^False^2026-11-25 09:00:00^0:00:00^^");
    await until("the missed call reaches Petro", () => copyOf(petroHome).count === 1);
    petro.send("CALLHISTORY^+380501234567^out^True^2026-11-25 09:30:00^0:02:10^^");
    await until("both copies hold both", () => copyOf(olenaHome).count === 2 && copyOf(petroHome).count === 2);
    const numberKeys = new Set(items().map((i) => i.numberKey));
    expect(numberKeys).toEqual(new Set(["+380501234567"]));
  }, 60_000);

  it("a bridge killed while writing leaves each call in the list once", async () => {
    const home = await homeOf(OLENA);
    let bridge = await start(home);
    // The answers of the first batches are lost after SharePoint applied them: the rows are there, the bridge
    // does not know it, and is killed.
    graph().inject({ method: "POST", path: /^\/v1\.0\/\$batch$/, status: 503, afterApply: true, times: 2 });
    for (let i = 0; i < 30; i++) bridge.send(callHistory(i));
    await until("some rows in the list", () => items().length > 0);
    await world.stop(bridge, "kill");
    bridge = await start(home);
    await until("all 30 in the list", () => items().length === 30, 30_000);
    await until("the copy holds them", () => copyOf(home).count === 30);
    expect(keysOnce()).toBe(true);
  }, 60_000);

  it("a 429 storm on the list is waited out: every call once, each batch after Retry-After", async () => {
    const home = await homeOf(OLENA);
    graph().inject({ path: /\/lists\/[^/]+\/items$/, method: "POST", status: 429, retryAfterSeconds: 1, times: 15 });
    const bridge = await start(home);
    for (let i = 0; i < 25; i++) bridge.send(callHistory(i));
    await until("all 25 in the list", () => items().length === 25, 40_000);
    expect(keysOnce()).toBe(true);
    // Inside one $batch the rows after a throttled one share its path and count as early; batches themselves wait.
    // The team's batches: those carrying list rows (the calendar events of the calls go in batches too).
    const log = graph().log;
    const rows = /\/lists\/[^/]+\/items$/;
    const batches = log.flatMap((r, i) =>
      r.path === "/v1.0/$batch" && log[i + 1]?.batched && rows.test(log[i + 1]!.path) ? [r.at] : [],
    );
    const gaps = batches.slice(1, 15).map((at, i) => at - batches[i]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(900);
  }, 60_000);

  it("100 new rows reach the other PC in one or two delta requests; no filter on a non-indexed column", async () => {
    const olenaHome = await homeOf(OLENA);
    const petroHome = await homeOf(PETRO);
    const olena = await start(olenaHome);
    const petro = await start(petroHome);
    await until("Petro has synced the empty list once", () =>
      petro.lines.some((l) => l.msg === "team call log synced"),
    );
    await world.stop(petro);
    for (let i = 0; i < 100; i++) olena.send(callHistory(i));
    await until("100 rows in the list", () => items().length === 100, 30_000);
    const before = graph().requests("GET", /\/items\/delta$/).length;
    const again = await start(petroHome);
    await until("Petro's copy holds 100", () => copyOf(petroHome).count === 100, 30_000);
    // The pass logs once it has ended, a moment after its rows are in the copy.
    const brought = (l: { msg: string; changed?: unknown }) =>
      l.msg === "team call log synced" && Number(l.changed) > 0;
    await until("Petro's pass is logged", () => again.lines.some(brought));
    const firstPass = again.lines.find(brought);
    expect(firstPass?.requests).toBeLessThanOrEqual(2);
    expect(graph().requests("GET", /\/items\/delta$/).length - before).toBeGreaterThanOrEqual(1);
    const indexed = new Set(
      graph()
        .sharePoint.list(siteId(), LIST)!
        .columns.filter((c) => c.indexed)
        .map((c) => c.name),
    );
    expect(
      graph()
        .sharePoint.itemQueries.flatMap((q) => q.columns)
        .filter((c) => !indexed.has(c)),
    ).toEqual([]);
  }, 90_000);

  it("without the site's grant the status names the problem and no call is lost", async () => {
    const home = await homeOf(OLENA, false);
    const bridge = await start(home);
    bridge.send(callHistory(1));
    await until("the site refused", () =>
      bridge.lines.some((l) => l.msg === "team call log: no access to the site" && l.problem === "siteDenied"),
    );
    expect(items()).toHaveLength(0);
    graph().sharePoint.grant(siteId(), OLENA.oid);
    await until("the call reaches the list once granted", () => items().length === 1, 30_000);
  }, 60_000);
});
