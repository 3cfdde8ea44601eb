/**
 * A faithful, stateful fake of the Microsoft Graph endpoints the bridge uses, plus a fake Entra ID token service,
 * on a real HTTPS server (127.0.0.1, random port, self-signed certificate in ./tls).
 *
 * Graph behaviour reproduced: @odata.nextLink paging honouring `Prefer: odata.maxpagesize`, per-folder contact
 * delta with @odata.deltaLink tokens and `@removed` tombstones (in /me and in mailboxes shared with the user at
 * /users/{id | upn}, 403 ErrorAccessDenied when not shared), /users/delta, organisation contacts (/contacts; 403
 * Authorization_RequestDenied when the tenant does not grant them), JSON batching ($batch: at most 20 requests,
 * each answered with its own status, headers and body, dependsOn → 424), 410 Gone (syncStateNotFound) after a
 * token is invalidated, 429/503 with Retry-After (a request that comes back before Retry-After is over is throttled
 * again and counted as an early retry), 401 InvalidAuthenticationToken for unknown/revoked tokens, transactionId
 * de-duplication of events, upload sessions with Content-Range, sharing links, translateExchangeIds, message
 * `$search` (KQL: quoted value, OR, participants:/from:/to:/subject:/body:, phrases; newest first; no $orderby or
 * $filter with it), bodies as HTML unless `Prefer: outlook.body-content-type="text"`, calendarView (the time window
 * required; event times compared as written, time zones ignored), To Do tasks filtered by status and PATCHed
 * completed, an injected latency on every Graph request (`latencyMs`), and a network outage or a flapping link
 * (`networkDown`, `flap()`: connections reset before any answer).
 * Token service: openid-configuration, instance discovery, device code, authorization code (+PKCE, redirect to
 * the loopback), refresh tokens; id tokens are unsigned JWTs (MSAL does not verify signatures in public clients).
 */
