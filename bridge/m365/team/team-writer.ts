/**
 * Writes this PC's pending rows to the team list, 20 per `$batch`, each exactly once: a row whose callKey is
 * already in the list (a lost answer, a bridge killed mid-batch) is refused by SharePoint's unique column, which
 * means "written". A mark moves only past rows the list took or that were parked (refused for good, tried again with
 * backoff: team-parked.ts); a throttled or failed row stops the pass, its Retry-After given to the bridge's one
 * throttle, and is sent again by the next pass.
 */
import type { Client } from "@microsoft/microsoft-graph-client";
import type { Logger } from "../../log/log.js";
import type { GraphThrottle } from "../graph-throttle.js";
import { fieldsOf } from "./team-fields.js";
import type { TeamListRef } from "./team-list.js";
import type { Employee, PendingRow, TeamRows } from "./team-rows.js";

export interface WriteReport {
  written: number;
  alreadyThere: number;
  refused: number;
  batches: number;
  /** Rows wait: Graph said to come back after this many seconds (or the throttle's own pause). */
  waitSeconds?: number;
}

interface BatchAnswer {
  responses: { id: string; status: number; headers?: Record<string, string>; body?: unknown }[];
}

const BATCH = 20;

export class TeamWriter {
  constructor(
    private readonly client: Client,
    private readonly rows: TeamRows,
    private readonly throttle: GraphThrottle,
    private readonly log: Logger,
  ) {}

  async pass(list: TeamListRef, employee: Employee): Promise<WriteReport> {
    const report: WriteReport = { written: 0, alreadyThere: 0, refused: 0, batches: 0 };
    for (;;) {
      const pending = this.rows.pending(employee);
      if (pending.length === 0) return report;
      for (let at = 0; at < pending.length; at += BATCH) {
        if (!(await this.batch(list, pending.slice(at, at + BATCH), report))) return report;
      }
    }
  }

  /** One $batch; false when a row could not be written now (the pass ends). */
  private async batch(list: TeamListRef, rows: PendingRow[], report: WriteReport): Promise<boolean> {
    const requests = rows.map((row, i) => ({
      id: String(i + 1),
      method: "POST",
      url: `${list.base}/items`,
      headers: { "Content-Type": "application/json" },
      body: { fields: fieldsOf(row.fields) },
    }));
    report.batches++;
    const answer = (await this.client.api("/$batch").post({ requests })) as BatchAnswer;
    const status = new Map(answer.responses.map((r) => [r.id, r]));
    let stopped = false;
    for (const [i, row] of rows.entries()) {
      if (stopped) break;
      const reply = status.get(String(i + 1));
      const code = reply?.status ?? 0;
      if (code === 201 || code === 200 || code === 409) {
        // 409: the unique callKey is already there (a lost answer, a bridge killed mid-batch): written.
        if (code === 409) report.alreadyThere++;
        else report.written++;
        this.rows.written(row);
      } else if (code >= 400 && code < 500 && code !== 429 && code !== 408) {
        const error = (reply?.body as { error?: { message?: string } } | undefined)?.error?.message;
        this.log("error", "team list refused a row", { callKey: row.fields.callKey, status: code, error });
        // Parked with its own backoff so the rows behind it go on; when too many wait, the queue stops here.
        if (this.rows.refused(row, code)) report.refused++;
        else stopped = true;
      } else {
        // Rows go oldest first and nothing after a waiting row counts, so a mark never passes a row not written.
        report.waitSeconds = this.held(reply?.headers, code);
        stopped = true;
      }
    }
    return !stopped;
  }

  /** A throttled or failing row: the one throttle holds every request for Retry-After (or its own backoff). */
  private held(headers: Record<string, string> | undefined, code: number): number {
    const after = Number(headers?.["Retry-After"] ?? headers?.["retry-after"]);
    if (Number.isFinite(after) && after > 0) this.throttle.throttled(after);
    else this.throttle.failed(code === 429 ? "throttled" : "graphDown");
    this.log("warn", "team list: rows wait", {
      status: code,
      retryAfterSeconds: Number.isFinite(after) ? after : null,
    });
    return this.throttle.waitSeconds();
  }
}
