/**
 * The `microsoft365` section of config.json, checked and given defaults. Absent or `enabled: false` = off.
 */
import { isRecord } from "../is-record.js";

export type CardOpenMode = "web" | "classic" | "pane";
export type RecordingMode = "none" | "wav" | "mp3";

export interface M365Config {
  enabled: boolean;
  /** Application (client) id of the Entra app registration (public client, "Mobile and desktop" platform). */
  clientId: string;
  /** `https://login.microsoftonline.com/<tenant id | organizations | common>`. */
  authority: string;
  /** Hosts MSAL may trust without instance discovery (sovereign clouds, test fakes). */
  knownAuthorities: string[];
  /** Optional JSON strings that spare MSAL the discovery round-trips (msal-node `authorityMetadata`/`cloudDiscoveryMetadata`). */
  authorityMetadata?: string;
  cloudDiscoveryMetadata?: string;
  /** Graph root, e.g. https://graph.microsoft.com. */
  graphBaseUrl: string;
  scopes: string[];
  sync: {
    /** Minutes between incremental syncs. */
    intervalMinutes: number;
    /** Also index the organisation's users (/users phones). */
    directory: boolean;
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
    calendarName: string;
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
  retry: {
    /** In-process retries of reads on 429/503/504 (the SDK RetryHandler, honouring Retry-After). */
    readRetries: number;
    /** A Retry-After longer than this is left to the next sync / the outbox instead of sleeping. */
    maxInlineDelaySeconds: number;
    /** Outbox backoff: first delay and cap. */
    outboxBaseSeconds: number;
    outboxMaxSeconds: number;
  };
}

export class M365ConfigError extends Error {
  constructor(message: string) {
    super(`microsoft365: ${message}`);
    this.name = "M365ConfigError";
  }
}

export const DEFAULT_SCOPES = [
  "User.Read",
  "Contacts.ReadWrite",
  "Calendars.ReadWrite",
  "Tasks.ReadWrite",
  "Files.ReadWrite",
  "offline_access",
];


export function parseM365Config(raw: unknown): M365Config {
  if (raw !== undefined && raw !== null && !isRecord(raw)) throw new M365ConfigError("must be an object");
  const r = (raw ?? {}) as Record<string, unknown>;
  const sync = section(r, "sync");
  const card = section(r, "card");
  const calls = section(r, "calls");
  const retry = section(r, "retry");
  const enabled = bool(r.enabled, "enabled", raw !== undefined && raw !== null);
  const clientId = str(r.clientId, "clientId", "");
  if (enabled && !clientId) throw new M365ConfigError("clientId is required (the app registration's Application ID)");
  const tenant = str(r.tenant, "tenant", "organizations");
  const directory = bool(sync.directory, "sync.directory", false);
  const scopes = strList(r.scopes, "scopes", directory ? [...DEFAULT_SCOPES, "User.ReadBasic.All"] : DEFAULT_SCOPES);
  const config: M365Config = {
    enabled,
    clientId,
    authority: trimSlash(str(r.authority, "authority", `https://login.microsoftonline.com/${tenant}`)),
    knownAuthorities: strList(r.knownAuthorities, "knownAuthorities", []),
    graphBaseUrl: trimSlash(str(r.graphBaseUrl, "graphBaseUrl", "https://graph.microsoft.com")),
    scopes,
    sync: {
      intervalMinutes: num(sync.intervalMinutes, "sync.intervalMinutes", 5, 0.05, 1440),
      directory,
      pageSize: num(sync.pageSize, "sync.pageSize", 200, 1, 1000),
    },
    card: {
      mode: oneOf(card.mode, "card.mode", ["web", "classic", "pane"] as const, "web"),
      webUrlTemplate: str(card.webUrlTemplate, "card.webUrlTemplate", "https://outlook.office.com/owa/?ItemID={id}&exvsurl=1&path=/people"),
      outlookPath: str(card.outlookPath, "card.outlookPath", "outlook.exe"),
      chooser: oneOf(card.chooser, "card.chooser", ["pane", "page"] as const, "pane"),
    },
    calls: {
      enabled: bool(calls.enabled, "calls.enabled", true),
      calendarName: str(calls.calendarName, "calls.calendarName", "Calls"),
      todoListName: str(calls.todoListName, "calls.todoListName", ""),
      missedCallTask: bool(calls.missedCallTask, "calls.missedCallTask", true),
      appendToNotes: bool(calls.appendToNotes, "calls.appendToNotes", true),
      recording: oneOf(calls.recording, "calls.recording", ["none", "wav", "mp3"] as const, "none"),
      recordingFolder: str(calls.recordingFolder, "calls.recordingFolder", "TelefUM/Recordings").replace(/^\/+|\/+$/g, ""),
      linkScope: oneOf(calls.linkScope, "calls.linkScope", ["organization", "anonymous", "users"] as const, "organization"),
      mp3Kbps: num(calls.mp3Kbps, "calls.mp3Kbps", 32, 8, 320),
      uploadChunkBytes: num(calls.uploadChunkBytes, "calls.uploadChunkBytes", 10 * 327_680, 327_680, 60 * 1024 * 1024),
      timeZone: str(calls.timeZone, "calls.timeZone", Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC"),
    },
    retry: {
      readRetries: num(retry.readRetries, "retry.readRetries", 3, 0, 10),
      maxInlineDelaySeconds: num(retry.maxInlineDelaySeconds, "retry.maxInlineDelaySeconds", 30, 0, 180),
      outboxBaseSeconds: num(retry.outboxBaseSeconds, "retry.outboxBaseSeconds", 30, 0, 3600),
      outboxMaxSeconds: num(retry.outboxMaxSeconds, "retry.outboxMaxSeconds", 3600, 0, 86_400),
    },
  };
  if (config.calls.uploadChunkBytes % 327_680 !== 0) throw new M365ConfigError("calls.uploadChunkBytes must be a multiple of 327680 (320 KiB)");
  if (r.authorityMetadata !== undefined) config.authorityMetadata = jsonString(r.authorityMetadata, "authorityMetadata");
  if (r.cloudDiscoveryMetadata !== undefined) config.cloudDiscoveryMetadata = jsonString(r.cloudDiscoveryMetadata, "cloudDiscoveryMetadata");
  for (const url of [config.authority, config.graphBaseUrl]) {
    if (!/^https:\/\//i.test(url)) throw new M365ConfigError(`${url} must be an https:// URL`);
  }
  return config;
}

function section(r: Record<string, unknown>, key: string): Record<string, unknown> {
  const v = r[key];
  if (v === undefined) return {};
  if (!isRecord(v)) throw new M365ConfigError(`${key} must be an object`);
  return v;
}

function bool(v: unknown, where: string, fallback: boolean): boolean {
  if (v === undefined) return fallback;
  if (typeof v !== "boolean") throw new M365ConfigError(`${where} must be true or false, got ${JSON.stringify(v)}`);
  return v;
}

function str(v: unknown, where: string, fallback: string): string {
  if (v === undefined) return fallback;
  if (typeof v !== "string") throw new M365ConfigError(`${where} must be a string, got ${JSON.stringify(v)}`);
  return v.trim();
}

function num(v: unknown, where: string, fallback: number, min: number, max: number): number {
  if (v === undefined) return fallback;
  if (typeof v !== "number" || !Number.isFinite(v) || v < min || v > max) {
    throw new M365ConfigError(`${where} must be a number from ${min} to ${max}, got ${JSON.stringify(v)}`);
  }
  return v;
}

function strList(v: unknown, where: string, fallback: string[]): string[] {
  if (v === undefined) return fallback;
  if (!Array.isArray(v) || !v.every((s) => typeof s === "string")) throw new M365ConfigError(`${where} must be a list of strings`);
  return v as string[];
}

function oneOf<T extends string>(v: unknown, where: string, allowed: readonly T[], fallback: T): T {
  if (v === undefined) return fallback;
  if (typeof v !== "string" || !(allowed as readonly string[]).includes(v)) {
    throw new M365ConfigError(`${where} must be one of ${allowed.join(", ")}, got ${JSON.stringify(v)}`);
  }
  return v as T;
}

/** Accepts the metadata as a JSON string or as an object (written inline in config.json). */
function jsonString(v: unknown, where: string): string {
  if (typeof v === "string") {
    try {
      JSON.parse(v);
    } catch {
      throw new M365ConfigError(`${where} is not valid JSON`);
    }
    return v;
  }
  if (isRecord(v)) return JSON.stringify(v);
  throw new M365ConfigError(`${where} must be a JSON object or string`);
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, "");
}
