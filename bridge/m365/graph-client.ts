/**
 * Builds the Graph SDK client the bridge uses. The middleware chain is ours, deliberately:
 *   AnswerCheck (a 2xx that is not JSON, e.g. a proxy's HTML page, is an UnexpectedAnswerError: retryable)
 *   → BearerToken (adds the token; on 401 fetches a fresh one once and replays)
 *   → ImmutableId (asks for immutable ids)
 *   → RetryHandler (SDK; GETs only: 429/503/504, honouring Retry-After up to `maxInlineDelaySeconds`)
 *   → Throttle (graph-throttle.ts: the bridge's one throttle state; while Graph throttles or is down, an attempt
 *     is not sent at all)
 *   → Timeout (each attempt, answer body included, is aborted after `requestTimeoutSeconds`)
 *   → HTTPMessageHandler (SDK; fetch).
 * Writes are never retried in-process: a POST/PATCH that failed goes back to the durable outbox, whose backoff
 * honours Retry-After across restarts, and whose steps are idempotent (transactionId, note markers).
 */
import {
  Client,
  GraphError,
  HTTPMessageHandler,
  RetryHandler,
  RetryHandlerOptions,
} from "@microsoft/microsoft-graph-client";
import { SignInRequiredError, type TokenSource } from "./auth/auth.js";
import type { M365Config } from "./config.js";
import { GraphBackoffError, type GraphProblem, GraphThrottle, retryAfterFromHeaders } from "./graph-throttle.js";
import {
  AnswerCheckMiddleware,
  BearerTokenMiddleware,
  ImmutableIdMiddleware,
  requestMethod,
  ThrottleMiddleware,
  TimeoutMiddleware,
  UnexpectedAnswerError,
} from "./graph-middleware.js";

export { IMMUTABLE_ID_PREFERENCE, requestMethod, UnexpectedAnswerError, withImmutableIds } from "./graph-middleware.js";

export { retryAfterFromHeaders } from "./graph-throttle.js";

export interface GraphClientOptions {
  baseUrl: string;
  tokens: TokenSource;
  readRetries: number;
  maxInlineDelaySeconds: number;
  /** A hung socket must not hold the outbox or the sync: every attempt gives up after this. */
  requestTimeoutSeconds: number;
  /** The bridge's one throttle, shared by every request (attachMicrosoft365 passes it); default: one of its own. */
  throttle?: GraphThrottle;
}

/**
 * A recording's upload session refused a range (a plain PUT to its pre-authenticated URL, not through the SDK):
 * its status and Retry-After decide whether the outbox tries the call again.
 */
export class UploadError extends Error {
  constructor(
    message: string,
    readonly statusCode: number,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = "UploadError";
  }
}

/** The answer's `field` as a non-empty string, or an UnexpectedAnswerError naming what was asked. */
export function requireString(answer: unknown, field: string, what: string): string {
  const value = typeof answer === "object" && answer !== null ? (answer as Record<string, unknown>)[field] : undefined;
  if (typeof value === "string" && value !== "") return value;
  throw new UnexpectedAnswerError(`Graph answered ${what} without "${field}"`);
}

/** The client `config` asks for: its Graph address, its retry and timeout settings, tokens from `tokens`. */
export function graphClientFor(
  config: Pick<M365Config, "graphBaseUrl" | "retry">,
  tokens: TokenSource,
  throttle?: GraphThrottle,
): Client {
  return createGraphClient({
    ...(throttle ? { throttle } : {}),
    baseUrl: config.graphBaseUrl,
    tokens,
    readRetries: config.retry.readRetries,
    maxInlineDelaySeconds: config.retry.maxInlineDelaySeconds,
    requestTimeoutSeconds: config.retry.requestTimeoutSeconds,
  });
}

export function createGraphClient(options: GraphClientOptions): Client {
  const retryOptions = new RetryHandlerOptions(
    1,
    Math.min(options.readRetries, 10),
    (_delay, _attempt, request, fetchOptions, response) => {
      if (requestMethod({ request, options: fetchOptions }) !== "GET") return false;
      const after = retryAfterFromHeaders(response.headers);
      return after === undefined || after <= options.maxInlineDelaySeconds;
    },
  );
  const check = new AnswerCheckMiddleware();
  const auth = new BearerTokenMiddleware(options.tokens);
  const ids = new ImmutableIdMiddleware();
  const retry = new RetryHandler(retryOptions);
  const throttle = new ThrottleMiddleware(
    options.throttle ?? new GraphThrottle({ baseSeconds: 1, maxSeconds: 60, log: () => undefined }),
  );
  const timeout = new TimeoutMiddleware(options.requestTimeoutSeconds);
  const http = new HTTPMessageHandler();
  check.setNext(auth);
  auth.setNext(ids);
  ids.setNext(retry);
  retry.setNext(throttle);
  throttle.setNext(timeout);
  timeout.setNext(http);
  return Client.initWithMiddleware({ middleware: check, baseUrl: options.baseUrl, defaultVersion: "v1.0" });
}

