/**
 * The team's missed calls nobody has returned: who called, who missed it and how long ago, Call (TelefUM's
 * `CALL^number^`, as everywhere in the pane) and "I'll call back", after which everyone sees who took it. A call
 * returned by anyone leaves the list when the team copy next changes. Hidden when there is no team log.
 */
import type { BridgeApi } from "../shared/api.js";
import { ApiError } from "../shared/api.js";
import type { TeamCall } from "../shared/types.js";
import type { PaneActions } from "./actions.js";
import { button, clear, h, section } from "./dom.js";
import { callerSaid, missedByLine, speaker } from "./team-words.js";
import { errorText, t } from "./text.js";

export class TeamMissedView {
  readonly el: HTMLElement;
  private readonly list: HTMLUListElement;

  constructor(
    private readonly api: BridgeApi,
    private readonly actions: PaneActions,
  ) {
    this.list = h("ul", { class: "missed team-missed" });
    this.el = section("team-missed", t("team.missedTitle"), this.list);
    this.el.hidden = true;
  }

  async refresh(): Promise<void> {
    try {
      const answer = await this.api.teamMissed();
      this.el.hidden = !answer.enabled;
      this.render(answer.calls);
    } catch (error) {
      this.actions.notify(errorText(error), "error");
    }
  }

  private render(calls: TeamCall[]): void {
    clear(this.list);
    this.el.dataset.count = String(calls.length);
    if (calls.length === 0)
      this.list.append(h("li", { class: "muted", "data-testid": "team-missed-none" }, t("team.none")));
    for (const call of calls) this.list.append(this.row(call));
  }

  private row(call: TeamCall): HTMLElement {
    const caller = callerSaid(call);
    const claim = h("span", { class: "team-claim", "data-testid": "team-claimed" });
    const claimed = (name: string): void => {
      claim.textContent = name ? t("team.claimedBy", { name: speaker(name).name }) : "";
    };
    claimed(call.claimedBy);
    const claimButton = button(
      t("team.claim"),
      () => {
        claimButton.disabled = true;
        this.api.teamClaim(call.itemId).then(
          (answer) => {
            claimed(answer.claimedBy);
            claimButton.remove();
          },
          (error: unknown) => {
            claimButton.disabled = false;
            const off = error instanceof ApiError && error.status === 409;
            this.actions.notify(off ? t("team.claimOff") : errorText(error), "error");
          },
        );
      },
      { testid: "team-claim", label: t("team.claimLabel", { caller }) },
    );
    return h(
      "li",
      { "data-testid": "team-missed-call", "data-item-id": call.itemId },
      h("strong", { class: "team-caller" }, caller),
      h("div", { class: "muted" }, missedByLine(call)),
      claim,
      h(
        "div",
        { class: "team-actions" },
        button(t("team.call"), () => this.actions.call(call.number), {
          primary: true,
          testid: "team-call-back",
          label: t("team.callLabel", { caller }),
        }),
        call.claimedBy ? null : claimButton,
      ),
    );
  }
}