import { createServer, type Server } from "node:https";
import type { IncomingMessage, ServerResponse } from "node:http";
import { randomBytes, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { graphContractBreach } from "./graph-contract.js";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { matches, parseSearch } from "./kql.js";
import { FakeMailbox, type GraphContact, publicContact } from "./fake-mailbox.js";
import { FakeSharePoint, type FakeSignedInUser } from "./sharepoint.js";

export type { GraphContact } from "./fake-mailbox.js";
export { FakeMailbox } from "./fake-mailbox.js";

const here = dirname(fileURLToPath(import.meta.url));
export const FAKE_TLS = {
  cert: readFileSync(join(here, "tls", "cert.pem"), "utf8"),
  key: readFileSync(join(here, "tls", "key.pem"), "utf8"),
};

export const FAKE_TENANT = "11111111-2222-3333-4444-555555555555";
export const FAKE_USER = {
  oid: "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
  upn: "anna@contoso.test",
  name: "Anna Operator",
};

export interface GraphUser {
  id: string;
  displayName: string;
  mail?: string | null;
  jobTitle?: string | null;
  department?: string | null;
  companyName?: string | null;
  businessPhones: string[];
  mobilePhone?: string | null;
}

/** An organisation contact (orgContact): read-only, synchronised into the tenant by its administrators. */
export interface GraphOrgContact {
  id: string;
  displayName: string;
  givenName?: string | null;
  surname?: string | null;
  mail?: string | null;
  companyName?: string | null;
  department?: string | null;
  jobTitle?: string | null;
  phones: { type: "business" | "businessFax" | "mobile" | "home" | "other"; number: string | null }[];
}

export interface Fault {
  method?: string;
  /** Regex on the path (without query). */
  path: RegExp;
  status: number;
  retryAfterSeconds?: number;
  /** Apply the request first, then answer with the fault (a response lost on the way back). */
  afterApply?: boolean;
  /** How many requests it hits (default 1; Infinity until clearFaults()). */
  times?: number;
  /**
   * What goes wrong on the wire instead of a Graph error body: `html` is a captive proxy's `200 text/html` login
   * page; `truncated` starts a JSON 200 (Content-Length of the whole) and cuts the connection halfway.
   */
  answer?: "html" | "truncated";
}

interface DeltaCursor {
  items: Record<string, unknown>[];
  offset: number;
  /** The delta function's URL, that nextLink and deltaLink extend. */
  base: string;
  /** The token of the deltaLink that ends this round. */
  deltaToken: string;
  /** Tokens were invalidated since the round started: its next page answers 410. */
  stale(): boolean;
}

interface StoredItem {
  id: string;
  name: string;
  path: string;
  content: Buffer;
  size: number;
}

interface UploadSession {
  path: string;
  buffer: Buffer;
  received: number;
  expected: number | undefined;
  done: boolean;
}

export interface FakeMessage {
  id: string;
  subject: string;
  /** Plain text; served as HTML unless the client prefers text. */
  body: string;
  from: { name: string; address: string };
  toRecipients: { name: string; address: string }[];
  receivedDateTime: string;
  sentDateTime: string;
  webLink: string;
}

interface RequestLogEntry {
  method: string;
  path: string;
  status: number;
  at: number;
  /** A request inside a $batch (not an HTTP request of its own). */
  batched?: boolean;
  /** Its Prefer header (page size, immutable ids). */
  prefer?: string;
}

export class FakeGraph {
  private server!: Server;
  url = "";
  host = "";

  // Mailbox state: the signed-in user's own, and others shared with them (by upn and by id)
  readonly me = new FakeMailbox(FAKE_USER.upn, FAKE_USER.oid, "folder-contacts");
  private readonly mailboxes = new Map<string, FakeMailbox>();
  readonly users: GraphUser[] = [];
  // Directory change history for /users/delta
  private userSeq = 0;
  private readonly userChanged = new Map<string, number>();
  private userTombstones: { id: string; seq: number }[] = [];
  private userEpoch = 0;
  readonly orgContacts: GraphOrgContact[] = [];
  /** The tenant does not grant OrgContact.Read.All: /contacts answers 403. */
  orgContactsDenied = false;
  readonly calendars: { id: string; name: string }[] = [{ id: "cal-default", name: "Calendar" }];
  readonly events: (Record<string, unknown> & { id: string; calendarId: string })[] = [];
  readonly todoLists: { id: string; displayName: string; wellknownListName: string }[] = [
    { id: "list-tasks", displayName: "Tasks", wellknownListName: "defaultList" },
  ];
  readonly tasks: (Record<string, unknown> & { id: string; listId: string })[] = [];
  readonly messages: FakeMessage[] = [];
  /** Added to every Graph (/v1.0) request before it is answered: a slow network or service. */
  latencyMs = 0;
  readonly driveItems = new Map<string, StoredItem>();
  readonly links: { itemId: string; type: string; scope: string; webUrl: string }[] = [];
  private readonly uploads = new Map<string, UploadSession>();
  private readonly cursors = new Map<string, DeltaCursor>();

  // Identity state
  private readonly accessTokens = new Map<string, { revoked: boolean; user: FakeSignedInUser; scopes: string[] }>();
  private readonly refreshTokens = new Map<string, FakeSignedInUser>();
  /** Who the next device code or browser sign-in signs in as (tests of two users); then back to FAKE_USER. */
  nextSignIn: FakeSignedInUser | undefined;
  /** SharePoint sites, lists and list items (sharepoint.ts). */
  readonly sharePoint = new FakeSharePoint();
  private readonly deviceCodes = new Map<string, { approved: boolean; user: FakeSignedInUser }>();
  private readonly authCodes = new Map<string, { user: FakeSignedInUser; nonce?: string; challenge?: string }>();
  tokenRequests: { grantType: string }[] = [];

  // Faults and observation
  private faults: (Fault & { remaining: number })[] = [];
  private throttledUntil = new Map<string, number>();
  earlyRetries = 0;
  readonly log: RequestLogEntry[] = [];
  /** Requests Microsoft's Graph description does not allow (answered 400); stop() fails while any is left here. */
  readonly contractBreaches: string[] = [];
  /** Default page size when the client does not ask (Graph's is 10 for contacts). */
  defaultPageSize = 10;
  /** Whether /me/contactFolders/contacts resolves the well-known name (the sync falls back when not). */
  wellKnownContactsFolder = true;
  /** Device codes are approved this many polls after being issued (0 = at once). */
  devicePendingPolls = 1;

  get folders(): FakeMailbox["folders"] {
    return this.me.folders;
  }

  get contacts(): FakeMailbox["contacts"] {
    return this.me.contacts;
  }

  get defaultFolderId(): string {
    return this.me.defaultFolderId;
  }

  async start(): Promise<this> {
    this.server = createServer({ cert: FAKE_TLS.cert, key: FAKE_TLS.key }, (req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        if (!res.headersSent) this.json(res, 500, { error: { code: "generalException", message: String(error) } });
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    const port = (this.server.address() as AddressInfo).port;
    this.host = `127.0.0.1:${port}`;
    this.url = `https://${this.host}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    // Every test that meets the fake checks its requests against Microsoft's contract, even one that shrugs off a 400.
    if (this.contractBreaches.length) {
      throw new Error(`Requests real Graph would refuse:\n${this.contractBreaches.join("\n")}`);
    }
  }

  // ---------- seeding and mutation helpers (what "someone else" does in the mailbox) ----------

  addFolder(displayName: string, parentFolderId = this.defaultFolderId): string {
    return this.me.addFolder(displayName, parentFolderId);
  }

  addContact(
    contact: Omit<GraphContact, "id" | "parentFolderId"> & { parentFolderId?: string; id?: string },
  ): GraphContact {
    return this.me.addContact(contact);
  }

  updateContact(id: string, patch: Partial<GraphContact>): void {
    this.me.updateContact(id, patch);
  }

  /** The user moves a contact to another folder (Exchange gives it a new REST id, the immutable id stays). */
  moveContact(id: string, folderId: string): void {
    this.me.moveContact(id, folderId);
  }

  deleteContact(id: string): void {
    this.me.deleteContact(id);
  }

  deleteFolder(folderId: string): void {
    this.me.deleteFolder(folderId);
  }

  invalidateDeltaTokens(folderId: string): void {
    this.me.invalidateDeltaTokens(folderId);
  }

  contact(id: string): GraphContact | undefined {
    return this.me.contact(id);
  }

  /** Another mailbox (a shared or delegated one); `granted` = the signed-in user may read its contacts. */
  addMailbox(userPrincipalName: string, granted = true): FakeMailbox {
    const id = randomUUID();
    const mailbox = new FakeMailbox(
      userPrincipalName,
      id,
      `folder-contacts-${randomBytes(3).toString("hex")}`,
      granted,
    );
    this.mailboxes.set(userPrincipalName.toLowerCase(), mailbox);
    this.mailboxes.set(id, mailbox);
    return mailbox;
  }

  addOrgContact(contact: Omit<GraphOrgContact, "id"> & { id?: string }): GraphOrgContact {
    const stored = { ...contact, id: contact.id ?? randomUUID() };
    this.orgContacts.push(stored);
    return stored;
  }

  addUser(user: Omit<GraphUser, "id"> & { id?: string }): GraphUser {
    const stored = { ...user, id: user.id ?? randomUUID() };
    this.users.push(stored);
    this.userChanged.set(stored.id, ++this.userSeq);
    return stored;
  }

  updateUser(id: string, patch: Partial<Omit<GraphUser, "id">>): void {
    const user = this.users.find((u) => u.id === id);
    if (!user) throw new Error(`no user ${id}`);
    Object.assign(user, patch);
    this.userChanged.set(id, ++this.userSeq);
  }

  /** Deletes a user (soft delete: /users/delta reports it `@removed` with reason "changed"). */
  deleteUser(id: string): void {
    const at = this.users.findIndex((u) => u.id === id);
    if (at < 0) return;
    this.users.splice(at, 1);
    this.userChanged.delete(id);
    this.userTombstones.push({ id, seq: ++this.userSeq });
  }

  /** Every /users/delta token issued so far now answers 410 Gone. */
  invalidateUserDeltaTokens(): void {
    this.userEpoch++;
  }

  addMessage(message: Omit<FakeMessage, "id" | "webLink" | "sentDateTime"> & { sentDateTime?: string }): FakeMessage {
    const id = `AAMkAG${randomBytes(9).toString("base64url")}`;
    const stored: FakeMessage = {
      sentDateTime: message.receivedDateTime,
      ...message,
      id,
      webLink: `${this.url}/owa/?ItemID=${encodeURIComponent(id)}&exvsurl=1&viewmodel=ReadMessageItem`,
    };
    this.messages.push(stored);
    return stored;
  }

  /** A meeting in the default calendar; times as Graph's dateTime (`2026-11-20T10:00:00`), UTC. */
  addEvent(event: { subject: string; start: string; end: string; attendees: string[] }): Record<string, unknown> {
    const id = `evt-${randomBytes(6).toString("hex")}`;
    const stored = {
      id,
      calendarId: this.calendars[0]!.id,
      subject: event.subject,
      start: { dateTime: `${event.start}.0000000`, timeZone: "UTC" },
      end: { dateTime: `${event.end}.0000000`, timeZone: "UTC" },
      attendees: event.attendees.map((address) => ({
        type: "required",
        status: { response: "none", time: "0001-01-01T00:00:00Z" },
        emailAddress: { name: address, address },
      })),
      webLink: this.eventLink(id),
    };
    this.events.push(stored);
    return stored;
  }

  private eventLink(id: string): string {
    return `${this.url}/owa/?itemid=${encodeURIComponent(id)}&exvsurl=1&path=/calendar/item`;
  }

  /** Holds matching requests unanswered until the returned function is called (a slow or hung Graph). */
  hold(path: RegExp): () => void {
    let release!: () => void;
    const gate = { path, promise: new Promise<void>((resolve) => (release = resolve)) };
    this.holds.push(gate);
    return () => {
      this.holds.splice(this.holds.indexOf(gate), 1);
      release();
    };
  }

  private readonly holds: { path: RegExp; promise: Promise<void> }[] = [];

  /** While true, every connection that sends a request is reset before an answer (a network outage). */
  networkDown = false;

  /** The link goes down and up again (`downMs`, then `upMs`) until the returned function stops it, up. */
  flap(upMs: number, downMs: number): () => void {
    let timer: NodeJS.Timeout;
    const toggle = (): void => {
      this.networkDown = !this.networkDown;
      timer = setTimeout(toggle, this.networkDown ? downMs : upMs);
    };
    toggle();
    return () => {
      clearTimeout(timer);
      this.networkDown = false;
    };
  }

  inject(fault: Fault): void {
    this.faults.push({ ...fault, remaining: fault.times ?? 1 });
  }

  /** Graph is well again: no more injected faults (throttling windows already open still run out). */
  clearFaults(): void {
    this.faults = [];
  }

  revokeAccessTokens(): void {
    for (const token of this.accessTokens.values()) token.revoked = true;
  }

  revokeRefreshTokens(): void {
    this.refreshTokens.clear();
  }

  requests(method: string, path: RegExp): RequestLogEntry[] {
    return this.log.filter((r) => r.method === method && path.test(r.path));
  }

  openIdConfiguration(): Record<string, unknown> {
    const base = `${this.url}/${FAKE_TENANT}`;
    return {
      token_endpoint: `${base}/oauth2/v2.0/token`,
      token_endpoint_auth_methods_supported: ["client_secret_post", "private_key_jwt", "client_secret_basic"],
      jwks_uri: `${this.url}/${FAKE_TENANT}/discovery/v2.0/keys`,
      response_modes_supported: ["query", "fragment", "form_post"],
      subject_types_supported: ["pairwise"],
      id_token_signing_alg_values_supported: ["RS256"],
      response_types_supported: ["code", "id_token", "code id_token", "id_token token"],
      scopes_supported: ["openid", "profile", "email", "offline_access"],
      issuer: `${base}/v2.0`,
      request_uri_parameter_supported: false,
      userinfo_endpoint: `${this.url}/oidc/userinfo`,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
      http_logout_supported: true,
      frontchannel_logout_supported: true,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      claims_supported: ["sub", "iss", "aud", "exp", "iat", "nonce", "preferred_username", "name", "tid", "oid"],
      tenant_region_scope: "EU",
      cloud_instance_name: "fake.test",
      cloud_graph_host_name: this.host,
      msgraph_host: this.host,
    };
  }

  cloudDiscoveryMetadata(): Record<string, unknown> {
    return {
      tenant_discovery_endpoint: `${this.url}/${FAKE_TENANT}/v2.0/.well-known/openid-configuration`,
      "api-version": "1.1",
      metadata: [{ preferred_network: this.host, preferred_cache: this.host, aliases: [this.host] }],
    };
  }

  /** The bridge's `microsoft365` config section that points every endpoint at this fake. */
  microsoft365Config(clientId: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      enabled: true,
      clientId,
      authority: `${this.url}/${FAKE_TENANT}`,
      knownAuthorities: [this.host],
      authorityMetadata: this.openIdConfiguration(),
      cloudDiscoveryMetadata: this.cloudDiscoveryMetadata(),
      graphBaseUrl: this.url,
      ...extra,
    };
  }

  // ---------- HTTP ----------

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", this.url);
    const method = req.method ?? "GET";
    const body = await readBody(req);
    const entry: RequestLogEntry = { method, path: url.pathname, status: 0, at: Date.now() };
    if (req.headers.prefer) entry.prefer = String(req.headers.prefer);
    this.log.push(entry);
    const originalWriteHead = res.writeHead.bind(res);
    res.writeHead = ((status: number, ...rest: unknown[]) => {
      entry.status = status;
      return (originalWriteHead as (...a: unknown[]) => ServerResponse)(status, ...rest);
    }) as typeof res.writeHead;

    // The network is down: the connection is reset, as a cut link or a dead proxy does.
    if (this.networkDown) {
      entry.status = -1;
      req.socket.destroy();
      return;
    }
    const held = this.holds.find((g) => g.path.test(url.pathname));
    if (held) await held.promise;
    if (this.latencyMs > 0 && url.pathname.startsWith("/v1.0/")) await sleep(this.latencyMs);
    await this.dispatch(method, url, req, body, res);
  }

  /** Throttling, injected faults, then the route: the same for an HTTP request and a request inside a $batch. */
  private async dispatch(
    method: string,
    url: URL,
    req: IncomingMessage,
    body: Buffer,
    res: ServerResponse,
  ): Promise<void> {
    // Throttling window still open for this path: an early retry.
    const throttleKey = `${method} ${url.pathname}`;
    const until = this.throttledUntil.get(throttleKey);
    if (until !== undefined) {
      // 50 ms of slack for timer and clock granularity; a client that ignores Retry-After is far earlier.
      if (Date.now() < until - 50) {
        this.earlyRetries++;
        const seconds = Math.max(1, Math.ceil((until - Date.now()) / 1000));
        return this.json(
          res,
          429,
          { error: { code: "TooManyRequests", message: "Retried too early" } },
          { "retry-after": String(seconds) },
        );
      }
      this.throttledUntil.delete(throttleKey);
    }

    // On the wire (a proxy's page, a cut answer) a request inside a batch fails as its batch: see batch().
    const inBatch = (req as { batched?: boolean }).batched === true;
    const fault = this.faults.find(
      (f) => f.remaining > 0 && !(inBatch && f.answer) && this.faultHits(f, method, url.pathname),
    );
    if (fault && !fault.afterApply) {
      fault.remaining--;
      return this.sendFault(res, fault, throttleKey);
    }
    if (fault?.afterApply) {
      fault.remaining--;
      const sink = new NullResponse();
      await this.route(method, url, req, body, sink as unknown as ServerResponse);
      return this.sendFault(res, fault, throttleKey, sink.text);
    }
    await this.route(method, url, req, body, res);
  }

  private faultHits(fault: Fault & { remaining: number }, method: string, path: string): boolean {
    return fault.remaining > 0 && (!fault.method || fault.method === method) && fault.path.test(path);
  }

  private sendFault(res: ServerResponse, fault: Fault, throttleKey: string, applied?: string): void {
    if (fault.answer === "html") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end("<html><body><h1>Proxy sign-in</h1><form action='/login'></form></body></html>");
      return;
    }
    if (fault.answer === "truncated") {
      const whole = Buffer.from(applied || JSON.stringify({ id: "cut-off", value: [] }));
      res.writeHead(200, { "content-type": "application/json", "content-length": String(whole.length) });
      res.write(whole.subarray(0, Math.floor(whole.length / 2)));
      setTimeout(() => res.socket?.destroy(), 20);
      return;
    }
    const headers: Record<string, string> = {};
    if (fault.retryAfterSeconds !== undefined) {
      headers["retry-after"] = String(fault.retryAfterSeconds);
      this.throttledUntil.set(throttleKey, Date.now() + fault.retryAfterSeconds * 1000);
    }
    const codes: Record<number, string> = {
      401: "InvalidAuthenticationToken",
      429: "TooManyRequests",
      503: "ServiceUnavailable",
    };
    const code = codes[fault.status] ?? "generalException";
    this.json(res, fault.status, { error: { code, message: `Injected ${fault.status}` } }, headers);
  }

  private async route(
    method: string,
    url: URL,
    req: IncomingMessage,
    body: Buffer,
    res: ServerResponse,
  ): Promise<void> {
    const path = url.pathname;
    let m: RegExpMatchArray | null;

    // ----- identity -----
    if (path.startsWith(`/${FAKE_TENANT}/`) || path.startsWith("/common/")) {
      return this.identity(method, url, body, res);
    }
    if (path.startsWith("/upload/")) return this.uploadChunk(method, url, req, body, res);
    if (!path.startsWith("/v1.0/")) return this.json(res, 404, { error: { code: "NotFound", message: path } });

    const auth = req.headers.authorization ?? "";
    const token = auth.startsWith("Bearer ") ? auth.slice(7) : "";
    const known = this.accessTokens.get(token);
    if (!known || known.revoked) {
      return this.json(res, 401, {
        error: {
          code: "InvalidAuthenticationToken",
          message: known ? "Lifetime validation failed, the token is expired." : "Access token is empty or invalid.",
        },
      });
    }

    const p = path.slice("/v1.0".length);
    const json = (): Record<string, unknown> =>
      body.length ? (JSON.parse(body.toString("utf8")) as Record<string, unknown>) : {};

    const breach = graphContractBreach(method, p, url.searchParams, body); // Microsoft's own description decides
    if (breach) this.contractBreaches.push(`${method} ${p}${url.search}: ${breach}`);
    if (breach) return this.badRequest(res, breach);
    if (method === "POST" && p === "/$batch") return this.batch(req, json(), res);

    // contact folders and contacts of a mailbox: /me/… or, when shared with the user, /users/{id | upn}/…
    if ((m = p.match(/^\/users\/([^/]+)(\/contactFolders(?:\/.*)?)$/))) {
      const mailbox = this.mailboxes.get(decodeURIComponent(m[1]!).toLowerCase()) ?? this.mailboxByMe(m[1]!);
      if (!mailbox)
        return this.json(res, 404, { error: { code: "ErrorInvalidUser", message: `User ${m[1]} not found` } });
      if (!mailbox.granted) {
        return this.json(res, 403, {
          error: { code: "ErrorAccessDenied", message: "Access is denied. Check credentials and try again." },
        });
      }
      return this.mailboxRoute(mailbox, `/users/${m[1]}`, m[2]!, method, url, req, json, res);
    }
    if ((m = p.match(/^\/me(\/contactFolders(?:\/.*)?|\/contacts(?:\/.*)?)$/))) {
      return this.mailboxRoute(this.me, "/me", m[1]!, method, url, req, json, res);
    }

    if (method === "GET" && p === "/me")
      return this.json(res, 200, {
        id: known.user.oid,
        displayName: known.user.name,
        userPrincipalName: known.user.upn,
      });
    if (p.startsWith("/sites/")) {
      const answer = this.sharePoint.route(method, url, p, req.headers, json, { ...known.user, scopes: known.scopes });
      return this.json(res, answer.status, answer.body);
    }

    if (method === "POST" && p === "/me/translateExchangeIds") {
      const input = json() as { inputIds?: string[]; targetIdType?: string; sourceIdType?: string };
      if (!Array.isArray(input.inputIds) || !input.targetIdType || !input.sourceIdType)
        return this.badRequest(res, "inputIds, sourceIdType and targetIdType are required");
      // Each id must be of the kind sourceIdType names: a REST id is not a restImmutableEntryId, and back.
      const kind = input.sourceIdType === "restImmutableEntryId" ? "immutable" : "rest";
      return this.json(res, 200, {
        value: input.inputIds.map((sourceId) =>
          this.me.idKind(sourceId) === kind
            ? { sourceId, targetId: fakeEntryId(this.me.find(sourceId)!.id) }
            : { sourceId, errorDetails: { code: "ErrorInvalidIdMalformed", message: "Id is malformed." } },
        ),
      });
    }

    // directory
    if (method === "GET" && p === "/users") {
      const users = this.users.map((u) => this.select(u as unknown as Record<string, unknown>, url));
      return this.page(res, url, req, users, `${this.url}${path}`);
    }
    if (method === "GET" && p === "/users/delta") return this.usersDelta(url, req, res);

    // organisation contacts
    if (method === "GET" && (m = p.match(/^\/contacts(?:\/([^/]+))?$/))) {
      if (this.orgContactsDenied) {
        return this.json(res, 403, {
          error: { code: "Authorization_RequestDenied", message: "Insufficient privileges to complete the operation." },
        });
      }
      if (!m[1]) {
        const all = this.orgContacts.map((c) => this.select(c as unknown as Record<string, unknown>, url));
        return this.page(res, url, req, all, `${this.url}${path}`);
      }
      const one = this.orgContacts.find((c) => c.id === decodeURIComponent(m![1]!));
      return one
        ? this.json(res, 200, this.select(one as unknown as Record<string, unknown>, url))
        : this.notFound(res);
    }

    // messages
    if (method === "GET" && p === "/me/messages") {
      let found = [...this.messages];
      const search = url.searchParams.get("$search");
      if (search !== null) {
        if (url.searchParams.has("$orderby"))
          return this.badRequest(res, "SearchWithOrderBy: $orderby is not supported with $search");
        if (url.searchParams.has("$filter"))
          return this.badRequest(res, "SearchWithFilter: $filter is not supported with $search");
        const query = parseSearch(search);
        if (!query.ok) return this.badRequest(res, query.reason);
        found = found.filter((m) => matches(query.terms, m));
      }
      found.sort((a, b) => (a.receivedDateTime < b.receivedDateTime ? 1 : -1));
      const asText = /outlook\.body-content-type="?text"?/.test(String(req.headers.prefer ?? ""));
      const shaped = found.map((m) =>
        this.select(
          {
            ...m,
            from: { emailAddress: m.from },
            toRecipients: m.toRecipients.map((r) => ({ emailAddress: r })),
            body: asText
              ? { contentType: "text", content: m.body }
              : {
                  contentType: "html",
                  content: `<html><body>${escapeHtml(m.body).replace(/\n/g, "<br>")}</body></html>`,
                },
          },
          url,
        ),
      );
      return this.page(res, url, req, shaped, `${this.url}${path}`);
    }

    // calendar view: events overlapping the window, of the default calendar or of one calendar
    if (method === "GET" && (m = p.match(/^\/me(?:\/calendars\/([^/]+))?\/calendarView$/))) {
      const calendarId = m[1] ? decodeURIComponent(m[1]) : this.calendars[0]!.id;
      if (!this.calendars.some((c) => c.id === calendarId)) return this.notFound(res);
      const from = url.searchParams.get("startDateTime");
      const to = url.searchParams.get("endDateTime");
      if (!from || !to)
        return this.json(res, 400, {
          error: {
            code: "ErrorInvalidParameter",
            message:
              "This request requires a time window specified by the query string parameters StartDateTime and " +
              "EndDateTime.",
          },
        });
      const time = (value: unknown) =>
        String((value as { dateTime?: string } | undefined)?.dateTime ?? "").slice(0, 19);
      const inWindow = this.events.filter(
        (e) => e.calendarId === calendarId && time(e.start) < to.slice(0, 19) && time(e.end) > from.slice(0, 19),
      );
      const order = url.searchParams.get("$orderby") ?? "";
      if (order && !/^start\/dateTime( asc| desc)?$/.test(order))
        return this.badRequest(res, `Unsupported $orderby ${order}`);
      inWindow.sort((a, b) => (time(a.start) < time(b.start) ? -1 : 1));
      if (order.endsWith(" desc")) inWindow.reverse();
      const shaped = inWindow.map((e) => this.select({ webLink: this.eventLink(e.id), ...e }, url));
      return this.page(res, url, req, shaped, `${this.url}${path}`);
    }
    if ((m = p.match(/^\/me\/events\/([^/]+)$/))) {
      const event = this.events.find((e) => e.id === decodeURIComponent(m![1]!));
      if (!event) return this.notFound(res);
      if (method === "GET") return this.json(res, 200, event);
      if (method === "PATCH") {
        const patch = json();
        delete patch.id;
        Object.assign(event, patch);
        return this.json(res, 200, event);
      }
    }

    // calendars and events
    if (method === "GET" && p === "/me/calendars")
      return this.page(res, url, req, this.calendars, `${this.url}${path}`);
    if (method === "POST" && p === "/me/calendars") {
      const input = json() as { name?: string };
      if (!input.name) return this.badRequest(res, "name is required");
      if (this.calendars.some((c) => c.name === input.name)) {
        return this.json(res, 409, {
          error: { code: "ErrorFolderExists", message: "A folder with the specified name already exists." },
        });
      }
      const calendar = { id: `cal-${randomBytes(4).toString("hex")}`, name: input.name };
      this.calendars.push(calendar);
      return this.json(res, 201, calendar);
    }
    if ((m = p.match(/^\/me\/calendars\/([^/]+)\/events$/))) {
      const calendarId = decodeURIComponent(m[1]!);
      if (!this.calendars.some((c) => c.id === calendarId)) return this.notFound(res);
      if (method === "GET")
        return this.page(
          res,
          url,
          req,
          this.events.filter((e) => e.calendarId === calendarId),
          `${this.url}${path}`,
        );
      if (method === "POST") {
        const input = json();
        const transactionId = typeof input.transactionId === "string" ? input.transactionId : undefined;
        const existing = transactionId ? this.events.find((e) => e.transactionId === transactionId) : undefined;
        if (existing) return this.json(res, 201, existing);
        const event = {
          ...input,
          id: `evt-${randomBytes(6).toString("hex")}`,
          calendarId,
          createdDateTime: new Date().toISOString(),
        };
        this.events.push(event);
        return this.json(res, 201, event);
      }
    }

    // To Do
    if (method === "GET" && p === "/me/todo/lists")
      return this.page(res, url, req, this.todoLists, `${this.url}${path}`);
    if (method === "POST" && p === "/me/todo/lists") {
      const input = json() as { displayName?: string };
      if (!input.displayName) return this.badRequest(res, "displayName is required");
      const list = {
        id: `list-${randomBytes(4).toString("hex")}`,
        displayName: input.displayName,
        wellknownListName: "none",
      };
      this.todoLists.push(list);
      return this.json(res, 201, list);
    }
    if ((m = p.match(/^\/me\/todo\/lists\/([^/]+)\/tasks$/))) {
      const listId = decodeURIComponent(m[1]!);
      if (!this.todoLists.some((l) => l.id === listId)) return this.notFound(res);
      if (method === "GET") {
        let tasks = this.tasks.filter((t) => t.listId === listId).reverse();
        const filter = url.searchParams.get("$filter");
        if (filter !== null) {
          const f = /^status (eq|ne) '(\w+)'$/.exec(filter.trim());
          if (!f) return this.badRequest(res, `Unsupported $filter ${filter}`);
          tasks = tasks.filter((t) => (t.status === f[2]) === (f[1] === "eq"));
        }
        return this.page(res, url, req, tasks, `${this.url}${path}`);
      }
      if (method === "POST") {
        const input = json();
        if (!input.title) return this.badRequest(res, "title is required");
        const task = {
          status: "notStarted",
          importance: "normal",
          ...input,
          id: `task-${randomBytes(6).toString("hex")}`,
          listId,
        };
        this.tasks.push(task);
        return this.json(res, 201, task);
      }
    }

    if ((m = p.match(/^\/me\/todo\/lists\/([^/]+)\/tasks\/([^/]+)$/))) {
      const [listId, taskId] = [decodeURIComponent(m[1]!), decodeURIComponent(m[2]!)];
      const task = this.tasks.find((t) => t.listId === listId && t.id === taskId);
      if (!task) return this.notFound(res);
      if (method === "GET") return this.json(res, 200, task);
      if (method === "PATCH") {
        const patch = json();
        delete patch.id;
        Object.assign(task, patch);
        if (patch.status === "completed")
          task.completedDateTime = { dateTime: new Date().toISOString().replace("Z", "0000"), timeZone: "UTC" };
        return this.json(res, 200, task);
      }
    }

    // OneDrive
    if (method === "POST" && (m = p.match(/^\/me\/drive\/root:\/(.+):\/createUploadSession$/))) {
      const itemPath = decodeURIComponent(m[1]!);
      const id = randomBytes(12).toString("hex");
      this.uploads.set(id, { path: itemPath, buffer: Buffer.alloc(0), received: 0, expected: undefined, done: false });
      return this.json(res, 200, {
        uploadUrl: `${this.url}/upload/${id}`,
        expirationDateTime: new Date(Date.now() + 3600_000).toISOString(),
        nextExpectedRanges: ["0-"],
      });
    }
    if (method === "POST" && (m = p.match(/^\/me\/drive\/items\/([^/]+)\/createLink$/))) {
      const item = this.driveItems.get(decodeURIComponent(m[1]!));
      if (!item) return this.notFound(res);
      const input = json() as { type?: string; scope?: string };
      const webUrl = `${this.url}/share/${item.id}/${input.type ?? "view"}`;
      this.links.push({ itemId: item.id, type: input.type ?? "view", scope: input.scope ?? "organization", webUrl });
      return this.json(res, 201, {
        id: randomUUID(),
        roles: ["read"],
        link: { type: input.type, scope: input.scope, webUrl },
      });
    }

    return this.json(res, 400, { error: { code: "BadRequest", message: `Unsupported ${method} ${p}` } });
  }

  private mailboxByMe(idOrUpn: string): FakeMailbox | undefined {
    const key = decodeURIComponent(idOrUpn).toLowerCase();
    return key === FAKE_USER.upn || key === FAKE_USER.oid ? this.me : undefined;
  }

  /** `q` is the path below the mailbox (/contactFolders/…, /contacts/…); `prefix` is /me or /users/{x}. */
  private mailboxRoute(
    mailbox: FakeMailbox,
    prefix: string,
    q: string,
    method: string,
    url: URL,
    req: IncomingMessage,
    json: () => Record<string, unknown>,
    res: ServerResponse,
  ): void {
    let m: RegExpMatchArray | null;
    // contact folders
    if (method === "GET" && q === "/contactFolders/delta") return this.folderDelta(mailbox, prefix, url, req, res);
    if (method === "GET" && (m = q.match(/^\/contactFolders\/([^/]+)$/))) {
      const id = decodeURIComponent(m[1]!);
      const wellKnown = id.toLowerCase() === "contacts";
      if (wellKnown && !this.wellKnownContactsFolder) return this.badRequest(res, "Id is malformed.");
      const folder = wellKnown ? mailbox.folders.get(mailbox.defaultFolderId) : mailbox.folders.get(id);
      return folder ? this.json(res, 200, folder) : this.notFound(res);
    }
    if (method === "GET" && q === "/contactFolders") {
      return this.page(
        res,
        url,
        req,
        [...mailbox.folders.values()].filter((f) => f.parentFolderId === mailbox.defaultFolderId),
        `${this.url}${url.pathname}`,
      );
    }
    if (method === "GET" && (m = q.match(/^\/contactFolders\/([^/]+)\/childFolders$/))) {
      const parent = decodeURIComponent(m[1]!);
      return this.page(
        res,
        url,
        req,
        [...mailbox.folders.values()].filter((f) => f.parentFolderId === parent),
        `${this.url}${url.pathname}`,
      );
    }
    if (method === "GET" && (m = q.match(/^\/contactFolders\/([^/]+)\/contacts\/delta$/))) {
      return this.contactDelta(mailbox, prefix, decodeURIComponent(m[1]!), url, req, res);
    }
    if (method === "POST" && (m = q.match(/^\/contactFolders\/([^/]+)\/contacts$/))) {
      const folderId = decodeURIComponent(m[1]!);
      if (!mailbox.folders.has(folderId)) return this.notFound(res);
      const created = mailbox.addContact({ ...(json() as Partial<GraphContact>), parentFolderId: folderId });
      return this.json(res, 201, publicContact(mailbox.find(created.id)!, immutableIds(req)));
    }

    // contacts
    if (method === "GET" && q === "/contacts") {
      const inDefault = [...mailbox.contacts.values()]
        .filter((c) => c.parentFolderId === mailbox.defaultFolderId)
        .map((c) => this.select(publicContact(c, immutableIds(req)), url));
      return this.page(res, url, req, inDefault, `${this.url}${url.pathname}`);
    }
    if (method === "POST" && q === "/contacts") {
      const input = json() as Partial<GraphContact>;
      delete input.id;
      const created = mailbox.addContact({ ...input, parentFolderId: mailbox.defaultFolderId });
      return this.json(res, 201, publicContact(mailbox.find(created.id)!, immutableIds(req)));
    }
    if ((m = q.match(/^\/contacts\/([^/]+)$/))) {
      const c = mailbox.find(decodeURIComponent(m[1]!));
      if (!c) return this.notFound(res);
      const id = c.id;
      if (method === "GET") return this.json(res, 200, this.select(publicContact(c, immutableIds(req)), url));
      if (method === "PATCH") {
        const patch = json() as Partial<GraphContact>;
        delete patch.id;
        delete patch.parentFolderId;
        mailbox.updateContact(id, patch);
        return this.json(res, 200, publicContact(mailbox.contacts.get(id)!, immutableIds(req)));
      }
      if (method === "DELETE") {
        mailbox.deleteContact(id);
        return this.send(res, 204);
      }
    }
    return this.json(res, 400, { error: { code: "BadRequest", message: `Unsupported ${method} ${url.pathname}` } });
  }

  private identity(method: string, url: URL, body: Buffer, res: ServerResponse): void {
    const path = url.pathname.replace(/^\/(common|[0-9a-f-]{36})/, "");
    if (method === "GET" && path === "/v2.0/.well-known/openid-configuration")
      return this.json(res, 200, this.openIdConfiguration());
    if (method === "GET" && path === "/discovery/instance") return this.json(res, 200, this.cloudDiscoveryMetadata());
    const form = new URLSearchParams(body.toString("utf8"));
    if (method === "POST" && path === "/oauth2/v2.0/devicecode") {
      const deviceCode = randomBytes(16).toString("hex");
      this.deviceCodes.set(deviceCode, { approved: this.devicePendingPolls === 0, user: this.takeSignIn() });
      this.pendingPolls.set(deviceCode, this.devicePendingPolls);
      return this.json(res, 200, {
        user_code: "FAKE-CODE",
        device_code: deviceCode,
        verification_uri: `${this.url}/devicelogin`,
        expires_in: 900,
        interval: 1,
        message: `To sign in, open ${this.url}/devicelogin and enter the code FAKE-CODE.`,
      });
    }
    if (method === "GET" && path === "/oauth2/v2.0/authorize") {
      const redirect = url.searchParams.get("redirect_uri");
      if (!redirect) return this.json(res, 400, { error: "invalid_request" });
      const code = randomBytes(16).toString("hex");
      const nonce = url.searchParams.get("nonce") ?? undefined;
      const challenge = url.searchParams.get("code_challenge") ?? undefined;
      const user = this.takeSignIn();
      this.authCodes.set(code, { user, ...(nonce ? { nonce } : {}), ...(challenge ? { challenge } : {}) });
      const fields: Record<string, string> = { code, client_info: clientInfo(user) };
      const state = url.searchParams.get("state");
      if (state) fields.state = state;
      if (url.searchParams.get("response_mode") === "form_post") {
        // What Entra ID does for form_post: an auto-submitting form aimed at the redirect URI.
        const inputs = Object.entries(fields)
          .map(([k, v]) => `<input type="hidden" name="${k}" value="${escapeHtml(v)}" />`)
          .join("");
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
        res.end(
          '<html><body onload="document.forms[0].submit()">' +
            `<form method="POST" action="${escapeHtml(redirect)}">${inputs}</form></body></html>`,
        );
        return;
      }
      const target = new URL(redirect);
      for (const [k, v] of Object.entries(fields)) target.searchParams.set(k, v);
      res.writeHead(302, { location: target.toString() });
      res.end();
      return;
    }
    if (method === "POST" && path === "/oauth2/v2.0/token") {
      const grantType = form.get("grant_type") ?? "";
      this.tokenRequests.push({ grantType });
      const clientId = form.get("client_id") ?? "";
      const scope = form.get("scope") ?? "";
      if (grantType === "device_code" || grantType === "urn:ietf:params:oauth:grant-type:device_code") {
        const code = form.get("device_code") ?? "";
        const state = this.deviceCodes.get(code);
        if (!state)
          return this.json(res, 400, {
            error: "expired_token",
            error_description: "AADSTS70019: Verification code expired.",
          });
        const left = this.pendingPolls.get(code) ?? 0;
        if (left > 0) {
          this.pendingPolls.set(code, left - 1);
          return this.json(res, 400, {
            error: "authorization_pending",
            error_description: "AADSTS70016: OAuth 2.0 device flow error. Authorization is pending.",
          });
        }
        this.deviceCodes.delete(code);
        return this.json(res, 200, this.issueTokens(clientId, scope, state.user));
      }
      if (grantType === "authorization_code") {
        const code = form.get("code") ?? "";
        const info = this.authCodes.get(code);
        if (!info)
          return this.json(res, 400, {
            error: "invalid_grant",
            error_description: "AADSTS70000: The provided authorization code is invalid.",
          });
        this.authCodes.delete(code);
        return this.json(res, 200, this.issueTokens(clientId, scope, info.user, info.nonce));
      }
      if (grantType === "refresh_token") {
        const refresh = form.get("refresh_token") ?? "";
        const user = this.refreshTokens.get(refresh);
        if (!user) {
          return this.json(res, 400, {
            error: "invalid_grant",
            error_description:
              "AADSTS50173: The provided grant has expired due to it being revoked, a fresh auth token is needed.",
            error_codes: [50173],
            suberror: "bad_token",
          });
        }
        this.refreshTokens.delete(refresh);
        return this.json(res, 200, this.issueTokens(clientId, scope, user));
      }
      return this.json(res, 400, { error: "unsupported_grant_type" });
    }
    return this.json(res, 404, { error: "not_found" });
  }

  private readonly pendingPolls = new Map<string, number>();

  private takeSignIn(): FakeSignedInUser {
    const user = this.nextSignIn ?? FAKE_USER;
    this.nextSignIn = undefined;
    return user;
  }

  private issueTokens(
    clientId: string,
    scope: string,
    user: FakeSignedInUser,
    nonce?: string,
  ): Record<string, unknown> {
    const access = `fake-at-${randomBytes(16).toString("hex")}`;
    const refresh = `fake-rt-${randomBytes(16).toString("hex")}`;
    const granted = scope.split(" ").filter((s) => !["openid", "profile", "offline_access"].includes(s));
    this.accessTokens.set(access, { revoked: false, user, scopes: granted });
    this.refreshTokens.set(refresh, user);
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      aud: clientId,
      iss: `${this.url}/${FAKE_TENANT}/v2.0`,
      iat: now,
      nbf: now,
      exp: now + 3600,
      name: user.name,
      oid: user.oid,
      preferred_username: user.upn,
      sub: "fake-subject",
      tid: FAKE_TENANT,
      // Entra's unique token id: every sign-in (and refresh) gets an ID token of its own.
      uti: randomBytes(12).toString("base64url"),
      ver: "2.0",
      ...(nonce ? { nonce } : {}),
    };
    const idToken = [b64url({ alg: "none", typ: "JWT" }), b64url(claims), ""].join(".");
    return {
      token_type: "Bearer",
      scope: granted.join(" ") || "User.Read",
      expires_in: 3599,
      ext_expires_in: 3599,
      access_token: access,
      refresh_token: refresh,
      id_token: idToken,
      client_info: clientInfo(user),
    };
  }

  private contactDelta(
    mailbox: FakeMailbox,
    prefix: string,
    folderId: string,
    url: URL,
    req: IncomingMessage,
    res: ServerResponse,
  ): void {
    const deltaToken = url.searchParams.get("$deltatoken");
    const folderIdResolved = folderId.toLowerCase() === "contacts" ? mailbox.defaultFolderId : folderId;
    const epochNow = () => mailbox.folderEpoch.get(folderIdResolved) ?? 0;
    if (this.continueRound(url, req, res)) return;
    if (!mailbox.folders.has(folderIdResolved)) return this.notFound(res);
    let since = 0;
    if (deltaToken) {
      const decoded = decodeToken(deltaToken);
      if (!decoded || decoded.folderId !== folderIdResolved || decoded.epoch !== epochNow()) return this.gone(res);
      since = decoded.seq;
    }
    const changed = [...mailbox.contacts.values()]
      .filter((c) => c.parentFolderId === folderIdResolved && c.seq > since)
      .sort((a, b) => a.seq - b.seq)
      .map((c) => this.select(publicContact(c, immutableIds(req)), url));
    const removed = deltaToken
      ? (mailbox.tombstones.get(folderIdResolved) ?? [])
          .filter((t) => t.seq > since)
          .map((t) => ({ id: immutableIds(req) ? t.id : t.restId, "@removed": { reason: "deleted" } }))
      : [];
    const epoch = epochNow();
    this.startRound(req, res, {
      items: [...changed, ...removed],
      offset: 0,
      base: `${this.url}/v1.0${prefix}/contactFolders/${encodeURIComponent(folderIdResolved)}/contacts/delta`,
      deltaToken: encodeToken({ folderId: folderIdResolved, seq: mailbox.seq, epoch }),
      stale: () => epochNow() !== epoch,
    });
  }

  /**
   * contactFolders/delta: every contact folder below the default one, nested ones too, in one flat list (the
   * default folder itself is not in it, as /contactFolders does not list it); then folders made since the token and
   * deleted ones `@removed`.
   */
  private folderDelta(mailbox: FakeMailbox, prefix: string, url: URL, req: IncomingMessage, res: ServerResponse): void {
    if (this.continueRound(url, req, res)) return;
    const deltaToken = url.searchParams.get("$deltatoken");
    let since = 0;
    if (deltaToken) {
      const decoded = decodeToken(deltaToken);
      if (decoded?.folderId !== "@folders") return this.gone(res);
      since = decoded.seq;
    }
    const changed = [...mailbox.folders.values()]
      .filter((f) => f.id !== mailbox.defaultFolderId && (mailbox.folderSeq.get(f.id) ?? 0) > since)
      .map((f) => this.select({ ...f }, url));
    const removed = deltaToken
      ? mailbox.folderTombstones
          .filter((t) => t.seq > since)
          .map((t) => ({ id: t.id, "@removed": { reason: "deleted" } }))
      : [];
    this.startRound(req, res, {
      items: [...changed, ...removed],
      offset: 0,
      base: `${this.url}/v1.0${prefix}/contactFolders/delta`,
      deltaToken: encodeToken({ folderId: "@folders", seq: mailbox.seq, epoch: 0 }),
      stale: () => false,
    });
  }

  /** /users/delta: every user on the first round, then users changed since the token and `@removed` ones. */
  private usersDelta(url: URL, req: IncomingMessage, res: ServerResponse): void {
    if (this.continueRound(url, req, res)) return;
    const deltaToken = url.searchParams.get("$deltatoken");
    let since = 0;
    if (deltaToken) {
      const decoded = decodeToken(deltaToken);
      if (decoded?.folderId !== "users" || decoded.epoch !== this.userEpoch) return this.gone(res);
      since = decoded.seq;
    }
    const changed = this.users
      .filter((u) => (this.userChanged.get(u.id) ?? 0) > since)
      .sort((a, b) => this.userChanged.get(a.id)! - this.userChanged.get(b.id)!)
      .map((u) => this.select(u as unknown as Record<string, unknown>, url));
    const removed = deltaToken
      ? this.userTombstones.filter((t) => t.seq > since).map((t) => ({ id: t.id, "@removed": { reason: "changed" } }))
      : [];
    const epoch = this.userEpoch;
    this.startRound(req, res, {
      items: [...changed, ...removed],
      offset: 0,
      base: `${this.url}/v1.0/users/delta`,
      deltaToken: encodeToken({ folderId: "users", seq: this.userSeq, epoch }),
      stale: () => this.userEpoch !== epoch,
    });
  }

  /** A nextLink of a running round ($skiptoken): its next page, or 410 when its tokens were invalidated. */
  private continueRound(url: URL, req: IncomingMessage, res: ServerResponse): boolean {
    const skip = url.searchParams.get("$skiptoken");
    if (!skip) return false;
    const cursor = this.cursors.get(skip);
    if (!cursor) this.json(res, 400, { error: { code: "BadRequest", message: "Invalid skip token" } });
    else if (cursor.stale()) this.gone(res);
    else this.deltaPage(res, req, cursor, skip);
    return true;
  }

  /** The page list is fixed when the round starts ($select already applied): later pages are served from it. */
  private startRound(req: IncomingMessage, res: ServerResponse, cursor: DeltaCursor): void {
    const id = randomBytes(10).toString("hex");
    this.cursors.set(id, cursor);
    this.deltaPage(res, req, cursor, id);
  }

  private deltaPage(res: ServerResponse, req: IncomingMessage, cursor: DeltaCursor, cursorId: string): void {
    const size = pageSize(req, this.defaultPageSize);
    const items = cursor.items.slice(cursor.offset, cursor.offset + size);
    cursor.offset += items.length;
    const body: Record<string, unknown> = { value: items };
    if (cursor.offset < cursor.items.length) {
      body["@odata.nextLink"] = `${cursor.base}?$skiptoken=${cursorId}`;
    } else {
      this.cursors.delete(cursorId);
      body["@odata.deltaLink"] = `${cursor.base}?$deltatoken=${cursor.deltaToken}`;
    }
    this.json(res, 200, body);
  }

  /**
   * POST /$batch: up to 20 requests, each run as if sent alone (throttling and injected faults included) and
   * answered in `responses` with its own id, status, headers and body; a request whose `dependsOn` failed is 424.
   */
  private async batch(req: IncomingMessage, input: Record<string, unknown>, res: ServerResponse): Promise<void> {
    const requests = input.requests;
    if (!Array.isArray(requests) || requests.length === 0) return this.badRequest(res, "Invalid batch payload.");
    if (requests.length > 20) {
      return this.badRequest(res, "Number of batch requests exceeds the limit of 20.");
    }
    const ids = requests.map((r: { id?: unknown }) => String(r.id ?? ""));
    if (ids.some((id) => !id) || new Set(ids.map((id) => id.toLowerCase())).size !== ids.length) {
      return this.badRequest(res, "Batch request ids must be present and unique.");
    }
    const known = new Set(ids);
    const unknown = (requests as BatchRequest[]).flatMap((r) => (r.dependsOn ?? []).filter((d) => !known.has(d)));
    if (unknown.length > 0) return this.badRequest(res, `Depends on id '${unknown[0]}' is not found in the batch.`);
    const ordered = dependencyOrder(requests as BatchRequest[]).map((sub) => {
      const method = (sub.method ?? "GET").toUpperCase();
      const target = new URL(`${this.url}/v1.0${sub.url.startsWith("/") ? "" : "/"}${sub.url}`);
      const headers: Record<string, string> = { authorization: String(req.headers.authorization ?? "") };
      for (const [k, v] of Object.entries(sub.headers ?? {})) headers[k.toLowerCase()] = v;
      const entry: RequestLogEntry = { method, path: target.pathname, status: 0, at: Date.now(), batched: true };
      if (headers.prefer) entry.prefer = headers.prefer;
      this.log.push(entry);
      return { sub, method, target, headers, entry };
    });
    // What happens on the wire happens to the whole batch: a hung request holds its answer, a proxy's page or a
    // cut connection is the batch's answer (after the requests were applied, for a cut one).
    for (const { target } of ordered) {
      const held = this.holds.find((g) => g.path.test(target.pathname));
      if (held) await held.promise;
    }
    const wire = this.faults.find(
      (f) => f.answer && ordered.some((o) => this.faultHits(f, o.method, o.target.pathname)),
    );
    if (wire) wire.remaining--;
    if (wire && !wire.afterApply) {
      for (const { entry } of ordered) entry.status = 200;
      return this.sendFault(res, wire, "POST /v1.0/$batch");
    }
    const statuses = new Map<string, number>();
    const responses: Record<string, unknown>[] = [];
    for (const { sub, method, target, headers, entry } of ordered) {
      const failed = (sub.dependsOn ?? []).some((d) => (statuses.get(d) ?? 424) >= 400);
      if (failed) {
        statuses.set(sub.id, 424);
        entry.status = 424;
        responses.push({
          id: sub.id,
          status: 424,
          body: { error: { code: "FailedDependency", message: "A request it depends on failed." } },
        });
        continue;
      }
      const capture = new CapturedResponse();
      const body = sub.body === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(sub.body));
      const inner = { headers, method, batched: true } as unknown as IncomingMessage;
      await this.dispatch(method, target, inner, body, capture.asServer());
      entry.status = capture.status;
      statuses.set(sub.id, capture.status);
      responses.push({ id: sub.id, status: capture.status, headers: capture.headers, body: capture.json() });
    }
    if (wire) return this.sendFault(res, wire, "POST /v1.0/$batch", JSON.stringify({ responses }));
    this.json(res, 200, { responses });
  }

  private page(res: ServerResponse, url: URL, req: IncomingMessage, all: object[], base: string): void {
    const top = Number(url.searchParams.get("$top") ?? "") || pageSize(req, this.defaultPageSize);
    const skip = Number(url.searchParams.get("$skip") ?? "0");
    const items = all.slice(skip, skip + top);
    const body: Record<string, unknown> = { value: items };
    if (skip + top < all.length) {
      const next = new URL(base);
      for (const [k, v] of url.searchParams) if (k !== "$skip") next.searchParams.set(k, v);
      next.searchParams.set("$top", String(top));
      next.searchParams.set("$skip", String(skip + top));
      body["@odata.nextLink"] = next.toString();
    }
    this.json(res, 200, body);
  }

  private uploadChunk(method: string, url: URL, req: IncomingMessage, body: Buffer, res: ServerResponse): void {
    const id = url.pathname.slice("/upload/".length);
    const session = this.uploads.get(id);
    if (!session || session.done) return this.notFound(res);
    if (req.headers.authorization) {
      // Graph: "including the Authorization header when issuing the PUT call may result in a 401".
      return this.json(res, 401, {
        error: { code: "unauthenticated", message: "Do not send Authorization to the upload URL" },
      });
    }
    if (method !== "PUT") return this.json(res, 405, { error: { code: "methodNotAllowed", message: method } });
    const range = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(String(req.headers["content-range"] ?? ""));
    if (!range) return this.badRequest(res, "Content-Range is required");
    const [start, end, total] = [Number(range[1]), Number(range[2]), Number(range[3])];
    if (start !== session.received || end - start + 1 !== body.length) {
      return this.json(res, 416, { error: { code: "invalidRange", message: `expected ${session.received}-` } });
    }
    session.expected = total;
    session.buffer = Buffer.concat([session.buffer, body]);
    session.received = end + 1;
    if (session.received < total) {
      return this.json(res, 202, {
        expirationDateTime: new Date(Date.now() + 3600_000).toISOString(),
        nextExpectedRanges: [`${session.received}-`],
      });
    }
    session.done = true;
    const existing = [...this.driveItems.values()].find((i) => i.path === session.path);
    const item: StoredItem = {
      id: existing?.id ?? `item-${randomBytes(6).toString("hex")}`,
      name: session.path.split("/").pop() ?? session.path,
      path: session.path,
      content: session.buffer,
      size: session.buffer.length,
    };
    this.driveItems.set(item.id, item);
    this.json(res, existing ? 200 : 201, {
      id: item.id,
      name: item.name,
      size: item.size,
      webUrl: `${this.url}/drive/${encodeURI(item.path)}`,
    });
  }

  private select<T extends object>(item: T, url: URL): Record<string, unknown> {
    const select = url.searchParams.get("$select");
    if (!select) return item as Record<string, unknown>;
    const keep = new Set(["id", ...select.split(",").map((s) => s.trim())]);
    return Object.fromEntries(Object.entries(item).filter(([k]) => keep.has(k)));
  }

  private gone(res: ServerResponse): void {
    this.json(res, 410, {
      error: { code: "SyncStateNotFound", message: "The sync state generation is not found; resync required." },
    });
  }

  private notFound(res: ServerResponse): void {
    this.json(res, 404, {
      error: { code: "ErrorItemNotFound", message: "The specified object was not found in the store." },
    });
  }

  private badRequest(res: ServerResponse, message: string): void {
    this.json(res, 400, { error: { code: "BadRequest", message } });
  }

  private send(res: ServerResponse, status: number): void {
    res.writeHead(status);
    res.end();
  }

  private json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      "content-type": "application/json; odata.metadata=minimal",
      "request-id": randomUUID(),
      ...headers,
    });
    res.end(text);
  }
}

interface BatchRequest {
  id: string;
  method?: string;
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
  dependsOn?: string[];
}

/** What one request inside a $batch answered, with header names as Graph writes them (Retry-After, …). */
class CapturedResponse {
  status = 0;
  headersSent = false;
  headers: Record<string, string> = {};
  private text = "";

  asServer(): ServerResponse {
    return this as unknown as ServerResponse;
  }

  writeHead(status: number, headers: Record<string, string> = {}): this {
    this.status = status;
    this.headersSent = true;
    for (const [k, v] of Object.entries(headers)) {
      this.headers[k.replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase())] = v;
    }
    return this;
  }

  end(text?: string): void {
    this.text = text ?? "";
  }

  json(): unknown {
    return this.text ? JSON.parse(this.text) : undefined;
  }
}

/** A ServerResponse stand-in for "apply, then fail": keeps what route() wrote, for a cut-off answer. */
class NullResponse {
  headersSent = false;
  text = "";
  writeHead(): this {
    return this;
  }
  end(text?: string): void {
    this.text = text ?? "";
  }
}

/** `Prefer: IdType="ImmutableId"`: answer with ids that survive a move to another folder. */
function immutableIds(req: IncomingMessage): boolean {
  return /IdType\s*=\s*"?ImmutableId"?/i.test(String(req.headers.prefer ?? ""));
}

function pageSize(req: IncomingMessage, fallback: number): number {
  const prefer = String(req.headers.prefer ?? "");
  const m = /odata\.maxpagesize=(\d+)/.exec(prefer);
  return m ? Math.max(1, Number(m[1])) : fallback;
}

/** Graph runs a request after the ones it depends on, wherever they stand in the batch (a cycle: as written). */
function dependencyOrder(requests: BatchRequest[]): BatchRequest[] {
  const done = new Set<string>();
  const order: BatchRequest[] = [];
  let left = requests;
  while (left.length > 0) {
    const ready = left.filter((r) => (r.dependsOn ?? []).every((d) => done.has(d)));
    const next = ready.length > 0 ? ready : left;
    for (const r of next) done.add(r.id);
    order.push(...next);
    left = left.filter((r) => !next.includes(r));
  }
  return order;
}

function encodeToken(value: { folderId: string; seq: number; epoch: number }): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

function decodeToken(token: string): { folderId: string; seq: number; epoch: number } | undefined {
  try {
    return JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as {
      folderId: string;
      seq: number;
      epoch: number;
    };
  } catch {
    return undefined;
  }
}

/** translateExchangeIds answers entryId as URL-safe base64 of the MAPI entry id bytes. */
export function fakeEntryId(restId: string): string {
  const bytes = Buffer.concat([Buffer.from([0, 0, 0, 0]), Buffer.from(restId, "utf8").subarray(0, 40)]);
  return bytes.toString("base64url");
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
}

/** Plays the browser on the fake's form_post page: submits the hidden fields to the form's action. */
export async function submitFormPost(html: string): Promise<Response> {
  const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
  if (!action) throw new Error("no form in the authorize page");
  const fields = new URLSearchParams();
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) {
    fields.set(
      m[1]!,
      m[2]!
        .replace(/&lt;/g, "<")
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, "&"),
    );
  }
  // MSAL's loopback listens on 127.0.0.1; "localhost" may resolve to ::1 first.
  const target = action.replace(/&amp;/g, "&").replace("//localhost:", "//127.0.0.1:");
  return fetch(target, {
    method: "POST",
    body: fields,
    headers: { "content-type": "application/x-www-form-urlencoded" },
  });
}

function clientInfo(user: FakeSignedInUser = FAKE_USER): string {
  return b64url({ uid: user.oid, utid: FAKE_TENANT });
}

function b64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}
