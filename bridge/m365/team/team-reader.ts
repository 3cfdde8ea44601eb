/**
 * Brings the team list into this PC's copy by listItem delta: the first pass reads every item, later ones only the
 * changes (removals included); the deltaLink is kept with the other delta links. A 410 (the token is too old) or a
 * list that is not the one the copy came from starts over from an empty copy.
 */
import type { Client } from "@microsoft/microsoft-graph-client";
import type { TeamCopy } from "../../team/team-copy.js";
import type { TeamCall } from "../../team/team-call.js";
import { graphStatus, UnexpectedAnswerError } from "../graph-client.js";
import type { DeltaStateStore } from "../../store/delta-state.js";
import { SELECTED_FIELDS, teamCallOf } from "./team-fields.js";
import type { TeamListRef } from "./team-list.js";

export interface ReadReport {
  requests: number;
  changed: number;
  removed: number;
  restarted: boolean;
}

interface DeltaPage {
  value?: { id: string; lastModifiedDateTime?: string; fields?: unknown; deleted?: unknown }[];
  "@odata.nextLink"?: string;
  "@odata.deltaLink"?: string;
}

const LINK = "team:delta";
const LIST = "team:list";

export class TeamReader {
  constructor(
    private readonly client: Client,
    private readonly copy: TeamCopy,
    private readonly state: DeltaStateStore,
  ) {}

  async sync(list: TeamListRef): Promise<ReadReport> {
    const report: ReadReport = { requests: 0, changed: 0, removed: 0, restarted: false };
    if (this.state.get(LIST) !== list.base) this.restart(list, report);
    try {
      await this.follow(list, report);
    } catch (error) {
      if (graphStatus(error) !== 410) throw error;
      this.restart(list, report);
      await this.follow(list, report);
    }
    return report;
  }

  private restart(list: TeamListRef, report: ReadReport): void {
    this.copy.clear();
    this.state.delete(LINK);
    this.state.set(LIST, list.base);
    report.restarted = true;
  }

  private async follow(list: TeamListRef, report: ReadReport): Promise<void> {
    let next: string | undefined =
      this.state.get(LINK) ?? `${list.base}/items/delta?$expand=fields($select=${SELECTED_FIELDS})`;
    while (next) {
      const page = (await this.client.api(next).header("Prefer", "odata.maxpagesize=1000").get()) as DeltaPage;
      report.requests++;
      if (!Array.isArray(page?.value)) throw new UnexpectedAnswerError("Graph answered the list's delta without value");
      const changed: TeamCall[] = [];
      const removed: string[] = [];
      for (const item of page.value) {
        if (item.deleted) removed.push(item.id);
        else {
          const call = teamCallOf(item);
          if (call) changed.push(call);
        }
      }
      this.copy.apply(changed);
      this.copy.remove(removed);
      report.changed += changed.length;
      report.removed += removed.length;
      if (page["@odata.deltaLink"]) this.state.set(LINK, page["@odata.deltaLink"]);
      next = page["@odata.nextLink"];
    }
  }
}
