/**
 * The bridge's local API as the pane and the ribbon commands see it. Every call carries the pairing token; every
 * body is the contract's (bridge/http/api-contract.ts).
 */
import {
  TOKEN_HEADER,
  TOKEN_META,
  type ChooseRequest,
  type ContactCreatedAnswer,
  type ContactsAnswer,
  type ContextAnswer,
  type MissedAnswer,
  type MissedDoneRequest,
  type NoteAnswer,
  type NoteRequest,
  type NoteView,
  type ErrorAnswer,
  type ForgetChoiceRequest,
  type HistoryAnswer,
  type LookupAnswer,
  type M365RetryAnswer,
  type M365SourceSwitchRequest,
  type M365SignInAnswer,
  type M365StatusAnswer,
  type NewContactRequest,
  type NotUnderstoodAnswer,
  type NumberRequest,
  type PerDayAnswer,
  type SentAnswer,
  type SmsDevice,
  type SmsRequest,
  type StatusAnswer,
} from "../../bridge/http/api-contract.js";
import type { Contact, DayCount, HistoryEntry, NotUnderstood } from "./types.js";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** Why the bridge refused an input (400), for the pane to say in the user's language. */
    readonly reason?: ErrorAnswer["reason"],
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

  private async request<T>(method: "GET" | "POST", path: string, body?: unknown): Promise<T> {
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
    if (!response.ok) throw new ApiError(response.status, data.error ?? `HTTP ${response.status}`, data.reason);
    return data as T;
  }

  status(): Promise<StatusAnswer> {
    return this.request("GET", "/api/status");
  }

  async search(q: string): Promise<Contact[]> {
    return (await this.request<ContactsAnswer>("GET", `/api/contacts?q=${encodeURIComponent(q)}`)).contacts;
  }

  lookup(number: string): Promise<LookupAnswer> {
    return this.request("GET", `/api/lookup?number=${encodeURIComponent(number)}`);
  }

  async call(number: string): Promise<string> {
    const body: NumberRequest = { number };
    return (await this.request<SentAnswer>("POST", "/api/call", body)).sent;
  }

  async sms(number: string, text: string, device: SmsDevice): Promise<string> {
    const body: SmsRequest = { number, text, device };
    return (await this.request<SentAnswer>("POST", "/api/sms", body)).sent;
  }

  async smsTemplate(number: string): Promise<string> {
    const body: NumberRequest = { number };
    return (await this.request<SentAnswer>("POST", "/api/sms-template", body)).sent;
  }

  async createContact(details: NewContactRequest): Promise<Contact> {
    return (await this.request<ContactCreatedAnswer>("POST", "/api/contacts", details)).contact;
  }

  async choose(number: string, id: string): Promise<void> {
    const body: ChooseRequest = { id, number };
    await this.request("POST", "/api/choose", body);
  }

  /** CARD with that number's ids shows the chooser again. */
  async forgetChoice(number: string): Promise<void> {
    const body: ForgetChoiceRequest = { number };
    await this.request("POST", "/api/forget-choice", body);
  }

  async notUnderstood(): Promise<NotUnderstood[]> {
    return (await this.request<NotUnderstoodAnswer>("GET", "/api/not-understood")).messages;
  }

  async history(options: { number?: string; limit?: number } = {}): Promise<HistoryEntry[]> {
    const query = new URLSearchParams();
    if (options.number) query.set("number", options.number);
    if (options.limit) query.set("limit", String(options.limit));
    return (await this.request<HistoryAnswer>("GET", `/api/history?${query}`)).calls;
  }

  async perDay(days: number): Promise<DayCount[]> {
    return (await this.request<PerDayAnswer>("GET", `/api/history/per-day?days=${days}`)).days;
  }

  /** What the call card shows beyond the name: mail, meetings, tasks, calls, SMS, people found in mail. */
  context(number: string, contactId?: string): Promise<ContextAnswer> {
    const query = new URLSearchParams({ number });
    if (contactId) query.set("contactId", contactId);
    return this.request("GET", `/api/context?${query}`);
  }

  /** Keeps a note typed during a call (a new one, or new text for `id`). */
  async saveNote(note: NoteRequest): Promise<NoteView> {
    return (await this.request<NoteAnswer>("POST", "/api/notes", note)).note;
  }

  /** Missed calls not yet called back, newest first. */
  async missed(): Promise<HistoryEntry[]> {
    return (await this.request<MissedAnswer>("GET", "/api/missed")).calls;
  }

  async missedDone(callId: number): Promise<HistoryEntry[]> {
    const body: MissedDoneRequest = { callId };
    return (await this.request<MissedAnswer>("POST", "/api/missed/done", body)).calls;
  }

  /** Microsoft 365 sign-in and sync; undefined when the bridge has no Microsoft 365 configured (404). */
  async m365Status(): Promise<M365StatusAnswer | undefined> {
    try {
      return await this.request<M365StatusAnswer>("GET", "/api/m365/status");
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return undefined;
      throw error;
    }
  }

  /** Starts a device code sign-in (or joins the waiting one): the code to show the user. */
  m365SignIn(): Promise<M365SignInAnswer> {
    return this.request("POST", "/api/m365/signin/device", {});
  }

  /** Syncs contacts now; answers the status afterwards. */
  m365Sync(): Promise<M365StatusAnswer> {
    return this.request("POST", "/api/m365/sync", {});
  }

  /** Puts the calls Outlook refused back into the queue: how many, and the status afterwards. */
  m365RetryFailed(): Promise<M365RetryAnswer> {
    return this.request("POST", "/api/m365/retry", {});
  }

  /** Switches a source of numbers (a `key` of `sync.sources`) on or off; answers the status afterwards. */
  m365SwitchSource(key: string, enabled: boolean): Promise<M365StatusAnswer> {
    const body: M365SourceSwitchRequest = { key, enabled };
    return this.request("POST", "/api/m365/sources", body);
  }

  m365SignOut(): Promise<M365StatusAnswer> {
    return this.request("POST", "/api/m365/signout", {});
  }
}
