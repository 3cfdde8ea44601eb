/**
 * The settings an administrator decided by policy (GET /api/status `managed`): listed locked, each with "Set by
 * your administrator", and the Microsoft 365 source switches they decide made read-only. Hidden when none.
 */
import { h, section } from "./dom.js";
import { t } from "./text.js";

const SETTING_NAMES: Record<string, string> = {
  clientId: "managed.setting.clientId",
  tenant: "managed.setting.tenant",
  teamSite: "managed.setting.teamSite",
  teamList: "managed.setting.teamList",
  language: "managed.setting.language",
  recordingFolders: "managed.setting.recordingFolders",
  syncContacts: "managed.setting.syncContacts",
  syncDirectory: "managed.setting.syncDirectory",
  syncOrgContacts: "managed.setting.syncOrgContacts",
  sharedMailboxes: "managed.setting.sharedMailboxes",
};

/** The managed setting that decides a Microsoft 365 source (a key of `sync.sources`). */
export function sourceSetting(sourceKey: string): string {
  if (sourceKey.startsWith("shared:")) return "sharedMailboxes";
  return `sync${sourceKey.charAt(0).toUpperCase()}${sourceKey.slice(1)}`;
}

export function lockedText(): string {
  return t("managed.by");
}

export function managedSettingsView(managed: readonly string[]): HTMLElement {
  const list = h("ul", { class: "managed-settings", "data-testid": "managed-settings" });
  for (const setting of managed) {
    const name = SETTING_NAMES[setting];
    list.append(
      h(
        "li",
        { "data-testid": `managed-${setting}`, "data-locked": "true" },
        h("span", { class: "managed-lock", "aria-hidden": "true" }, "🔒"),
        h("span", {}, name ? t(name) : setting),
        h("span", { class: "muted" }, lockedText()),
      ),
    );
  }
  const el = section("managed", t("managed.title"), list);
  el.hidden = managed.length === 0;
  return el;
}
