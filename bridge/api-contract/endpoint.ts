/**
 * What one /api/ route is: its method and path, the schemas of its query and body (what the server accepts, what
 * the pane may send) and of its answer, and the one shape of every refusal.
 */
import * as v from "valibot";
import { INVALID_INPUT_REASONS } from "../protocol/inputs.js";

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

/**
 * Refusals of a valid request that the pane tells apart (409 the team log is off, 404 no such team call, 409 a
 * setting an administrator set by policy).
 */
export const REFUSAL_REASONS = ["team.off", "team.unknown", "setting.managed"] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

/** Every refusal: the reason a person can act on; `reason` names why an input was invalid (400) or was refused. */
export const ERROR_ANSWER = v.object({
  error: v.string(),
  reason: v.optional(v.picklist([...INVALID_INPUT_REASONS, ...REFUSAL_REASONS])),
});
export type ErrorAnswer = v.InferOutput<typeof ERROR_ANSWER>;
