/** Missed calls to call back: each with Call and Done; a call back answered (or Done) takes it off the list. */
import type { BridgeApi } from "../shared/api.js";
import type { HistoryEntry } from "../shared/types.js";
import type { PaneActions } from "./actions.js";
import { button, clear, h, section } from "./dom.js";
import { texts } from "./pane-language.js";

const TEXT = texts({
  uk: { title: "Пропущені дзвінки", none: "Усім передзвонили.", call: "Дзвонити", done: "Готово" },
  ru: { title: "Пропущенные звонки", none: "Всем перезвонили.", call: "Позвонить", done: "Готово" },
  en: { title: "Missed calls", none: "All called back.", call: "Call", done: "Done" },
});

export class MissedCallsView {
  readonly el: HTMLElement;
  private readonly list: HTMLUListElement;

  constructor(
    private readonly api: BridgeApi,
    private readonly actions: PaneActions,
  ) {
    this.list = h("ul", { class: "missed" });
    this.el = section("missed-calls", TEXT.title, this.list);
  }

  async refresh(): Promise<void> {
    try {
      this.render(await this.api.missed());
    } catch (error) {
      this.actions.notify((error as Error).message, "error");
    }
  }

  private render(calls: HistoryEntry[]): void {
    clear(this.list);
    this.el.dataset.count = String(calls.length);
    if (calls.length === 0) this.list.append(h("li", { class: "muted", "data-testid": "missed-none" }, TEXT.none));
    for (const call of calls) {
      const who = call.contacts.map((c) => c.name).join(", ") || call.number;
      this.list.append(
        h(
          "li",
          { "data-testid": "missed-call", "data-call-id": call.id },
          h("span", {}, `${call.start.slice(0, 16)} · ${who}`),
          " ",
          button(TEXT.call, () => this.actions.call(call.number), { testid: "missed-call-back" }),
          button(
            TEXT.done,
            () => {
              this.api.missedDone(call.id).then(
                (left) => this.render(left),
                (error: Error) => this.actions.notify(error.message, "error"),
              );
            },
            { testid: "missed-done" },
          ),
        ),
      );
    }
  }
}
