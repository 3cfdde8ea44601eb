/**
 * Organisation settings an administrator sets as policy values (Group Policy, Intune) under
 * `HKLM\Software\Policies\TelefUM Outlook Bridge` and the same key under HKCU. Each value is checked and placed
 * where config.json keeps the same setting, so the one config pass reads one merged object: HKLM over HKCU over
 * config.json over defaults. Which settings a policy set is told to the pane (`managed`), which locks them.
 */
import { LANGUAGES } from "../i18n/language.js";
import { asHttpsUrl, asOneOf, asString, attempt, type Check, refuse } from "./config-checks.js";
import { isRecord } from "./is-record.js";

/** A registry value as read: REG_SZ (and REG_EXPAND_SZ, expanded), REG_DWORD, REG_MULTI_SZ. */
export type PolicyValue = string | number | readonly string[];
export type PolicyValues = Readonly<Record<string, PolicyValue>>;
/** What the policy keys hold: `machine` from HKLM, `user` from HKCU. */
export interface Policies {
  machine: PolicyValues;
  user: PolicyValues;
}

export const NO_POLICIES: Policies = { machine: {}, user: {} };
export const POLICY_KEY = "Software\\Policies\\TelefUM Outlook Bridge";

type Kind = "text" | "url" | "language" | "list" | "switch";
interface PolicySetting {
  /** The registry value's name. */
  value: string;
  /** The name `managed` reports to the pane. */
  setting: string;
  /** Where config.json keeps it. */
  path: readonly string[];
  kind: Kind;
}

/** Every policy value the bridge reads, in the order of the README's table and the ADMX template. */
export const POLICY_SETTINGS: readonly PolicySetting[] = [
  { value: "ClientId", setting: "clientId", path: ["microsoft365", "clientId"], kind: "text" },
  { value: "Tenant", setting: "tenant", path: ["microsoft365", "tenant"], kind: "text" },
  { value: "TeamSite", setting: "teamSite", path: ["microsoft365", "team", "site"], kind: "url" },
  { value: "TeamList", setting: "teamList", path: ["microsoft365", "team", "list"], kind: "text" },
  { value: "Language", setting: "language", path: ["language"], kind: "language" },
  { value: "RecordingFolders", setting: "recordingFolders", path: ["recording", "folders"], kind: "list" },
  { value: "SyncContacts", setting: "syncContacts", path: ["microsoft365", "sync", "contacts"], kind: "switch" },
  { value: "SyncDirectory", setting: "syncDirectory", path: ["microsoft365", "sync", "directory"], kind: "switch" },
  {
    value: "SyncOrgContacts",
    setting: "syncOrgContacts",
    path: ["microsoft365", "sync", "orgContacts"],
    kind: "switch",
  },
  {
    value: "SharedMailboxes",
    setting: "sharedMailboxes",
    path: ["microsoft365", "sync", "sharedMailboxes"],
    kind: "list",
  },
];

export const POLICY_VALUE_NAMES = POLICY_SETTINGS.map((p) => p.value);

const asText: Check<string> = (value, where) => {
  const text = asString(value, where);
  return text === "" ? refuse(where, { key: "config.expected.nonEmpty" }, value) : text;
};

/** REG_MULTI_SZ, or one REG_SZ with `;` between the entries. */
const asList: Check<string[]> = (value, where) => {
  const items =
    typeof value === "string"
      ? value.split(";")
      : Array.isArray(value)
        ? value
        : refuse(where, { key: "config.expected.regList" }, value);
  return items.map((item) => String(item).trim()).filter((item) => item !== "");
};

/** REG_DWORD 1 = on, 0 = off. */
const asSwitch: Check<boolean> = (value, where) =>
  value === 1 ? true : value === 0 ? false : refuse(where, { key: "config.expected.regSwitch" }, value);

const CHECKS: Record<Kind, Check<unknown>> = {
  text: asText,
  url: asHttpsUrl,
  language: asOneOf(LANGUAGES),
  list: asList,
  switch: asSwitch,
};

/** The raw config (config.json's object) with the policies laid over it, and the settings they decided. */
export interface PolicyMerge {
  raw: Record<string, unknown>;
  managed: string[];
}

/**
 * Lays HKCU's values, then HKLM's, over config.json's object; never changes `fileRaw`. A bad value is refused with
 * the registry value's full name, so the administrator knows which one to fix.
 */
export function applyPolicies(fileRaw: Record<string, unknown>, policies: Policies): PolicyMerge {
  const raw = structuredClone(fileRaw);
  const managed = new Set([
    ...layOver(raw, policies.user, (name) => `HKCU\\${POLICY_KEY}\\${name}`),
    ...layOver(raw, policies.machine, (name) => `HKLM\\${POLICY_KEY}\\${name}`),
  ]);
  return { raw, managed: POLICY_SETTINGS.map((p) => p.setting).filter((s) => managed.has(s)) };
}

/**
 * Checks each value and places it where config.json keeps it, in `raw`; answers the settings it decided. A refusal
 * names the value as `whereOf` says (a registry value, or the installer's option).
 */
export function layOver(
  raw: Record<string, unknown>,
  values: PolicyValues,
  whereOf: (name: string) => string,
): string[] {
  const decided: string[] = [];
  for (const policy of POLICY_SETTINGS) {
    if (!Object.hasOwn(values, policy.value)) continue;
    // A refused value is noted and skipped while the config pass collects refusals (config-refusals.ts).
    const value = attempt(() => CHECKS[policy.kind](values[policy.value], whereOf(policy.value)));
    if (value === undefined) continue;
    placeAt(raw, policy.path, value);
    decided.push(policy.setting);
  }
  return decided;
}

function placeAt(raw: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let section = raw;
  for (const name of path.slice(0, -1)) {
    const inner = section[name] ?? {};
    // config.json's own bad section is reported by its parser, named as in the file.
    if (!isRecord(inner)) return refuse(name, { key: "config.expected.object" }, inner);
    section[name] = inner;
    section = inner;
  }
  section[path.at(-1) as string] = value;
}

/** Whether the setting config.json keeps at `path` ("microsoft365.team.site") was decided by a policy. */
export function managedAt(managed: readonly string[], path: string): boolean {
  return POLICY_SETTINGS.some((p) => p.path.join(".") === path && managed.includes(p.setting));
}
