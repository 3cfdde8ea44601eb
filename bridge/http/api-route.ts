/**
 * The one place a request to /api/ is checked against the contract: the query and the JSON body go through their
 * endpoint's schemas before the route runs, and a refusal is one 400 `{ error, reason }` (server.ts answers every
 * InvalidInputError so). A schema's own refusal is BAD_QUERY or BAD_FIELD with its sentence; a value judged by
 * protocol/inputs.ts (a number, an SMS text) keeps that validator's reason.
 */
import * as v from "valibot";
import type { Accepted, Answer, Endpoint, Schema } from "../api-contract/endpoint.js";
import { InvalidInputError, type InvalidInputReason } from "../protocol/inputs.js";
import { readJson, type Route, type RouteContext } from "./server.js";
import { sendJson } from "./responses.js";

export interface ApiRequest<E extends Pick<Endpoint, "query" | "body">> {
  query: Accepted<E["query"]>;
  body: Accepted<E["body"]>;
  context: RouteContext;
}

export type ApiHandler<E extends Endpoint> = (request: ApiRequest<E>) => Answer<E> | Promise<Answer<E>>;

/** The route of one endpoint: validated in, answered with the endpoint's status (200 unless it says). */
export function apiRoute<E extends Endpoint>(endpoint: E, handle: NoInfer<ApiHandler<E>>): Route {
  return {
    method: endpoint.method,
    path: endpoint.path,
    async handle(context) {
      const query = endpoint.query && accept(endpoint.query, queryObject(context.url), "BAD_QUERY");
      const body = endpoint.body && accept(endpoint.body, await readJson(context.req), "BAD_FIELD");
      const answer = await handle({ query, body, context } as ApiRequest<E>);
      sendJson(context.res, endpoint.status ?? 200, answer);
    },
  };
}

/** A file to download: what a file route answers. */
export interface FileAnswer {
  type: string;
  /** The name the browser saves it under (ASCII). */
  name: string;
  body: string | Buffer;
}

/** The route of an endpoint whose answer is a file (a report's CSV or workbook), checked in as apiRoute checks. */
export function apiFileRoute<E extends Omit<Endpoint, "answer">>(
  endpoint: E,
  handle: (request: ApiRequest<E>) => Promise<FileAnswer>,
): Route {
  return {
    method: endpoint.method,
    path: endpoint.path,
    async handle(context) {
      const query = endpoint.query && accept(endpoint.query, queryObject(context.url), "BAD_QUERY");
      const file = await handle({ query, body: undefined, context } as ApiRequest<E>);
      context.res.writeHead(200, {
        "content-type": file.type,
        "content-disposition": `attachment; filename="${file.name}"`,
        "cache-control": "no-store",
      });
      context.res.end(file.body);
    },
  };
}

/** The first value of each query parameter, as URLSearchParams.get reads it. */
function queryObject(url: URL): Record<string, string> {
  const first = new Map<string, string>();
  for (const [name, value] of url.searchParams) if (!first.has(name)) first.set(name, value);
  return Object.fromEntries(first);
}

function accept(schema: Schema, input: unknown, reason: InvalidInputReason): unknown {
  const result = v.safeParse(schema, input, { abortEarly: true });
  if (result.success) return result.output;
  throw new InvalidInputError(reason, refusal(schema, result.issues[0]));
}

/** A missing field is refused as its own schema refuses an absent value ('"number" must be a non-empty string'). */
function refusal(schema: Schema, issue: v.BaseIssue<unknown>): string {
  const at = issue.path?.at(-1);
  const fields = "entries" in schema ? (schema.entries as v.ObjectEntries) : undefined;
  const field = at?.origin === "key" && typeof at.key === "string" ? fields?.[at.key] : undefined;
  if (field) {
    const absent = v.safeParse(field, undefined);
    if (!absent.success) return absent.issues[0].message;
  }
  return issue.message;
}
