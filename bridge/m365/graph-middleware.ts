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

/** The SDK middleware that puts every attempt (retries included) through the one throttle. */
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
    const retryAfter = retryAfterFromHeaders(response.headers);
    if ((response.status === 429 || response.status === 503) && retryAfter !== undefined) {
      this.throttle.throttled(retryAfter);
    } else if (response.status === 429) this.throttle.failed("throttled");
    else if (response.status >= 500) this.throttle.failed("graphDown");
    else this.throttle.answered();
  }
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
