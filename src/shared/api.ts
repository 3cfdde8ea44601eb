/**
 * The bridge's local API as the pane and the ribbon commands see it. Every call carries the pairing token; every
 * path and body is the contract's (bridge/api-contract/: paths as constants, types inferred from its schemas; the
 * pane imports the paths and the types only, so no schema is bundled).
 */
import {
  API,
  TEAM_CLAIM,
  TEAM_HISTORY,
  TEAM_MISSED,
  TEAM_SETTINGS,
  TOKEN_HEADER,
  TOKEN_META,
} from "../../bridge/api-contract/paths.js";
import type {
  ChooseRequest,
  ContactCreatedAnswer,
  ContactsAnswer,
  ContextQuery,
  ContextAnswer,
  MissedAnswer,
  MissedDoneRequest,
  NoteAnswer,
  NoteRequest,
  NoteView,
  ErrorAnswer,
  ForgetChoiceRequest,
  HistoryAnswer,
  HistoryQuery,
  LookupAnswer,
  M365RetryAnswer,
  M365SourceSwitchRequest,
  M365SignInAnswer,
  M365StatusAnswer,
  NewContactRequest,
  NotUnderstoodAnswer,
  NumberRequest,
  PerDayAnswer,
  ReportsAnswer,
  ReportsQuery,
  SentAnswer,
  SmsDevice,
  SmsRequest,
  StatusAnswer,
  TeamCallsAnswer,
  TeamHistoryQuery,
  TeamSettingsAnswer,
  TeamSettingsRequest,
} from "../../bridge/api-contract/types.js";
import type { Contact, DayCount, HistoryEntry, NotUnderstood } from "./types.js";

/** A path with its query parameters; absent values are left out. */
function withQuery(path: string, query: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined) params.set(name, String(value));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** Why the bridge refused an input (400), for the pane to say in the user's language. */
    readonly reason?: ErrorAnswer["reason"],
    /** The values the reason's words name (the number refused, say). */
    readonly params: NonNullable<ErrorAnswer["params"]> = {},
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** The token the bridge wrote into the page it served (taskpane.html / commands.html). */
export function readPairingToken(doc: Document = document): string {
  const meta = doc.querySelector<HTMLMetaElement>(`meta[name="${TOKEN_META}"]`);
  const token = meta?.content ?? "";
  return token.startsWith("__") ? "" : token;
}

export class BridgeApi {
  constructor(
    readonly base: string,
    readonly token: string,
    private readonly fetchImpl: typeof fetch = (input, init) => fetch(input, init),
  ) {}

  private async request<T>(method: "GET" | "POST" | "PUT", path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await this.fetchImpl(this.base + path, {
        method,
        headers: { [TOKEN_HEADER]: this.token, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        cache: "no-store",
      });
    } catch {
      throw new ApiError(0, "The TelefUM bridge is not running (npm start)");
    }
    const data = (await response.json().catch(() => ({}))) as Partial<ErrorAnswer>;
    if (!response.ok)
      throw new ApiError(response.status, data.error ?? `HTTP ${response.status}`, data.reason, data.params ?? {});
    return data as T;
  }

  status(): Promise<StatusAnswer> {
    return this.request("GET", API.status);
  }

  async search(q: string): Promise<Contact[]> {
    return (await this.request<ContactsAnswer>("GET", withQuery(API.contacts, { q }))).contacts;
  }

  lookup(number: string): Promise<LookupAnswer> {
    return this.request("GET", withQuery(API.lookup, { number }));
  }

  async call(number: string): Promise<string> {
    const body: NumberRequest = { number };
    return (await this.request<SentAnswer>("POST", API.call, body)).sent;
  }

  async sms(number: string, text: string, device: SmsDevice): Promise<string> {
    const body: SmsRequest = { number, text, device };
    return (await this.request<SentAnswer>("POST", API.sms, body)).sent;
  }

  async smsTemplate(number: string): Promise<string> {
    const body: NumberRequest = { number };
    return (await this.request<SentAnswer>("POST", API.smsTemplate, body)).sent;
  }

  async createContact(details: NewContactRequest): Promise<Contact> {
    return (await this.request<ContactCreatedAnswer>("POST", API.contacts, details)).contact;
  }

  async choose(number: string, id: string): Promise<void> {
    const body: ChooseRequest = { id, number };
    await this.request("POST", API.choose, body);
  }

  /** CARD with that number's ids shows the chooser again. */
  async forgetChoice(number: string): Promise<void> {
    const body: ForgetChoiceRequest = { number };
    await this.request("POST", API.forgetChoice, body);
  }

  async notUnderstood(): Promise<NotUnderstood[]> {
    return (await this.request<NotUnderstoodAnswer>("GET", API.notUnderstood)).messages;
  }

