/**
 * The `microsoft365` section of config.json, checked and given defaults. Absent or `enabled: false` = off.
 */
import {
  asBoolean,
  asHttpsUrl,
  asJsonText,
  asNumberIn,
  asOneOf,
  asString,
  asStringList,
  ConfigError,
  ConfigSection,
} from "../config/config-checks.js";
import { noteRefusal } from "../config/config-refusals.js";

export type CardOpenMode = "web" | "classic" | "pane";
export type RecordingMode = "none" | "wav" | "mp3";

/** The `calls` settings with the calendar named (the setting, else "Calls" in the bridge's language). */
export type NamedCalls = M365Config["calls"] & { calendarName: string };

export interface M365Config {
  enabled: boolean;
  /** Application (client) id of the Entra app registration (public client, "Mobile and desktop" platform). */
  clientId: string;
  /** `https://login.microsoftonline.com/<tenant id | organizations | common>`. */
  authority: string;
  /** Hosts MSAL may trust without instance discovery (sovereign clouds, test fakes). */
  knownAuthorities: string[];
  /**
   * Optional JSON strings that spare MSAL the discovery round-trips (msal-node
   * `authorityMetadata`/`cloudDiscoveryMetadata`).
   */
  authorityMetadata?: string;
  cloudDiscoveryMetadata?: string;
  /** Graph root, e.g. https://graph.microsoft.com. */
  graphBaseUrl: string;
  scopes: string[];
  sync: {
    /** Minutes between incremental syncs. */
    intervalMinutes: number;
    /** Index the user's own contact folders. */
    contacts: boolean;
    /** Also index the organisation's users (/users/delta phones; User.Read.All). */
    directory: boolean;
    /** Also index organisation contacts (/contacts; the tenant must grant OrgContact.Read.All). */
    orgContacts: boolean;
    /** Addresses of other mailboxes whose contact folders to index (shared or delegated; Contacts.Read.Shared). */
    sharedMailboxes: string[];
    /** `Prefer: odata.maxpagesize`. */
    pageSize: number;
  };
  card: {
    mode: CardOpenMode;
    /** Outlook on the web link; `{id}` is replaced by the URL-encoded Graph id. */
    webUrlTemplate: string;
    /** Classic Outlook executable (full path when it is not on PATH). */
    outlookPath: string;
    /** Where the user picks among several contacts: the add-in pane, or the bridge's local page in the browser. */
    chooser: "pane" | "page";
  };
  calls: {
    enabled: boolean;
    /** Unset: "Calls" in the bridge's language ("Дзвінки"). */
    calendarName: string | undefined;
    /** To Do list for missed-call follow-ups; "" = the default list. */
    todoListName: string;
    missedCallTask: boolean;
    appendToNotes: boolean;
    recording: RecordingMode;
    /** OneDrive folder for recordings. */
    recordingFolder: string;
    /** createLink scope: organization (work accounts) or anonymous/users. */
    linkScope: "organization" | "anonymous" | "users";
    mp3Kbps: number;
    /** Upload chunk size; Graph wants a multiple of 320 KiB. */
    uploadChunkBytes: number;
    /** Zone of TelefUM's wall-clock times (IANA or Windows name); default: this computer's. */
    timeZone: string;
  };
  /** The office's team call log in a SharePoint list; on when `site` is set. */
  team: {
    enabled: boolean;
    /** The team site's URL, e.g. https://contoso.sharepoint.com/sites/office. */
    site: string;
    /** The list's display name (created with its columns when missing). */
    list: string;
    /** Notes typed during a call go to the list too. */
    shareNotes: boolean;
    /** Delegated Sites.Selected (the admin grants the one site) or Sites.ReadWrite.All. */
    permission: "selected" | "all";
  };
  retry: {
    /** In-process retries of reads on 429/503/504 (the SDK RetryHandler, honouring Retry-After). */
    readRetries: number;
    /** A Retry-After longer than this is left to the next sync / the outbox instead of sleeping. */
    maxInlineDelaySeconds: number;
    /** Outbox backoff: first delay and cap. */
    outboxBaseSeconds: number;
    outboxMaxSeconds: number;
    /** Each Graph request gives up after this (a hung socket would hold the outbox and the sync). */
    requestTimeoutSeconds: number;
    /** While Graph cannot be reached or fails (5xx), every request pauses: first pause and cap (jittered). */
    graphDownBaseSeconds: number;
    graphDownMaxSeconds: number;
  };
}

export const DEFAULT_SCOPES = [
  "User.Read",
  "Contacts.ReadWrite",
  "Calendars.ReadWrite",
  "Tasks.ReadWrite",
  "Files.ReadWrite",
  // The call card's context: the caller's emails, and the mail an unknown number appears in.
  "Mail.Read",
  "offline_access",
];

const CHUNK = 327_680;

function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

