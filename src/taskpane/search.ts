/** Contact search: type a name, company, e-mail or digits; Call or SMS any of their numbers. */
import type { BridgeApi } from "../shared/api.js";
import type { PaneActions } from "./actions.js";
import { contactRow } from "./contact-row.js";
import { clear, h, section } from "./dom.js";
import { errorText, t } from "./text.js";

export class SearchView {
  readonly el: HTMLElement;
  private readonly input: HTMLInputElement;
  private readonly results: HTMLUListElement;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private seq = 0;

  constructor(
    private readonly api: BridgeApi,
    private readonly actions: PaneActions,
  ) {
    this.input = h("input", {
      id: "search-input",
      type: "search",
      placeholder: t("search.placeholder"),
      autocomplete: "off",
      "aria-label": t("search.label"),
    });
    this.results = h("ul", { id: "search-results", class: "contacts", "aria-live": "polite" });
    this.input.addEventListener("input", () => {
      if (this.timer) clearTimeout(this.timer);
      this.timer = setTimeout(() => void this.run(this.input.value), 200);
    });
    this.input.addEventListener("keydown", (event) => {
      if (event.key === "Enter") void this.run(this.input.value);
    });
    this.el = section("search", t("search.title"), this.input, this.results);
  }

  async run(query: string): Promise<void> {
    const seq = ++this.seq;
    if (!query.trim()) return clear(this.results);
    try {
      const contacts = await this.api.search(query);
      if (seq !== this.seq) return; // a newer query answered first
      clear(this.results);
      if (contacts.length === 0) this.results.append(h("li", { class: "muted" }, t("search.none")));
      for (const contact of contacts) this.results.append(contactRow(contact, this.actions));
    } catch (error) {
      this.actions.notify(errorText(error), "error");
    }
  }
}
