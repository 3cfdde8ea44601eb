import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../../bridge/config/config-checks.js";
import { loadConfig } from "../../bridge/config/config.js";
import { managedAt, NO_POLICIES, type Policies } from "../../bridge/config/policies.js";
import { currentPolicies, readPolicies } from "../../bridge/config/policy-source.js";
import { useTempDir } from "../support/temp-dir.js";

const tempDir = useTempDir();
const HOME = "/nonexistent-home";

function dataDirWith(config: object | undefined): string {
  const dir = tempDir();
  mkdirSync(dir, { recursive: true });
  if (config) writeFileSync(join(dir, "config.json"), JSON.stringify(config));
  return dir;
}

/** The same seam the Win32 reader fills: what HKLM and HKCU hold under the policy key. */
const load = (dir: string, policies: Policies) => loadConfig({ dataDir: dir }, {}, HOME, policies);

describe("policy values in the config pass", () => {
  it("decides HKLM over HKCU over config.json over defaults, setting by setting", () => {
    const dir = dataDirWith({
      language: "ru",
      microsoft365: { clientId: "file-app", tenant: "file-tenant", team: { list: "File list" } },
    });
    const config = load(dir, {
      machine: { ClientId: "machine-app" },
      user: { ClientId: "user-app", Tenant: "contoso.onmicrosoft.com" },
    });
    expect(config.microsoft365.clientId).toBe("machine-app");
    expect(config.microsoft365.authority).toBe("https://login.microsoftonline.com/contoso.onmicrosoft.com");
    expect(config.microsoft365.team.list).toBe("File list");
    expect(config.language).toBe("ru");
    expect(config.managed).toEqual(["clientId", "tenant"]);

    const fileOnly = load(dir, NO_POLICIES);
    expect(fileOnly.microsoft365.clientId).toBe("file-app");
    expect(fileOnly.managed).toEqual([]);
    const defaults = load(dataDirWith(undefined), NO_POLICIES);
    expect(defaults.microsoft365.enabled).toBe(false);
    expect(defaults.microsoft365.team.list).toBe("TelefUM calls");
  });

  it("turns Microsoft 365 on from a policy client id alone and places every policy where config.json keeps it", () => {
    const config = load(dataDirWith(undefined), {
      machine: {
        ClientId: "11111111-2222-3333-4444-555555555555",
        TeamSite: "https://contoso.sharepoint.com/sites/office/",
        TeamList: "Дзвінки офісу",
        Language: "uk",
        RecordingFolders: ["C:\\Records", " D:\\More ", ""],
        SyncDirectory: 1,
        SyncContacts: 0,
        SharedMailboxes: "office@contoso.com; desk@contoso.com",
      },
      user: { Language: "en", SyncOrgContacts: 1 },
    });
    expect(config.microsoft365.enabled).toBe(true);
    expect(config.microsoft365.clientId).toBe("11111111-2222-3333-4444-555555555555");
    expect(config.microsoft365.team).toMatchObject({
      enabled: true,
      site: "https://contoso.sharepoint.com/sites/office",
      list: "Дзвінки офісу",
    });
    expect(config.language).toBe("uk");
    expect(config.recording.folders).toEqual(["C:\\Records", "D:\\More"]);
    expect(config.microsoft365.sync).toMatchObject({
      contacts: false,
      directory: true,
      orgContacts: true,
      sharedMailboxes: ["office@contoso.com", "desk@contoso.com"],
    });
    expect(config.managed).toEqual([
      "clientId",
      "teamSite",
      "teamList",
      "language",
      "recordingFolders",
      "syncContacts",
      "syncDirectory",
      "syncOrgContacts",
      "sharedMailboxes",
    ]);
  });

  it("keeps config.json's other settings of a section a policy writes into, and never changes the file", () => {
    const file = {
      microsoft365: { clientId: "file-app", sync: { intervalMinutes: 15 } },
      recording: { maxMegabytes: 5 },
    };
    const dir = dataDirWith(file);
    const before = readFileSync(join(dir, "config.json"), "utf8");
    const config = load(dir, { machine: { SyncDirectory: 1, RecordingFolders: "C:\\Rec" }, user: {} });
    expect(config.microsoft365.sync.intervalMinutes).toBe(15);
    expect(config.microsoft365.sync.directory).toBe(true);
    expect(config.recording).toEqual({ folders: ["C:\\Rec"], maxBytes: 5 * 1024 * 1024 });
    expect(readFileSync(join(dir, "config.json"), "utf8")).toBe(before);
  });

  it("tells the pane's settings which config.json paths a policy decided (the team site locked, its list not)", () => {
    const config = load(dataDirWith({ microsoft365: { clientId: "app" } }), {
      machine: { TeamSite: "https://contoso.sharepoint.com/sites/office" },
      user: {},
    });
    expect(config.microsoft365.team.site).toBe("https://contoso.sharepoint.com/sites/office");
    expect(managedAt(config.managed, "microsoft365.team.site")).toBe(true);
    expect(managedAt(config.managed, "microsoft365.team.list")).toBe(false);
    expect(managedAt(config.managed, "microsoft365.clientId")).toBe(false);
  });

  it("refuses a bad policy value by its registry name, whichever hive holds it", () => {
    const dir = dataDirWith(undefined);
    const refusal = (policies: Policies) => {
      try {
        load(dir, policies);
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        return (error as Error).message;
      }
      throw new Error("accepted");
    };
    expect(refusal({ machine: { TeamSite: "http://intranet/sites/office" }, user: {} })).toBe(
      "HKLM\\Software\\Policies\\TelefUM Outlook Bridge\\TeamSite " +
        'must be an https:// URL, got "http://intranet/sites/office"',
    );
    expect(refusal({ machine: {}, user: { Language: "de" } })).toBe(
      'HKCU\\Software\\Policies\\TelefUM Outlook Bridge\\Language must be one of uk, ru, en, got "de"',
    );
    expect(refusal({ machine: { SyncDirectory: 2 }, user: {} })).toContain(
      "SyncDirectory must be REG_DWORD 1 (on) or 0 (off), got 2",
    );
    expect(refusal({ machine: { ClientId: "  " }, user: {} })).toContain("ClientId must be a non-empty string");
    expect(refusal({ machine: { ClientId: 7 }, user: {} })).toContain("ClientId must be a string, got 7");
  });

  it("reads no policy source off Windows", async () => {
    expect(await readPolicies("linux")).toEqual(NO_POLICIES);
    expect(currentPolicies()).toEqual(NO_POLICIES);
  });
});
