/** Guards every local endpoint shares: only loopback host names (stops DNS rebinding) and JSON-only POSTs. */
import type { IncomingMessage } from "node:http";
import type { RequestGuard } from "./server.js";

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** A page on evil.example that rebinds its name to 127.0.0.1 still sends Host: evil.example. */
export function loopbackHostGuard(port: () => number): RequestGuard {
  return (req) => {
    const host = req.headers.host ?? "";
    const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(host);
    const name = match?.[1]?.toLowerCase();
    const hostPort = match?.[2] ? Number(match[2]) : undefined;
    if (!name || !LOOPBACK_HOSTS.has(name) || (hostPort !== undefined && hostPort !== port())) {
      return { status: 421, reason: `this bridge only answers to localhost, not "${host}"` };
    }
    return undefined;
  };
}

/**
 * Cross-site forms can POST text/plain without a preflight; requiring application/json forces one,
 * which the bridge never grants to foreign origins.
 */
export const jsonPostGuard: RequestGuard = (req: IncomingMessage) => {
  if (req.method !== "POST" && req.method !== "PUT" && req.method !== "DELETE") return undefined;
  const type = (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
  return type === "application/json" ? undefined : { status: 415, reason: "send JSON (content-type: application/json)" };
};

/** True when a browser request comes from the given origin, or from no browser at all (no Origin header). */
export function isSameOriginOrNone(req: IncomingMessage, origin: string): boolean {
  const sent = req.headers.origin;
  return sent === undefined || sent === origin;
}
