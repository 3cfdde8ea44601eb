/** The bridge's local API as the pane and the ribbon commands see it. Every call carries the pairing token. */
import type { CallEntry, Contact, DayCount, DeviceCodeInfo, Lookup, Microsoft365Status, SmsDevice } from "./types.js";

export const TOKEN_META = "telefum-bridge-token";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
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

export interface NewContact {
  number: string;
  name?: string;
  company?: string;
  note?: string;
  email?: string;
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
        headers: { "x-bridge-token": this.token, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        cache: "no-store",
      });
    } catch {
      throw new ApiError(0, "The TelefUM bridge is not running (npm start)");
    }
    const data = (await response.json().catch(() => ({}))) as { error?: string };
    if (!response.ok) throw new ApiError(response.status, data.error ?? `HTTP ${response.status}`);
    return data as T;
  }

  status(): Promise<{ ok: boolean; transport: string; contacts: number; scheme: string }> {
    return this.request("GET", "/api/status");
  }

  async search(q: string): Promise<Contact[]> {
    return (await this.request<{ contacts: Contact[] }>("GET", `/api/contacts?q=${encodeURIComponent(q)}`)).contacts;
  }

  lookup(number: string): Promise<Lookup> {
    return this.request("GET", `/api/lookup?number=${encodeURIComponent(number)}`);
  }

  async call(number: string): Promise<string> {
    return (await this.request<{ sent: string }>("POST", "/api/call", { number })).sent;
  }

  async sms(number: string, text: string, device: SmsDevice): Promise<string> {
    return (await this.request<{ sent: string }>("POST", "/api/sms", { number, text, device })).sent;
  }

  async smsTemplate(number: string): Promise<string> {
    return (await this.request<{ sent: string }>("POST", "/api/sms-template", { number })).sent;
  }

  async createContact(details: NewContact): Promise<Contact> {
    return (await this.request<{ contact: Contact }>("POST", "/api/contacts", details)).contact;
  }

  async choose(number: string, id: string): Promise<void> {
    await this.request("POST", "/api/choose", { number, id });
  }

  async history(options: { number?: string; limit?: number } = {}): Promise<CallEntry[]> {
    const query = new URLSearchParams();
    if (options.number) query.set("number", options.number);
    if (options.limit) query.set("limit", String(options.limit));
    return (await this.request<{ calls: CallEntry[] }>("GET", `/api/history?${query}`)).calls;
  }

  async perDay(days: number): Promise<DayCount[]> {
    return (await this.request<{ days: DayCount[] }>("GET", `/api/history/per-day?days=${days}`)).days;
  }

  /** Microsoft 365 sign-in and sync; undefined when the bridge has no Microsoft 365 configured (404). */
  async m365Status(): Promise<Microsoft365Status | undefined> {
    try {
      return await this.request<Microsoft365Status>("GET", "/api/m365/status");
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return undefined;
      throw error;
    }
  }

  /** Starts a device code sign-in (or joins the waiting one): the code to show the user. */
  m365SignIn(): Promise<DeviceCodeInfo> {
    return this.request("POST", "/api/m365/signin/device", {});
  }

  /** Syncs contacts now; answers the status afterwards. */
  m365Sync(): Promise<Microsoft365Status> {
    return this.request("POST", "/api/m365/sync", {});
  }

  /** Puts the calls Outlook refused back into the queue: how many, and the status afterwards. */
  m365RetryFailed(): Promise<{ requeued: number; status: Microsoft365Status }> {
    return this.request("POST", "/api/m365/retry", {});
  }

  m365SignOut(): Promise<Microsoft365Status> {
    return this.request("POST", "/api/m365/signout", {});
  }
}
