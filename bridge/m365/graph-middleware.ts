/** The middleware of the bridge's Graph client, in the order graph-client.ts chains them (see there). */
import type { Context, Middleware } from "@microsoft/microsoft-graph-client";
import type { TokenSource } from "./auth/auth.js";
import { type GraphThrottle, retryAfterFromHeaders } from "./graph-throttle.js";

/** Graph answered 2xx with something Graph does not answer (HTML from a proxy, JSON without the fields). */
export class UnexpectedAnswerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnexpectedAnswerError";
  }
}

/** Passes the request on; a 2xx with a body that is not JSON becomes an UnexpectedAnswerError. */
export class AnswerCheckMiddleware implements Middleware {
  private next: Middleware | undefined;

  setNext(next: Middleware): void {
    this.next = next;
  }

  async execute(context: Context): Promise<void> {
    if (!this.next) throw new Error("AnswerCheckMiddleware has no next middleware");
    await this.next.execute(context);
    const response = context.response;
    if (!response?.ok || response.status === 204) return;
    const type = (response.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
    if (type === "application/json") return;
    await response.body?.cancel().catch(() => undefined);
    throw new UnexpectedAnswerError(`Graph answered ${response.status} with ${type || "no content type"}, not JSON`);
  }
}

/** Gives each attempt its own deadline; the signal stays on the fetch, so a body that stops arriving aborts too. */
export class TimeoutMiddleware implements Middleware {
  private next: Middleware | undefined;

  constructor(private readonly seconds: number) {}

  setNext(next: Middleware): void {
    this.next = next;
  }

  async execute(context: Context): Promise<void> {
    if (!this.next) throw new Error("TimeoutMiddleware has no next middleware");
    context.options = { ...context.options, signal: AbortSignal.timeout(this.seconds * 1000) };
    await this.next.execute(context);
  }
}

/**
 * The SDK middleware that puts every attempt (retries included) through the one throttle; a batch's inner 429/503
 * and 5xx count as a lone request's would, so a throttled read inside a batch holds every request back too.
 */
export class ThrottleMiddleware implements Middleware {
  private next: Middleware | undefined;

  constructor(private readonly throttle: GraphThrottle) {}

  setNext(next: Middleware): void {
    this.next = next;
  }

  async execute(context: Context): Promise<void> {
    if (!this.next) throw new Error("ThrottleMiddleware has no next middleware");
    const release = this.throttle.admit(getHeader(context, "Retry-Attempt") !== undefined);
    try {
      await this.next.execute(context);
    } catch (error) {
      // A timeout says one request hung, not that Graph is gone (a held resource must not stop the others).
      const name = (error as Error).name;
      if (name !== "TimeoutError" && name !== "AbortError") this.throttle.failed("network");
      throw error;
    } finally {
      release();
    }
    const response = context.response;
    if (!response) return;
    const inner = isBatch(context) && response.status === 200 ? await batchThrottling(response) : undefined;
    const { status, retryAfter } = inner ?? {
      status: response.status,
      retryAfter: retryAfterFromHeaders(response.headers),
    };
    if ((status === 429 || status === 503) && retryAfter !== undefined) this.throttle.throttled(retryAfter);
    else if (status === 429) this.throttle.failed("throttled");
    else if (status >= 500) this.throttle.failed("graphDown");
    else this.throttle.answered();
  }
}

/** A JSON batch: Graph answers 200 with each request's own status inside. */
function isBatch(context: Context): boolean {
  const url = typeof context.request === "string" ? context.request : context.request.url;
  return requestMethod(context) === "POST" && /\/\$batch(\?|$)/.test(url);
}

interface InnerAnswer {
  status: number;
  headers?: Record<string, string>;
}

/**
 * The worst of a batch's inner answers for the throttle, as a lone request's would be: a throttled one (the
 * longest Retry-After), else a 429 or 5xx; undefined when none failed so. The body is read from a copy (the
 * caller reads its own), and parsed only when a failing status appears in it.
 */
async function batchThrottling(response: Response): Promise<{ status: number; retryAfter?: number } | undefined> {
  const text = await response
    .clone()
    .text()
    .catch(() => "");
  if (!/"status"\s*:\s*(429|5\d\d)\b/.test(text)) return undefined;
  let answers: InnerAnswer[];
  try {
    answers = ((JSON.parse(text) as { responses?: unknown }).responses ?? []) as InnerAnswer[];
    if (!Array.isArray(answers)) return undefined;
  } catch {
    return undefined; // not Graph's batch answer: the reader reports it
  }
  let worst: { status: number; retryAfter?: number } | undefined;
  for (const answer of answers) {
    const status = Number(answer?.status);
    if (status !== 429 && !(status >= 500)) continue;
    const retryAfter = retryAfterFromHeaders(new Headers(answer.headers ?? {}));
    const throttled = (status === 429 || status === 503) && retryAfter !== undefined;
    if (throttled && retryAfter > (worst?.retryAfter ?? -1)) worst = { status, retryAfter };
    else if (!worst || (worst.retryAfter === undefined && status === 429)) worst = { status };
  }
  return worst;
}

export class BearerTokenMiddleware implements Middleware {
  private next: Middleware | undefined;

