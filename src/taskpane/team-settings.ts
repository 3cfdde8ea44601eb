/**
 * The team call log's settings in the Microsoft 365 section: the team site's address, the list's name and whether
 * my call notes go to the team, with Save (the bridge writes them into its config.json and applies them at once),
 * and the log's status: on or off, rows in this PC's copy, the last sync, what keeps it from working. A setting an
 * administrator set by policy is shown locked. The element lives across the section's redraws, so typing survives.
 */
import { TEAM_PROBLEM_TEXT } from "../../bridge/api-contract/graph-problems.js";
import type { BridgeApi } from "../shared/api.js";
import type { Microsoft365Status, TeamSettingsAnswer } from "../shared/types.js";
import type { PaneActions } from "./actions.js";
import { button, clear, h } from "./dom.js";
import { when } from "./m365-sources.js";
import { errorText, t, words } from "./text.js";

type TeamStatus = NonNullable<Microsoft365Status["team"]>;

export class TeamSettingsView {
  readonly el: HTMLElement;
  private readonly site: HTMLInputElement;
  private readonly list: HTMLInputElement;
  private readonly shareNotes: HTMLInputElement;
  private readonly save;
  private readonly managedNote: HTMLElement;
  private readonly statusBox: HTMLElement;
  private loaded = false;

  constructor(
    private readonly api: BridgeApi,
    private readonly actions: PaneActions,
  ) {
    this.site = h("input", {
      id: "team-site",
      type: "url",
      placeholder: "https://contoso.sharepoint.com/sites/office",
      "data-testid": "team-site",
    });
    this.list = h("input", { id: "team-list", maxlength: 255, "data-testid": "team-list" });
    this.shareNotes = h("input", { id: "team-share-notes", type: "checkbox", "data-testid": "team-share-notes" });
    this.save = button(t("team.settings.save"), () => void this.submit(), { primary: true, testid: "team-save" });
    this.managedNote = h(
      "p",
      { class: "muted", "data-testid": "team-managed", hidden: true },
      t("team.settings.managed"),
    );
    this.statusBox = h("div", { "data-testid": "team-status" });
    this.el = h(
      "div",
      { id: "team-settings", class: "team-settings", "data-testid": "team-settings" },
      h("h3", {}, t("team.settings.title")),
      h("label", { for: this.site.id }, t("team.settings.site")),
      this.site,
      h("label", { for: this.list.id }, t("team.settings.list")),
      this.list,
      h("label", { class: "team-share" }, this.shareNotes, " ", t("team.settings.shareNotes")),
      this.managedNote,
      this.statusBox,
      h("div", { class: "row" }, this.save),
    );
  }

  /** The section is shown: the form is filled from the bridge once, the status every time. */
  show(team: TeamStatus | undefined): void {
    this.showStatus(team);
    if (this.loaded) return;
    this.loaded = true;
    void this.api.teamSettings().then(
      (settings) => this.fill(settings),
      () => (this.loaded = false),
    );
  }

  private fill(settings: TeamSettingsAnswer): void {
    this.site.value = settings.site;
    this.list.value = settings.list;
    this.shareNotes.checked = settings.shareNotes;
    this.site.disabled = settings.managed.includes("site");
    this.list.disabled = settings.managed.includes("list");
    this.shareNotes.disabled = settings.managed.includes("shareNotes");
    this.managedNote.hidden = settings.managed.length === 0;
    this.showStatus(settings.team);
  }

  private showStatus(team: TeamStatus | undefined): void {
    clear(this.statusBox);
    if (!team) {
      this.statusBox.append(h("p", { class: "muted", "data-testid": "team-state" }, t("team.settings.off")));
      return;
    }
    const row = (label: string, value: string, testid: string) =>
      h("li", {}, h("span", {}, label), h("span", { "data-testid": testid }, value));
    this.statusBox.append(
      h(
        "ul",
        { class: "m365-stats" },
        row(t("team.settings.state"), t("team.settings.on"), "team-state"),
        row(t("team.settings.rows"), words().number(team.rows), "team-rows"),
        row(t("team.settings.lastSync"), when(team.lastSync), "team-last-sync"),
      ),
    );
    if (team.problem) {
      const text = t(TEAM_PROBLEM_TEXT[team.problem], { site: team.site, count: team.refusedRows ?? 0 });
      this.statusBox.append(h("p", { class: "m365-error", "data-testid": "team-problem" }, text));
    }
  }

  private async submit(): Promise<void> {
    if (this.save.disabled) return;
    this.save.disabled = true;
    try {
      const site = this.site.value.trim();
      const answer = await this.api.saveTeamSettings({
        site,
        list: this.list.value,
        shareNotes: this.shareNotes.checked,
      });
      this.fill(answer);
      this.actions.notify(t(site ? "team.settings.saved" : "team.settings.savedOff"), "success");
    } catch (error) {
      this.actions.notify(errorText(error), "error");
    } finally {
      this.save.disabled = false;
    }
  }
}
