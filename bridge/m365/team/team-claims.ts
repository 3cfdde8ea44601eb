/**
 * "I'll call back": the claim goes into this PC's copy at once and waits in the delta state (one entry per item, so
 * nothing grows) until a PATCH of the item's fields has reached the list.
 */
import type { Client } from "@microsoft/microsoft-graph-client";
import type { TeamCopy } from "../../team/team-copy.js";
import { graphStatus } from "../graph-client.js";
import type { DeltaStateStore } from "../../store/delta-state.js";
import type { TeamListRef } from "./team-list.js";
import type { Employee } from "./team-rows.js";

const PREFIX = "team:claim:";

export class TeamClaims {
  constructor(
    private readonly copy: TeamCopy,
    private readonly state: DeltaStateStore,
  ) {}

  /** undefined when this PC's copy holds no such item. */
  claim(itemId: string, employee: Employee): { claimedBy: string; claimedAt: string } | undefined {
    const row = this.copy.get(itemId);
    if (!row) return undefined;
    const claimedAt = new Date().toISOString();
    const claim = { claimedBy: employee.name, claimedById: employee.id, claimedAt };
    this.copy.apply([{ ...row, ...claim, modifiedAt: claimedAt }]);
    this.state.set(`${PREFIX}${itemId}`, JSON.stringify(claim));
    return { claimedBy: claim.claimedBy, claimedAt };
  }

  /** Sends the claims that wait; an item removed meanwhile drops its claim. */
  async send(client: Client, list: TeamListRef): Promise<number> {
    let sent = 0;
    for (const key of this.state.keys(PREFIX)) {
      const fields = JSON.parse(this.state.get(key) ?? "{}") as Record<string, unknown>;
      try {
        await client.api(`${list.base}/items/${encodeURIComponent(key.slice(PREFIX.length))}/fields`).patch(fields);
        sent++;
      } catch (error) {
        if (graphStatus(error) !== 404) throw error;
      }
      this.state.delete(key);
    }
    return sent;
  }
}
