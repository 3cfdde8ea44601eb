/**
 * The pane's list of Microsoft 365 sources of numbers: each with its switch, count and last sync or error; above it
 * the sync and the calls going to Outlook, each said once (a source's count and last sync live in its own row).
 */
import type { Microsoft365Status, SourceStatus } from "../shared/types.js";
import { h } from "./dom.js";
import { lockedText, sourceSetting } from "./managed-settings.js";
import { syncProgressText } from "../../bridge/i18n/progress-words.js";
import { t, words } from "./text.js";

/** A moment in the pane's language, or "never". */
export function when(iso: string | undefined): string {
  return iso ? words().instant(iso) : t("m365.never");
}

/** The source's name in the pane's language; a shared mailbox keeps the bridge's label (it names the address). */
function sourceName(source: SourceStatus): string {
  const keys: Record<string, string> = {
    contacts: "m365.contacts",
    directory: "m365.sourceDirectory",
    orgContacts: "m365.sourceOrgContacts",
  };
  const key = keys[source.key];
  return key ? t(key) : source.label;
}

/** One row per source: a switch with its name, its count, and its last sync or why it failed. */
export function sourceList(
  sources: SourceStatus[],
  busy: boolean,
  managed: readonly string[],
  onSwitch: (key: string, enabled: boolean) => void,
): HTMLElement {
  const list = h("ul", { id: "m365-sources", class: "m365-sources" });
  for (const source of sources) {
    const locked = managed.includes(sourceSetting(source.key));
    const toggle = h("input", {
      type: "checkbox",
      checked: source.enabled,
      disabled: busy || locked,
      title: locked ? lockedText() : undefined,
      "data-locked": locked ? "true" : undefined,
      "data-testid": "m365-source-switch",
      onchange: (event: Event) => onSwitch(source.key, (event.target as HTMLInputElement).checked),
    });
    const detail = source.lastError
      ? h("span", { class: "m365-error", "data-testid": "m365-source-detail" }, source.lastError)
      : h(
          "span",
          { class: "muted", "data-testid": "m365-source-detail" },
          source.enabled ? t("m365.sourceLastSync", { when: when(source.lastSyncAt) }) : t("m365.sourceOff"),
        );
    list.append(
      h(
        "li",
        { "data-testid": `m365-source-${source.key}`, "data-enabled": String(source.enabled) },
        h("label", {}, toggle, " ", h("span", {}, sourceName(source))),
        h("strong", { "data-testid": "m365-source-count" }, words().number(source.count)),
        detail,
      ),
    );
  }
  return list;
}

/** A label and its value, one line of the stats. */
function stat(label: string, value: HTMLElement): HTMLElement {
  return h("li", {}, h("span", {}, label), value);
}

/**
 * The sync (Outlook contacts and the last sync only when no source list shows them, else only while a sync runs)
 * and the calls waiting for or refused by Outlook.
 */
export function syncStats({ sync, outbox }: Microsoft365Status): HTMLElement {
  const stats = h("ul", { id: "m365-stats", class: "m365-stats" });
  const perSource = (sync?.sources?.length ?? 0) > 0;
  if (sync && !perSource)
    stats.append(
      stat(t("m365.contacts"), h("strong", { "data-testid": "m365-contacts" }, words().number(sync.contacts))),
    );
  if (sync && (!perSource || sync.running)) {
    const last = sync.running ? t("m365.syncing") : when(sync.lastFinishedAt);
    stats.append(stat(t("m365.lastSync"), h("span", { "data-testid": "m365-last-sync" }, last)));
  }
  if (sync?.running && sync.progress) stats.append(syncProgress(sync.progress));
  if (outbox) {
    const state = t("m365.outboxState", {
      pending: words().number(outbox.pending),
      failed: words().number(outbox.failed),
    });
    const cls = outbox.failed > 0 ? "m365-error" : "";
    stats.append(stat(t("m365.outbox"), h("span", { "data-testid": "m365-outbox", class: cls }, state)));
  }
  return stats;
}

function syncProgress(progress: { done: number; total?: number }): HTMLElement {
  const bar = h("progress", { "aria-hidden": "true" });
  if (progress.total !== undefined) Object.assign(bar, { max: progress.total, value: progress.done });
  const text = syncProgressText(words(), progress);
  return h("li", { "data-testid": "m365-sync-progress", class: "m365-progress" }, h("span", {}, text), bar);
}