  async history(options: { number?: string; limit?: number } = {}): Promise<HistoryEntry[]> {
    const query: HistoryQuery = { number: options.number || undefined, limit: options.limit || undefined };
    return (await this.request<HistoryAnswer>("GET", withQuery(API.history, query))).calls;
  }

  async perDay(days: number): Promise<DayCount[]> {
    return (await this.request<PerDayAnswer>("GET", withQuery(API.historyPerDay, { days }))).days;
  }

  /** What the call card shows beyond the name: mail, meetings, tasks, calls, SMS, people found in mail. */
  context(number: string, contactId?: string): Promise<ContextAnswer> {
    const query: ContextQuery = { number, contactId: contactId || undefined };
    return this.request("GET", withQuery(API.context, query));
  }

  /** Keeps a note typed during a call (a new one, or new text for `id`). */
  async saveNote(note: NoteRequest): Promise<NoteView> {
    return (await this.request<NoteAnswer>("POST", API.notes, note)).note;
  }

  /** Missed calls not yet called back, newest first. */
  async missed(): Promise<HistoryEntry[]> {
    return (await this.request<MissedAnswer>("GET", API.missed)).calls;
  }

  async missedDone(callId: number): Promise<HistoryEntry[]> {
    const body: MissedDoneRequest = { callId };
    return (await this.request<MissedAnswer>("POST", API.missedDone, body)).calls;
  }

  /** Microsoft 365 sign-in and sync; undefined when the bridge has no Microsoft 365 configured (404). */
  async m365Status(): Promise<M365StatusAnswer | undefined> {
    try {
      return await this.request<M365StatusAnswer>("GET", API.m365Status);
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return undefined;
      throw error;
    }
  }

  /** Starts a device code sign-in (or joins the waiting one): the code to show the user. */
  m365SignIn(): Promise<M365SignInAnswer> {
    return this.request("POST", API.m365SignIn, {});
  }

  /** Syncs contacts now; answers the status afterwards. */
  m365Sync(): Promise<M365StatusAnswer> {
    return this.request("POST", API.m365Sync, {});
  }

  /** Puts the calls Outlook refused back into the queue: how many, and the status afterwards. */
  m365RetryFailed(): Promise<M365RetryAnswer> {
    return this.request("POST", API.m365Retry, {});
  }

  /** Switches a source of numbers (a `key` of `sync.sources`) on or off; answers the status afterwards. */
  m365SwitchSource(key: string, enabled: boolean): Promise<M365StatusAnswer> {
    const body: M365SourceSwitchRequest = { key, enabled };
    return this.request("POST", API.m365Sources, body);
  }

  m365SignOut(): Promise<M365StatusAnswer> {
    return this.request("POST", API.m365SignOut, {});
  }

  /** The team's latest calls with a number; `enabled` false when there is no team log (the card hides them). */
  teamHistory(number: string): Promise<TeamCallsAnswer> {
    const query: TeamHistoryQuery = { number };
    return this.request("GET", withQuery(TEAM_HISTORY, query));
  }

  /** The team's missed calls nobody has returned yet, newest first. */
  teamMissed(): Promise<TeamCallsAnswer> {
    return this.request("GET", TEAM_MISSED);
  }

  /** "I'll call back": the team log's route answers who and when (409 while the team log is off). */
  teamClaim(itemId: string): Promise<{ claimedBy: string; claimedAt: string }> {
    return this.request("POST", TEAM_CLAIM, { itemId });
  }

  /** The team log's settings as the bridge's config.json holds them, with the status. */
  teamSettings(): Promise<TeamSettingsAnswer> {
    return this.request("GET", TEAM_SETTINGS);
  }

  /** Saves the team log's settings; the bridge applies them at once (400 BAD_SITE / BAD_LIST, 409 managed). */
  saveTeamSettings(settings: TeamSettingsRequest): Promise<TeamSettingsAnswer> {
    return this.request("PUT", TEAM_SETTINGS, settings);
  }

  reports(query: ReportsQuery): Promise<ReportsAnswer> {
    return this.request("GET", withQuery(API.reports, query));
  }

  /** The report as a file (CSV or Excel) with its headings in `lang`; the token travels as a header, so fetched. */
  async reportFile(query: ReportsQuery & { format: "csv" | "xlsx"; lang: string }): Promise<Blob> {
    const response = await this.fetchImpl(this.base + withQuery(API.reportsExport, query), {
      headers: { [TOKEN_HEADER]: this.token },
      cache: "no-store",
    }).catch(() => {
      throw new ApiError(0, "The TelefUM bridge is not running (npm start)");
    });
    if (!response.ok) throw new ApiError(response.status, `HTTP ${response.status}`);
    return response.blob();
  }
}
