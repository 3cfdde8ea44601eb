/**
 * Per-connection rate limits: a token bucket per TCP connection (HTTP requests) and per WebSocket (messages).
 * A pane asks a few times a second at most; a flood from one connection is refused instead of queued.
 */
import type { Socket } from "node:net";
import type { IncomingMessage } from "node:http";

/** A guard as the server runs them (server.ts RequestGuard), written out here so neither imports the other. */
type RequestGuard = (req: IncomingMessage, url: URL) => { status: number; reason: string } | undefined;

export class TokenBucket {
  private tokens: number;
  private last = Date.now();

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
  ) {
    this.tokens = burst;
  }

  /** True when one more event fits; false when this one is over the limit. */
  take(): boolean {
    const now = Date.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/** HTTP requests per connection (keep-alive carries many). */
export const REQUESTS_PER_SECOND = 50;
export const REQUEST_BURST = 200;
/** WebSocket messages per socket. */
export const MESSAGES_PER_SECOND = 50;
export const MESSAGE_BURST = 200;

export function requestRateGuard(): RequestGuard {
  const buckets = new WeakMap<Socket, TokenBucket>();
  return (req) => {
    const bucket = buckets.get(req.socket) ?? new TokenBucket(REQUESTS_PER_SECOND, REQUEST_BURST);
    buckets.set(req.socket, bucket);
    return bucket.take() ? undefined : { status: 429, reason: "too many requests on this connection; slow down" };
  };
}