const BACKOFF = /^Graph not asked for ([\d.]+) s \((\w+)\)$/;

/**
 * The SDK wraps whatever a middleware throws in a GraphError (keeping the name as `code`); give the
 * sign-in error back its own type so callers can tell "sign in again" from a Graph failure.
 */
export function normalizeGraphError(error: unknown): unknown {
  const backoff = error instanceof GraphError && error.code === "GraphBackoffError" && BACKOFF.exec(error.message);
  if (backoff) return new GraphBackoffError(backoff[2] as GraphProblem, Number(backoff[1]));
  if (error instanceof GraphError && error.code === "SignInRequiredError") {
    return new SignInRequiredError(error.message.replace(/^Microsoft 365 sign-in required: /, ""));
  }
  // Still 401 with a freshly refreshed token: only a new sign-in can help.
  if (error instanceof GraphError && error.statusCode === 401) {
    return new TokenRefusedError(`Graph refused the token (${error.code ?? "401"}: ${error.message})`);
  }
  return error;
}

export function isSignInRequired(error: unknown): boolean {
  return normalizeGraphError(error) instanceof SignInRequiredError;
}

export function graphStatus(error: unknown): number | undefined {
  return error instanceof GraphError ? error.statusCode : undefined;
}

/** Retry-After of a failed Graph call, in seconds, when the service said one. */
export function graphRetryAfter(error: unknown): number | undefined {
  const normal = normalizeGraphError(error);
  if (normal instanceof GraphBackoffError) return normal.retryInSeconds;
  return error instanceof GraphError ? retryAfterFromHeaders(error.headers) : undefined;
}

/**
 * Transient = worth retrying later (throttling, outages, network, timeouts, and a 2xx whose body could not be
 * read: the SDK reports a cut-off or unparsable answer with the 2xx status); anything else needs a person or a fix.
 */
export function isTransient(error: unknown): boolean {
  if (isSignInRequired(error)) return false;
  const status = graphStatus(error);
  if (status === undefined) return true;
  return status === 429 || status === 408 || status >= 500 || status <= 0 || (status >= 200 && status < 300);
}

/** The reason a person reads for a failed Graph request (catalog key `m365.problem.<code>`); details go to the log. */
export function graphProblem(error: unknown): GraphProblem {
  const normal = normalizeGraphError(error);
  if (normal instanceof GraphBackoffError) return normal.problem;
  if (normal instanceof SignInRequiredError) return "signInNeeded";
  if (normal instanceof UnexpectedAnswerError || normal instanceof SyntaxError) return "garbage";
  const status = graphStatus(normal);
  if (status === 429) return "throttled";
  if (status !== undefined && status >= 500) return "graphDown";
  // The SDK reports an answer it could not read (cut off, not JSON) with the 2xx status it came with.
  if (status !== undefined && status >= 200 && status < 300) return "garbage";
  if (status !== undefined && status >= 400) return "refused";
  if (normal instanceof GraphError && normal.code === "UnexpectedAnswerError") return "garbage";
  return "network";
}

/**
 * Graph refused a freshly refreshed token (a 401, not "nobody is signed in"). It may be one resource or a passing
 * fault, so it is retried soon, and the sign-in is given up only once GET /me is refused too (confirmSignInLost).
 */
export class TokenRefusedError extends SignInRequiredError {
  constructor(reason: string) {
    super(reason);
    this.name = "TokenRefusedError";
  }
}

/** True when GET /me also says sign in again; false when it answers, or fails for another reason. */
export async function confirmSignInLost(client: Client): Promise<boolean> {
  try {
    await client.api("/me").select("id").get();
    return false;
  } catch (error) {
    return isSignInRequired(error);
  }
}

/** Follows @odata.nextLink until the end; the SDK accepts an absolute URL in api(). */
export async function getAllPages<T>(client: Client, path: string, pageSize?: number): Promise<T[]> {
  const out: T[] = [];
  let next: string | undefined = path;
  while (next) {
    let request = client.api(next);
    if (pageSize) request = request.header("Prefer", `odata.maxpagesize=${pageSize}`);
    const page = (await request.get()) as { value: T[]; "@odata.nextLink"?: string };
    if (!Array.isArray(page?.value)) throw new UnexpectedAnswerError(`Graph answered ${path} without "value"`);
    out.push(...page.value);
    next = page["@odata.nextLink"];
  }
  return out;
}
