/**
 * On the call card: the team's latest calls with this caller ("Олена говорила вчора, 4 хв"), with notes and the
 * recording link (http(s) only). Hidden when there is no team log or the office never spoke with the number.
 */
import type { BridgeApi } from "../shared/api.js";
import type { TeamCall } from "../shared/types.js";
import { clear, h } from "./dom.js";
import { openWebLink } from "./open-in-outlook.js";
import { teamCallLine } from "./team-words.js";
import { t } from "./text.js";

function recording(url: string): HTMLElement | null {
  if (!/^https?:\/\//i.test(url)) return null;
  return h(
    "a",
    {
      href: url,
      "data-testid": "team-recording",
      onclick: (event: Event) => {
        event.preventDefault();
        openWebLink(url);
      },
    },
    t("context.recording"),
  );
}

export class TeamHistoryPart {
  readonly el: HTMLElement;
  private readonly list: HTMLUListElement;
  private number = "";

  constructor(private readonly api: BridgeApi) {
    this.list = h("ul", {});
    this.el = h(
      "div",
      { class: "context-part team-history", "data-testid": "team-history", hidden: true },
      h("h3", {}, t("team.title")),
      this.list,
    );
  }

  /** Loads the team's calls for the number; a failure leaves the part hidden (the card has the rest). */
  async show(number: string): Promise<void> {
    this.number = number;
    let calls: TeamCall[] = [];
    try {
      const answer = await this.api.teamHistory(number);
      calls = answer.enabled ? answer.calls : [];
    } catch {
      calls = [];
    }
    if (this.number !== number) return; // another call meanwhile
    this.render(calls);
  }

  /** The team copy changed: the number shown, read again. */
  refresh(): void {
    if (this.number) void this.show(this.number);
  }

  private render(calls: TeamCall[]): void {
    clear(this.list);
    for (const call of calls) {
      const link = recording(call.recordingUrl);
      this.list.append(
        h(
          "li",
          { "data-testid": "team-call", "data-item-id": call.itemId, title: call.employeeName },
          teamCallLine(call),
          call.notes ? h("div", { class: "team-note" }, call.notes) : null,
          link,
        ),
      );
    }
    this.el.hidden = calls.length === 0;
    this.el.dataset.count = String(calls.length);
  }
}
