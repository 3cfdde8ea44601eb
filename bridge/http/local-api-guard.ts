/**
 * Who may use the local server, in one place, for every page, /api/ route (the add-in's and Microsoft 365's alike)
 * and WebSocket:
 * - (before any request: the server keeps only connections of this bridge's own OS user, same-user/connection-gate.ts);
 * - Host must be a loopback name on our port, on every request (a DNS-rebinding page still sends its own name);
 * - a browser's Origin must be one of the bridge's own (localhost or 127.0.0.1), and fetch metadata must not say
 *   cross-site;
 * - the pairing token (X-Bridge-Token, or ?token= on the events socket) must match: a random secret kept in the
 *   data folder (0600), written into the pages the bridge serves, which no foreign page can read;
 * - POST/PUT/DELETE and WebSocket upgrades anywhere (the simulator's too) come from our own origin or no browser;
 * - POST/PUT/DELETE must be JSON, so a cross-site form cannot skip the CORS preflight.
 */
import { randomBytes, timingSafeEqual } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import type { IncomingMessage } from "node:http";
import { join } from "node:path";
import { TOKEN_HEADER } from "../api-contract/paths.js";
import { requestRateGuard } from "./rate-limit.js";
import type { RequestGuard } from "./server.js";

export const API_PREFIX = "/api/";
export const TOKEN_FILE = "addin-token";
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{32,}$/;
const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

export function tokenPath(dataDir: string): string {
  return join(dataDir, TOKEN_FILE);
}

/** Reads the token, creating it (0600) on first use; a damaged file is replaced. Delete the file to rotate. */
export function loadOrCreateToken(dataDir: string): string {
  const file = tokenPath(dataDir);
  if (existsSync(file)) {
    const existing = readFileSync(file, "utf8").trim();
    if (TOKEN_PATTERN.test(existing)) return existing;
  }
  const token = randomBytes(32).toString("base64url");
  try {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, `${token}\n`, { mode: 0o600 });
    chmodSync(file, 0o600);
  } catch (error) {
    // A read-only or full data folder: the pane still pairs through the pages this run serves; only the next start
    // (and `simulate`) need the file. The bridge must come up then, to keep the calls in the fallback journal.
    if (!/EROFS|ENOSPC|EACCES|EPERM/.test(String((error as NodeJS.ErrnoException).code))) throw error;
  }
  return token;
}

/** Constant-time comparison, so the token can't be guessed byte by byte from response times. */
export function tokenMatches(expected: string, given: string | undefined): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The bridge's own origins: as the manifest names it (localhost) and by address. */
export function ownOrigins(url: string): string[] {
  const parsed = new URL(url);
  const alt = new URL(url);
  alt.hostname = parsed.hostname === "localhost" ? "127.0.0.1" : "localhost";
  return [parsed.origin, alt.origin];
}

/** True for a page the bridge served itself, or no browser at all (no Origin header). */
export function fromOwnOrigin(req: IncomingMessage, origins: readonly string[]): boolean {
  const sent = req.headers.origin;
  return sent === undefined || origins.includes(sent);
}

export interface LocalApiGuardOptions {
  token: string;
  /** The port the server listens on (Host must name it). */
  port: () => number;
  /** The server's URL once listening (its origins may call the API). */
  url: () => string;
}

/** A page on evil.example that rebinds its name to 127.0.0.1 still sends Host: evil.example. */
function hostGuard(port: () => number): RequestGuard {
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

function tokenOf(req: IncomingMessage, url: URL): string | undefined {
  const header = req.headers[TOKEN_HEADER];
  if (typeof header === "string") return header;
  // Browsers can't set headers on a WebSocket: the pane passes the token in the query of /api/events.
  if (req.headers.upgrade?.toLowerCase() === "websocket") return url.searchParams.get("token") ?? undefined;
  return undefined;
}

/** A browser's request is same-origin: our Origin (or none: not a browser), and fetch metadata does not say cross. */
function originRefusal(req: IncomingMessage, url: () => string): { status: number; reason: string } | undefined {
  if (!fromOwnOrigin(req, url() ? ownOrigins(url()) : [])) {
    return { status: 403, reason: `origin ${req.headers.origin} may not use the bridge` };
  }
  // Fetch metadata: a browser says when a request is cross-site even if Origin were somehow missing.
  const site = req.headers["sec-fetch-site"];
  if (site === "cross-site" || site === "same-site") {
    return { status: 403, reason: "cross-site requests may not use the bridge" };
  }
  return undefined;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** /api/ always; elsewhere (the simulator) whatever changes state: a POST, or a WebSocket upgrade. */
function originGuard(url: () => string): RequestGuard {
  return (req, requestUrl) => {
    const upgrade = req.headers.upgrade !== undefined;
    if (!requestUrl.pathname.startsWith(API_PREFIX) && SAFE_METHODS.has(req.method ?? "GET") && !upgrade) {
      return undefined;
    }
    return originRefusal(req, url);
  };
}

function tokenGuard(token: string): RequestGuard {
  return (req, url) => {
    if (!url.pathname.startsWith(API_PREFIX)) return undefined;
    if (!tokenMatches(token, tokenOf(req, url))) {
      return { status: 401, reason: "missing or wrong pairing token (X-Bridge-Token); reload the add-in pane" };
    }
    return undefined;
  };
}

/** Cross-site forms can POST text/plain without a preflight; JSON forces one, never granted to foreign origins. */
const jsonPostGuard: RequestGuard = (req) => {
  if (req.method !== "POST" && req.method !== "PUT" && req.method !== "DELETE") return undefined;
  const type = (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
  if (type === "application/json") return undefined;
  return { status: 415, reason: "send JSON (content-type: application/json)" };
};

/**
 * The guards of the bridge's web server, in order: rate and Host (every request), Origin (/api/, POSTs and sockets),
 * the token (/api/), then JSON. The same-user check comes before them all, once per connection (ConnectionGate).
 */
export function localApiGuards(options: LocalApiGuardOptions): RequestGuard[] {
  return [
    requestRateGuard(),
    hostGuard(options.port),
    originGuard(options.url),
    tokenGuard(options.token),
    jsonPostGuard,
  ];
}
