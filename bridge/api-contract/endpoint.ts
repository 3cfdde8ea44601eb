/**
 * What one /api/ route is: its method and path, the schemas of its query and body (what the server accepts, what
 * the pane may send) and of its answer, and the one shape of every refusal.
 */
import * as v from "valibot";
import { REASON_CODES } from "./reasons.js";

export type Schema = v.GenericSchema<unknown, unknown>;

export interface Endpoint {
  readonly method: "GET" | "POST" | "PUT";
  readonly path: string;
  /** The query parameters (each a text on the wire); absent when the route reads none. */
  readonly query?: Schema;
  /** The JSON body; absent when the route reads none. */
  readonly body?: Schema;
  readonly answer: Schema;
  /** The status of a success, 200 unless said. */
  readonly status?: number;
}

/** What a schema turns a valid request into (what the route gets), or nothing. */
export type Accepted<S> = S extends Schema ? v.InferOutput<S> : undefined;
/** What the pane may send for a schema. */
export type Sent<S> = S extends Schema ? v.InferInput<S> : undefined;
export type Answer<E extends Endpoint> = v.InferOutput<E["answer"]>;

export type { RefusalReason } from "./reasons.js";

/**
 * Every refusal: `error` is English for logs and scripts; `reason` names why an input was invalid (400) or was
 * refused, and with `params` is what a person reads (`reasons.<reason>` in their language).
 */
export const ERROR_ANSWER = v.object({
  error: v.string(),
  reason: v.optional(v.picklist(REASON_CODES)),
  params: v.optional(v.record(v.string(), v.union([v.string(), v.number()]))),
});
export type ErrorAnswer = v.InferOutput<typeof ERROR_ANSWER>;