/** The section checked and completed; the name of every refused value starts with `microsoft365.`. */
export function parseM365Config(raw: unknown): M365Config {
  const r = ConfigSection.of(raw, "microsoft365");
  const sync = r.section("sync");
  const card = r.section("card");
  const calls = r.section("calls");
  const retry = r.section("retry");
  const team = r.section("team");
  const teamSite = trimSlash(team.get("site", asHttpsUrl) ?? "");
  const permission = team.get("permission", asOneOf(["selected", "all"] as const)) ?? "selected";
  const enabled = r.get("enabled", asBoolean) ?? (raw !== undefined && raw !== null);
  const clientId = r.get("clientId", asString) ?? "";
  if (enabled && !clientId) {
    noteRefusal(new ConfigError({ key: "config.clientIdRequired", params: { where: r.where("clientId") } }));
  }
  const tenant = r.get("tenant", asString) ?? "organizations";
  const directory = sync.get("directory", asBoolean) ?? false;
  const sharedMailboxes = sync.get("sharedMailboxes", asStringList) ?? [];
  const badAddress = sharedMailboxes.find((a) => !/^[^@\s]+@[^@\s]+$/.test(a));
  if (badAddress !== undefined) {
    const where = sync.where("sharedMailboxes");
    noteRefusal(new ConfigError({ key: "config.emails", params: { where, value: JSON.stringify(badAddress) } }));
  }
  const extraScopes = [
    ...(directory ? ["User.Read.All"] : []),
    ...(sharedMailboxes.length > 0 ? ["Contacts.Read.Shared"] : []),
    // Asked for only with the team log on: the least that reaches one site is Sites.Selected, granted by the admin.
    ...(teamSite ? [permission === "all" ? "Sites.ReadWrite.All" : "Sites.Selected"] : []),
  ];
  const uploadChunkBytes = calls.get("uploadChunkBytes", asNumberIn(CHUNK, 60 * 1024 * 1024)) ?? 10 * CHUNK;
  if (uploadChunkBytes % CHUNK !== 0) {
    const where = calls.where("uploadChunkBytes");
    noteRefusal(new ConfigError({ key: "config.multipleOf", params: { where, step: CHUNK, size: "320 KiB" } }));
  }
  const authorityMetadata = r.get("authorityMetadata", asJsonText);
  const cloudDiscoveryMetadata = r.get("cloudDiscoveryMetadata", asJsonText);
  return {
    enabled,
    clientId,
    authority: trimSlash(r.get("authority", asHttpsUrl) ?? `https://login.microsoftonline.com/${tenant}`),
    knownAuthorities: r.get("knownAuthorities", asStringList) ?? [],
    ...(authorityMetadata !== undefined && { authorityMetadata }),
    ...(cloudDiscoveryMetadata !== undefined && { cloudDiscoveryMetadata }),
    graphBaseUrl: trimSlash(r.get("graphBaseUrl", asHttpsUrl) ?? "https://graph.microsoft.com"),
    // OrgContact.Read.All is not asked for: only an admin grants it, and asking would stop every sign-in where
    // they have not; a tenant that grants it puts it in the token anyway.
    scopes: r.get("scopes", asStringList) ?? [...DEFAULT_SCOPES, ...extraScopes],
    sync: {
      intervalMinutes: sync.get("intervalMinutes", asNumberIn(0.05, 1440)) ?? 5,
      contacts: sync.get("contacts", asBoolean) ?? true,
      directory,
      orgContacts: sync.get("orgContacts", asBoolean) ?? false,
      sharedMailboxes,
      pageSize: sync.get("pageSize", asNumberIn(1, 1000)) ?? 1000,
    },
    card: {
      mode: card.get("mode", asOneOf(["web", "classic", "pane"] as const)) ?? "web",
      webUrlTemplate:
        card.get("webUrlTemplate", asString) ?? "https://outlook.office.com/owa/?ItemID={id}&exvsurl=1&path=/people",
      outlookPath: card.get("outlookPath", asString) ?? "outlook.exe",
      chooser: card.get("chooser", asOneOf(["pane", "page"] as const)) ?? "pane",
    },
    calls: {
      enabled: calls.get("enabled", asBoolean) ?? true,
      calendarName: calls.get("calendarName", asString),
      todoListName: calls.get("todoListName", asString) ?? "",
      missedCallTask: calls.get("missedCallTask", asBoolean) ?? true,
      appendToNotes: calls.get("appendToNotes", asBoolean) ?? true,
      recording: calls.get("recording", asOneOf(["none", "wav", "mp3"] as const)) ?? "none",
      recordingFolder: (calls.get("recordingFolder", asString) ?? "TelefUM/Recordings").replace(/^\/+|\/+$/g, ""),
      linkScope: calls.get("linkScope", asOneOf(["organization", "anonymous", "users"] as const)) ?? "organization",
      mp3Kbps: calls.get("mp3Kbps", asNumberIn(8, 320)) ?? 32,
      uploadChunkBytes,
      // This computer's zone only when it will be used: asking ICU for it costs the start tens of milliseconds.
      timeZone: calls.get("timeZone", asString) ?? (enabled ? localTimeZone() : "UTC"),
    },
    team: {
      enabled: teamSite !== "",
      site: teamSite,
      list: team.get("list", asString) ?? "TelefUM calls",
      shareNotes: team.get("shareNotes", asBoolean) ?? true,
      permission,
    },
    retry: {
      readRetries: retry.get("readRetries", asNumberIn(0, 10)) ?? 3,
      maxInlineDelaySeconds: retry.get("maxInlineDelaySeconds", asNumberIn(0, 180)) ?? 30,
      outboxBaseSeconds: retry.get("outboxBaseSeconds", asNumberIn(0, 3600)) ?? 30,
      outboxMaxSeconds: retry.get("outboxMaxSeconds", asNumberIn(0, 86_400)) ?? 3600,
      requestTimeoutSeconds: retry.get("requestTimeoutSeconds", asNumberIn(0.1, 600)) ?? 30,
      graphDownBaseSeconds: retry.get("graphDownBaseSeconds", asNumberIn(0.05, 600)) ?? 1,
      graphDownMaxSeconds: retry.get("graphDownMaxSeconds", asNumberIn(0.05, 3600)) ?? 60,
    },
  };
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, "");
}

/** A setting an administrator set by policy: the pane may not change it. */
export class ManagedSettingError extends Error {
  override readonly name = "ManagedSettingError";
  constructor(readonly setting: string) {
    super(`${setting} is set by your administrator's policy`);
  }
}
