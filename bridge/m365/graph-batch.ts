/**
 * Graph's JSON batching (`POST /$batch`), the one way the bridge sends several requests in one round trip: the
 * sync's reads (sources/graph-reader.ts) and a call's writes (mailbox/mailbox-writer.ts). At most 20 requests a
 * batch; each carries its own Prefer (the batch's own does not reach them) and, with a body, its Content-Type.
 * Each answer comes back as a result, a failure as the GraphError a lone request would have thrown, so the caller
 * decides what its 404, 409 or 429 means. The middleware feeds the inner 429/503 answers to the one throttle.
 */
import { type Client, GraphError } from "@microsoft/microsoft-graph-client";
import { UnexpectedAnswerError, withImmutableIds } from "./graph-client.js";

/** Graph's limit of requests in one JSON batch. */
export const BATCH_LIMIT = 20;

export interface BatchRequest {
  id: string;
  method: "GET" | "POST" | "PATCH";
  /** Relative (/me/contacts/…) or absolute as Graph gave it (a nextLink). */
  url: string;
  body?: unknown;
  /** `Prefer: odata.maxpagesize`. */
  pageSize?: number;
  dependsOn?: string[];
}

export type BatchResult = { ok: true; body: unknown } | { ok: false; error: GraphError };

interface BatchAnswer {
  responses: { id: string; status: number; headers?: Record<string, string>; body?: unknown }[];
}

/** One round trip; `attempt` > 0 marks a resend after an inner Retry-After (the throttle lets it be the probe). */
export async function sendBatch(
  client: Client,
  requests: readonly BatchRequest[],
  attempt = 0,
): Promise<Map<string, BatchResult>> {
  if (requests.length > BATCH_LIMIT) throw new RangeError(`a JSON batch holds at most ${BATCH_LIMIT} requests`);
  let call = client.api("/$batch");
  if (attempt > 0) call = call.header("Retry-Attempt", String(attempt));
  const answer = (await call.post({
    requests: requests.map((r) => ({
      id: r.id,
      method: r.method,
      url: relativeUrl(r.url),
      headers: {
        Prefer: withImmutableIds(r.pageSize ? `odata.maxpagesize=${r.pageSize}` : undefined),
        ...(r.body === undefined ? {} : { "Content-Type": "application/json" }),
      },
      ...(r.body === undefined ? {} : { body: r.body }),
      ...(r.dependsOn ? { dependsOn: r.dependsOn } : {}),
    })),
  })) as BatchAnswer;
  const results = new Map<string, BatchResult>();
  for (const response of answer.responses) {
    const headers = new Headers(response.headers ?? {});
    results.set(
      response.id,
      response.status < 400
        ? { ok: true, body: response.body }
        : { ok: false, error: batchError(response.status, headers, response.body) },
    );
  }
  for (const r of requests) {
    if (!results.has(r.id)) throw new UnexpectedAnswerError(`Graph's batch answer has no response for ${r.id}`);
  }
  return results;
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
