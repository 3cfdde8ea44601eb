/**
 * One throttle state for every Graph request of the bridge (outbox, sync, the caller card, follow-ups): a 429 or
 * 503 with Retry-After closes Graph to everyone until it is over; a network failure or a 5xx closes it with a
 * jittered backoff that grows while Graph stays down. Once the pause is over one request at a time probes (the
 * SDK's inline retry of a read, which waited out Retry-After, may be that one); the rest fail at once
 * (GraphBackoffError, never sent), so a storm of lookups costs Graph nothing. The first answer after a failure
 * reopens Graph and tells the listeners (the outbox writes what waited). Times are monotonic (performance.now()):
 * a wall clock stepped back does not stretch a pause. The middleware that applies it is in graph-client.ts.
 */
import type { Logger } from "../log/log.js";

/** Retry-After in seconds, as Graph sends it: a number of seconds or an HTTP date. */
export function retryAfterFromHeaders(headers: Headers | undefined | null): number | undefined {
  const value = headers?.get("retry-after");
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - Date.now()) / 1000);
}

import type { GraphProblem } from "../http/m365-status.js";

export type { GraphProblem } from "../http/m365-status.js";

/** A request the throttle did not send: Graph is throttling or down, try again in `retryInSeconds`. */
export class GraphBackoffError extends Error {
  constructor(
    readonly problem: GraphProblem,
    readonly retryInSeconds: number,
  ) {
    super(`Graph not asked for ${retryInSeconds.toFixed(1)} s (${problem})`);
    this.name = "GraphBackoffError";
  }
}

export interface GraphThrottleOptions {
  /** First pause after Graph failed to answer, doubled per failure up to maxSeconds; each jittered. */
  baseSeconds: number;
  maxSeconds: number;
  log: Logger;
  /** In [0, 1); tests of the jitter may pass their own. */
  random?: () => number;
}

export class GraphThrottle {
  private closedUntil = 0;
  private failures = 0;
  private probing = false;
  private problem: GraphProblem | undefined;
  private readonly recoveredListeners: (() => void)[] = [];

  constructor(private readonly options: GraphThrottleOptions) {}

  /** Called when Graph answers again after a failure (not on every success). */
  onRecovered(listener: () => void): void {
    this.recoveredListeners.push(listener);
  }

  /** What keeps Graph closed now, if anything, and for how long. */
  get state(): { problem: GraphProblem; retryInSeconds: number } | undefined {
    if (!this.problem) return undefined;
    return { problem: this.problem, retryInSeconds: this.waitSeconds() };
  }

  /** Seconds until a request may be sent (0: now). */
  waitSeconds(): number {
    return Math.max(0, (this.closedUntil - performance.now()) / 1000);
  }

  /**
   * Lets a request go (returns a release), or throws GraphBackoffError when it must not be sent now. `retry`: the
   * SDK's inline retry of a read, which slept exactly Retry-After; it may go at the very end of the pause.
   */
  admit(retry = false): () => void {
    if (!this.problem) return () => undefined;
    const wait = this.waitSeconds();
    // 50 ms of slack for timer granularity: the inline retry sleeps exactly what Graph said.
    if (wait > (retry ? 0.05 : 0)) throw new GraphBackoffError(this.problem, wait);
    // The pause is over: one probe at a time (an inline retry among them), the others wait for its answer.
    if (this.probing) throw new GraphBackoffError(this.problem, Math.max(0.5, this.options.baseSeconds / 2));
    this.probing = true;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.probing = false;
    };
  }

  /** Graph answered (any status but throttling or a 5xx): open for all. */
  answered(): void {
    if (!this.problem) return;
    const was = this.problem;
    this.problem = undefined;
    this.failures = 0;
    this.closedUntil = 0;
    this.options.log("info", "Graph answers again", { after: was });
    for (const listener of this.recoveredListeners) listener();
  }

  /** Graph said to wait `seconds` (Retry-After): nobody asks before. */
  throttled(seconds: number): void {
    this.close("throttled", seconds * 1000);
  }

  /** Graph could not be reached or failed (network, 5xx without Retry-After): a growing, jittered pause. */
  failed(problem: GraphProblem): void {
    const { baseSeconds, maxSeconds } = this.options;
    const ceiling = Math.min(maxSeconds, baseSeconds * 2 ** Math.min(this.failures++, 16));
    // "Equal jitter": at least half the pause, so a flapping link is probed at varying moments, never in step.
    this.close(problem, ceiling * 1000 * (0.5 + 0.5 * this.random()));
  }

  private close(problem: GraphProblem, ms: number): void {
    const until = performance.now() + ms;
    if (!this.problem || until > this.closedUntil) {
      this.options.log(this.problem ? "debug" : "warn", "Graph paused for every request", {
        problem,
        seconds: Math.round(ms / 100) / 10,
      });
    }
    this.problem = problem;
    this.closedUntil = Math.max(this.closedUntil, until);
  }

  private random(): number {
    return (this.options.random ?? Math.random)();
  }
}
