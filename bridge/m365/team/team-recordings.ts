/**
 * The recording link reaches the team row after the row itself: the call goes to the list at once (a missed call
 * must not wait for an upload), and once the call outbox has uploaded the recording (its row's `recording.url`
 * step) a PATCH of the item's fields adds the link. Nothing new is kept: what is left to do is read each pass from
 * the outbox's steps and this PC's copy (a row of ours without the link the outbox has), so a lost PATCH or a
 * restart is simply done again, and the copy takes the link at once.
 */
import type { Client } from "@microsoft/microsoft-graph-client";
import type { CallRecord } from "../../calls/call-record.js";
import { all } from "../../store/query.js";
import type { Database } from "../../store/sqlite.js";
import type { TeamCopy } from "../../team/team-copy.js";
import { graphStatus } from "../graph-client.js";
import type { TeamListRef } from "./team-list.js";
import type { Employee, TeamRows } from "./team-rows.js";

/** Uploads older than this are not looked at again (the outbox prunes its rows; a pass reads a bounded set). */
const RECENT_MS = 7 * 24 * 60 * 60 * 1000;
const PER_PASS = 100;

export class TeamRecordings {
  constructor(
    private readonly db: Database,
    private readonly copy: TeamCopy,
    private readonly rows: TeamRows,
  ) {}

  /** PATCHes the links the list lacks; how many. */
  async send(client: Client, list: TeamListRef, employee: Employee): Promise<number> {
    const since = new Date(Date.now() - RECENT_MS).toISOString();
    const uploaded = all<{ call: string; url: string }>(
      this.db.prepare(
        "SELECT call, json_extract(steps, '$.recording.url') AS url FROM m365_outbox " +
          "WHERE created_at > ? AND json_extract(steps, '$.recording.url') IS NOT NULL ORDER BY id",
      ),
      since,
    );
    let sent = 0;
    for (const { call, url } of uploaded) {
      const row = this.copy.byCallKey(this.rows.callKey(JSON.parse(call) as CallRecord, employee));
      if (!row || row.recordingUrl === url) continue;
      try {
        await client.api(`${list.base}/items/${encodeURIComponent(row.itemId)}/fields`).patch({ recordingUrl: url });
      } catch (error) {
        // Removed from the list meanwhile: the next delta removes it from the copy too.
        if (graphStatus(error) !== 404) throw error;
        continue;
      }
      this.copy.apply([{ ...row, recordingUrl: url, modifiedAt: new Date().toISOString() }]);
      if (++sent >= PER_PASS) break;
    }
    return sent;
  }
}
