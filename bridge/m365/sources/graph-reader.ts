/**
 * GETs for the sync, many at a time: one request goes out as itself (the SDK's RetryHandler honours Retry-After),
 * several go out as JSON batches of 20 (graph-batch.ts). Inside a batch each request has its own status; a 429/503
 * /504 one is sent again in the next batch after its Retry-After when that is short enough, like a lone GET would be.
 * Every answer comes back as a result, a failure as the GraphError a lone GET would have thrown, so the caller
 * decides what a 404, 403 or 410 means for it.
 */
import { type Client, GraphError } from "@microsoft/microsoft-graph-client";
import { BATCH_LIMIT, type BatchResult, sendBatch } from "../graph-batch.js";
import { retryAfterFromHeaders } from "../graph-client.js";

export interface ReadRequest {
  /** Relative (/users/delta?…) or a nextLink/deltaLink as Graph gave it (absolute). */
  url: string;
  /** `Prefer: odata.maxpagesize`. */
  pageSize?: number;
}

export type ReadResult = BatchResult;

export interface ReaderOptions {
  readRetries: number;
  maxInlineDelaySeconds: number;
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
      const asked = pending.map((i) => ({ id: String(i), method: "GET" as const, ...requests[i]! }));
      const answers = await sendBatch(this.client, asked, attempt);
      const again: number[] = [];
      let wait = 0;
      for (const i of pending) {
        const result = answers.get(String(i))!;
        if (!result.ok && RETRYABLE.has(result.error.statusCode)) {
          const after = retryAfterFromHeaders(result.error.headers);
          const inline = after === undefined || after <= this.options.maxInlineDelaySeconds;
          if (inline && attempt < this.options.readRetries) {
            again.push(i);
            wait = Math.max(wait, after ?? 2 ** attempt);
            continue;
          }
        }
        results[i] = result;
      }
      if (again.length > 0) await new Promise((resolve) => setTimeout(resolve, wait * 1000));
      pending = again;
    }
    return results.map((r) => r!);
  }
}
