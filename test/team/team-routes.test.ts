/**
 * GET /api/team/history and /api/team/missed through the built bridge as a real process, its bridge.db holding team
 * rows applied before it started (as the delta sync leaves them); and an empty copy with no team log: enabled false.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../bridge/store/sqlite.js";
import { TeamCopy } from "../../bridge/team/team-copy.js";
import { type BuiltBridge, buildBridge, startCli } from "../support/built-cli.js";
import { useTempDir } from "../support/temp-dir.js";
import { IGOR, teamRow } from "./team-rows.js";

const tempDir = useTempDir("team-routes-");
let build: BuiltBridge;

beforeAll(async () => {
  build = await buildBridge("team-routes");
}, 180_000);
afterAll(() => build?.dispose());

/** Starts the bridge on `home` and answers a GET with its pairing token as [status, body]. */
async function bridgeOn(home: string) {
  writeFileSync(join(home, "config.json"), JSON.stringify({ seedDemo: false, addin: { tls: "off" } }));
  const bridge = await startCli(
    build.cli,
    ["--home", home, "--port", "0", "--transport", "simulator"],
    (line) => line.msg === "local web server listening",
  );
  const url = String(bridge.readyLine.url);
  const token = readFileSync(join(home, "addin-token"), "utf8").trim();
  return {
    async get(path: string): Promise<[number, unknown]> {
      const response = await fetch(`${url}${path}`, { headers: { "x-bridge-token": token } });
      return [response.status, await response.json()];
    },
    async stop() {
      bridge.child.kill("SIGTERM");
      await bridge.exited;
    },
  };
}

describe("the team views of a real bridge process", () => {
  it("answer the copy's rows: the caller's history by any written form, the open missed calls", async () => {
    const home = tempDir();
    const today = new Date();
    const day = (offset: number, time: string) => {
      const d = new Date(today.getFullYear(), today.getMonth(), today.getDate() + offset);
      const pad = (n: number) => String(n).padStart(2, "0");
      return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${time}`;
    };
    const rows = [
      teamRow(day(-1, "09:00"), { itemId: "talk", durationSeconds: 240, notes: "Просив рахунок" }),
      teamRow(day(0, "08:12"), { itemId: "missed", ...IGOR, answered: false, contactName: "Вася Петров" }),
      teamRow(day(0, "08:00"), { itemId: "gone", numberKey: "+380501112233", answered: false }),
      teamRow(day(0, "08:05"), { itemId: "back", numberKey: "+380501112233", direction: "out", ...IGOR }),
    ];
    const db = openDatabase(join(home, "bridge.db"));
    new TeamCopy(db).apply(rows);
    db.close();
    const bridge = await bridgeOn(home);
    try {
      const [status, history] = await bridge.get(`/api/team/history?number=${encodeURIComponent("(067) 535-53-55")}`);
      expect(status).toBe(200);
      expect(history).toEqual({ enabled: true, calls: [rows[1], rows[0]] });
      const [, one] = await bridge.get("/api/team/history?number=%2B380675355355&limit=1");
      expect(one).toEqual({ enabled: true, calls: [rows[1]] });
      expect(await bridge.get("/api/team/missed")).toEqual([200, { enabled: true, calls: [rows[1]] }]);
      expect(await bridge.get("/api/team/history?number=abc")).toEqual([
        400,
        { error: '"abc" is not a phone number', reason: "BAD_NUMBER", params: { value: "abc" } },
      ]);
    } finally {
      await bridge.stop();
    }
  }, 60_000);

  it("with no team log and an empty copy: empty lists, enabled false", async () => {
    const bridge = await bridgeOn(tempDir());
    try {
      expect(await bridge.get("/api/team/missed")).toEqual([200, { enabled: false, calls: [] }]);
      expect(await bridge.get("/api/team/history?number=0675355355")).toEqual([200, { enabled: false, calls: [] }]);
    } finally {
      await bridge.stop();
    }
  }, 60_000);
});
