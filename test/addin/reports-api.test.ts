/**
 * /api/reports and /api/reports/export through a real bridge (HTTPS, the pairing token, the guard) on a store
 * filled with the hand-made logs of test/reports: the JSON report of either log, the files, and the refusals.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API } from "../../bridge/api-contract/paths.js";
import { selfSignedPaths } from "../../bridge/addin-api/addin-tls.js";
import { tokenPath } from "../../bridge/http/local-api-guard.js";
import { startContextBridge, type ContextBridge } from "../context/context-bridge.js";
import { fillOwnLog, fillTeamLog } from "../reports/report-fixtures.js";
import { rawRequest, type RawResponse } from "./helpers.js";

let dir: string;
let t: ContextBridge;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "reports-api-"));
  t = await startContextBridge(dir, {});
  fillOwnLog(fillTeamLog(t.bridge.db));
}, 30_000);

afterAll(async () => {
  await t?.bridge.stop();
  rmSync(dir, { recursive: true, force: true });
});

const NOVEMBER = "from=2026-11-01&to=2026-11-30";

function download(query: string): Promise<RawResponse> {
  return rawRequest(`${t.url}${API.reportsExport}?${query}`, {
    headers: { "x-bridge-token": readFileSync(tokenPath(dir), "utf8").trim() },
    ca: readFileSync(selfSignedPaths(dir).ca),
  });
}

describe("the reports API", () => {
  it("answers the team's report and this PC's own, with how many rows the team copy holds", async () => {
    const [status, answer] = await t.api("GET", `${API.reports}?${NOVEMBER}&scope=team`);
    expect(status).toBe(200);
    expect(answer).toMatchObject({
      teamRows: 12,
      report: {
        from: "2026-11-01",
        to: "2026-11-30",
        scope: "team",
        totals: { calls: 9, missed: 4, unreturnedMissed: 2, talkSeconds: 965, medianCallbackSeconds: 900 },
      },
    });
    const [, own] = await t.api("GET", `${API.reports}?${NOVEMBER}`);
    expect((own as { report: { scope: string; totals: object } }).report).toMatchObject({
      scope: "me",
      totals: { calls: 4, incoming: 3, missed: 2, unreturnedMissed: 1, missedPercent: 66.7 },
    });
  });

  it("refuses a date that is none, a reversed period and an unknown scope", async () => {
    expect(await t.api("GET", `${API.reports}?from=2026-02-30&to=2026-03-01`)).toEqual([
      400,
      { error: "from must be a date YYYY-MM-DD", reason: "BAD_QUERY" },
    ]);
    expect(await t.api("GET", `${API.reports}?from=2026-12-01&to=2026-11-01`)).toEqual([
      400,
      { error: "The period starts (2026-12-01) after it ends (2026-11-01)", reason: "BAD_QUERY" },
    ]);
    expect(await t.api("GET", `${API.reports}?${NOVEMBER}&scope=all`)).toEqual([
      400,
      { error: "scope must be me or team", reason: "BAD_QUERY" },
    ]);
  });

  it("exports CSV with a BOM in the pane's language, and an Excel workbook that reads back", async () => {
    const csv = await download(`${NOVEMBER}&scope=team&format=csv&lang=uk`);
    expect(csv.status).toBe(200);
    expect(csv.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(csv.headers["content-disposition"]).toBe('attachment; filename="team-calls-2026-11-01-2026-11-30.csv"');
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.body).toContain("\r\nОлена Коваль;5;3;2;2;1;220\r\n");

    const xlsx = await download(`${NOVEMBER}&format=xlsx&lang=en`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers["content-disposition"]).toBe('attachment; filename="calls-2026-11-01-2026-11-30.xlsx"');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Uint8Array.from(xlsx.bytes).buffer);
    const totals = workbook.getWorksheet("Totals");
    expect(totals?.getRow(4).values).toEqual([undefined, "Calls", 4]);
    expect(totals?.getRow(11).values).toEqual([undefined, "Median time to call back, s", 90]);

    const refused = await download(`${NOVEMBER}&format=pdf`);
    expect([refused.status, refused.json()]).toEqual([
      400,
      { error: "format must be csv or xlsx", reason: "BAD_QUERY" },
    ]);
  });
});
