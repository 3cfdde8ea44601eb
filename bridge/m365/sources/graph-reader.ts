/**
 * GETs for the sync, many at a time: one request goes out as itself (the SDK's RetryHandler honours Retry-After),
 * several go out as JSON batches of 20 (`POST /$batch`). Inside a batch each request has its own status; a 429/503
 * /504 one is sent again in the next batch after its Retry-After when that is short enough, like a lone GET would be.
 * Every answer comes back as a result, a failure as the GraphError a lone GET would have thrown, so the caller
 * decides what a 404, 403 or 410 means for it.
 */
import { type Client, GraphError } from "@microsoft/microsoft-graph-client";
import { retryAfterFromHeaders, withImmutableIds } from "../graph-client.js";

/** Graph's limit of requests in one JSON batch. */
export const BATCH_LIMIT = 20;

export interface ReadRequest {
  /** Relative (/users/delta?…) or a nextLink/deltaLink as Graph gave it (absolute). */
  url: string;
  /** `Prefer: odata.maxpagesize`. */
  pageSize?: number;
}

export type ReadResult = { ok: true; body: unknown } | { ok: false; error: GraphError };

export interface ReaderOptions {
  readRetries: number;
  maxInlineDelaySeconds: number;
}

interface BatchAnswer {
  responses: { id: string; status: number; headers?: Record<string, string>; body?: unknown }[];
}

const RETRYABLE = new Set([429, 503, 504]);

export class GraphReader {
  /** HTTP requests sent (a batch counts once): what the bench reports. */
  requests = 0;

  constructor(
    private readonly client: Client,
    private readonly options: ReaderOptions,
  ) {}

  async getMany(requests: readonly ReadRequest[]): Promise<ReadResult[]> {
    if (requests.length === 1) return [await this.getOne(requests[0]!)];
    const results: ReadResult[] = [];
    for (let i = 0; i < requests.length; i += BATCH_LIMIT) {
      results.push(...(await this.batch(requests.slice(i, i + BATCH_LIMIT))));
    }
    return results;
  }

  private async getOne(request: ReadRequest): Promise<ReadResult> {
    this.requests++;
    let call = this.client.api(request.url);
    if (request.pageSize) call = call.header("Prefer", `odata.maxpagesize=${request.pageSize}`);
    try {
      return { ok: true, body: await call.get() };
    } catch (error) {
      if (error instanceof GraphError && error.statusCode > 0 && error.code !== "SignInRequiredError")
        return { ok: false, error };
      throw error;
    }
  }

  private async batch(requests: readonly ReadRequest[]): Promise<ReadResult[]> {
    const results = new Array<ReadResult | undefined>(requests.length);
    let pending = requests.map((_, i) => i);
    for (let attempt = 0; pending.length > 0; attempt++) {
      this.requests++;
      let call = this.client.api("/$batch");
      // A resend after the inner Retry-After: the throttle (closed by those inner answers) lets it be the probe.
      if (attempt > 0) call = call.header("Retry-Attempt", String(attempt));
      const answer = (await call.post({
        requests: pending.map((i) => ({
          id: String(i),
          method: "GET",
          url: relativeUrl(requests[i]!.url),
          // The batch's own Prefer does not reach the requests inside it: each carries its own.
          headers: {
            Prefer: withImmutableIds(requests[i]!.pageSize ? `odata.maxpagesize=${requests[i]!.pageSize}` : undefined),
          },
        })),
      })) as BatchAnswer;
      const again: number[] = [];
      let wait = 0;
      for (const response of answer.responses) {
        const i = Number(response.id);
        const headers = new Headers(response.headers ?? {});
        if (response.status < 400) {
          results[i] = { ok: true, body: response.body };
          continue;
        }
        const after = retryAfterFromHeaders(headers);
        const inline = after === undefined || after <= this.options.maxInlineDelaySeconds;
        if (RETRYABLE.has(response.status) && inline && attempt < this.options.readRetries) {
          again.push(i);
          wait = Math.max(wait, after ?? 2 ** attempt);
          continue;
        }
        results[i] = { ok: false, error: batchError(response.status, headers, response.body) };
      }
      if (again.length > 0) await new Promise((resolve) => setTimeout(resolve, wait * 1000));
      pending = again;
    }
    return results.map((r) => r!);
  }
}

/** A request inside a batch names its URL relative to the version: /users/delta?…, not https://…/v1.0/users/…. */
export function relativeUrl(url: string): string {
  const path = /^https?:\/\//i.test(url) ? url.replace(/^https?:\/\/[^/]+/i, "") : url;
  return path.replace(/^\/(v1\.0|beta)(?=\/)/, "");
}

function batchError(status: number, headers: Headers, body: unknown): GraphError {
  const detail = (body as { error?: { code?: string; message?: string } } | undefined)?.error;
  const error = new GraphError(status, detail?.message ?? `Graph answered ${status}`);
  error.code = detail?.code ?? null;
  error.headers = headers;
  error.body = body;
  return error;
}