  constructor(private readonly tokens: TokenSource) {}

  setNext(next: Middleware): void {
    this.next = next;
  }

  async execute(context: Context): Promise<void> {
    if (!this.next) throw new Error("BearerTokenMiddleware has no next middleware");
    setHeader(context, "Authorization", `Bearer ${await this.tokens.getToken()}`);
    await this.next.execute(context);
    if (context.response?.status === 401) {
      // Expired or revoked token: one fresh token (refresh token grant), one replay. A second 401 is the answer.
      await context.response.body?.cancel().catch(() => undefined);
      setHeader(context, "Authorization", `Bearer ${await this.tokens.getToken({ forceRefresh: true })}`);
      await this.next.execute(context);
    }
  }
}

/**
 * Graph's immutable ids (`Prefer: IdType="ImmutableId"`) on every request, added to any other preference (page
 * size): a contact keeps its id, and so its TelefUM id, when the user moves it to another folder.
 */
export const IMMUTABLE_ID_PREFERENCE = 'IdType="ImmutableId"';

export function withImmutableIds(prefer: string | undefined): string {
  return prefer ? `${prefer}, ${IMMUTABLE_ID_PREFERENCE}` : IMMUTABLE_ID_PREFERENCE;
}

export class ImmutableIdMiddleware implements Middleware {
  private next: Middleware | undefined;

  setNext(next: Middleware): void {
    this.next = next;
  }

  async execute(context: Context): Promise<void> {
    if (!this.next) throw new Error("ImmutableIdMiddleware has no next middleware");
    setHeader(context, "Prefer", withImmutableIds(getHeader(context, "Prefer")));
    await this.next.execute(context);
  }
}

export function getHeader(context: Context, name: string): string | undefined {
  if (typeof context.request !== "string") return context.request.headers.get(name) ?? undefined;
  const headers = context.options?.headers;
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const record = (headers ?? {}) as Record<string, string>;
  const key = Object.keys(record).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : record[key];
}

export function setHeader(context: Context, name: string, value: string): void {
  if (typeof context.request !== "string") {
    context.request.headers.set(name, value);
    return;
  }
  context.options ??= {};
  const headers = context.options.headers;
  if (headers instanceof Headers) headers.set(name, value);
  else context.options.headers = { ...(headers as Record<string, string> | undefined), [name]: value };
}

export function requestMethod(context: Pick<Context, "request" | "options">): string {
  if (typeof context.request !== "string") return context.request.method.toUpperCase();
  return (context.options?.method ?? "GET").toUpperCase();
}
