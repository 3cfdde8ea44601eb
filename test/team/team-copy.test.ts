import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../bridge/store/sqlite.js";
import { localStamp, type TeamCall } from "../../bridge/team/team-call.js";
import { TeamCopy } from "../../bridge/team/team-copy.js";

function call(overrides: Partial<TeamCall> = {}): TeamCall {
  const start = overrides.start ?? "2026-11-30T08:11:46Z";
  return {
    itemId: "1",
    callKey: "user-1|+380675355355|2026-11-30T08:11:46Z|in",
    kind: "call",
    start,
    startLocal: localStamp(start),
    durationSeconds: 192,
    direction: "in",
    answered: true,
    number: "0675355355",
    numberKey: "+380675355355",
    contactName: "Вася Петров",
    company: 'Агенство "Меридиан"',
    employeeName: "Олена Коваль",
    employeeId: "user-1",
    device: 1,
    line: 2,
    recordingUrl: "",
    notes: "Хороший человек",
    claimedBy: "",
    claimedById: "",
    claimedAt: null,
    modifiedAt: "2026-11-30T08:15:00Z",
    ...overrides,
  };
}

describe("the team call log's local copy, in a real SQLite file", () => {
  const copy = (): TeamCopy => new TeamCopy(openDatabase(join(mkdtempSync(join(tmpdir(), "team-copy-")), "bridge.db")));

  it("keeps what a delta brings, byte for byte, and forgets removed items", () => {
    const team = copy();
    team.apply([call(), call({ itemId: "2", callKey: "k2", answered: false, durationSeconds: 0 })]);
    expect(team.get("1")).toEqual(call());
    expect(team.count()).toBe(2);
    team.remove(["1", "404"]);
    expect(team.get("1")).toBeUndefined();
    expect(team.recent().map((c) => c.itemId)).toEqual(["2"]);
  });

  it("never lets an older change overwrite a newer one (a claim stays when an old page arrives late)", () => {
    const team = copy();
    const claimed = { claimedBy: "Ігор", claimedById: "user-2", claimedAt: "2026-11-30T09:00:00Z" };
    team.apply([call({ ...claimed, modifiedAt: "2026-11-30T09:00:01Z" })]);
    team.apply([call({ modifiedAt: "2026-11-30T08:15:00Z" })]);
    expect(team.get("1")).toMatchObject(claimed);
  });

  it("keeps one row per call key when the same call comes back under another item", () => {
    const team = copy();
    team.apply([call()]);
    team.apply([call({ itemId: "7", modifiedAt: "2026-12-01T00:00:00Z" })]);
    expect(team.count()).toBe(1);
    expect(team.get("7")?.callKey).toBe(call().callKey);
  });

  it("starts over empty when the delta must", () => {
    const team = copy();
    team.apply([call(), call({ itemId: "2", callKey: "k2" })]);
    team.clear();
    expect(team.count()).toBe(0);
  });
});
