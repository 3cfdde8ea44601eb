/** Missed calls to call back: each with Call and Done; a call back answered (or Done) takes it off the list. */
import type { BridgeApi } from "../shared/api.js";
import type { HistoryEntry } from "../shared/types.js";
import type { PaneActions } from "./actions.js";
import { button, clear, h, section } from "./dom.js";
import { errorText, phoneText, t, words } from "./text.js";

export class MissedCallsView {
  readonly el: HTMLElement;
  private readonly list: HTMLUListElement;

  constructor(
    private readonly api: BridgeApi,
    private readonly actions: PaneActions,
  ) {
    this.list = h("ul", { class: "missed" });
    this.el = section("missed-calls", t("missed.title"), this.list);
  }

  async refresh(): Promise<void> {
    try {
      this.render(await this.api.missed());
    } catch (error) {
      this.actions.notify(errorText(error), "error");
    }
  }

  private render(calls: HistoryEntry[]): void {
    clear(this.list);
    this.el.dataset.count = String(calls.length);
    if (calls.length === 0)
      this.list.append(h("li", { class: "muted", "data-testid": "missed-none" }, t("missed.none")));
    for (const call of calls) {
      const who = call.contacts.map((c) => c.name).join(", ") || phoneText(call.number);
      const done = (): void => {
        this.api.missedDone(call.id).then(
          (left) => {
            this.render(left);
            // Done is not a call back: say what was done, not that everyone was called back.
            this.actions.notify(t("missed.markedDone", { who }), "success");
          },
          (error: unknown) => this.actions.notify(errorText(error), "error"),
        );
      };
      this.list.append(
        h(
          "li",
          { "data-testid": "missed-call", "data-call-id": call.id },
          h("span", {}, `${words().dateTime(call.start)} · ${who}`),
          // The two buttons move together: Done never drops to a line of its own.
          h(
            "div",
            { class: "missed-actions" },
            button(t("missed.call"), () => this.actions.call(call.number), { testid: "missed-call-back" }),
            button(t("missed.done"), done, { testid: "missed-done" }),
          ),
        ),
      );
    }
  }
}
