/**
 * Who may use the add-in API: the pane (served by this bridge, so its Origin is the bridge's own) holding the
 * pairing token, or a non-browser client (no Origin header) holding the token. A foreign web page fails on
 * Origin (403) and could not read the token anyway; DNS rebinding fails earlier on Host (421, local-guards.ts).
 */
import type { IncomingMessage } from "node:http";
import type { RequestGuard } from "../http/server.js";
import { tokenMatches } from "./pairing-token.js";

export const API_PREFIX = "/api/";
export const TOKEN_HEADER = "x-bridge-token";

/** The bridge's own origins: as the manifest names it (localhost) and by address. */
export function ownOrigins(url: string): string[] {
  const parsed = new URL(url);
  const alt = new URL(url);
  alt.hostname = parsed.hostname === "localhost" ? "127.0.0.1" : "localhost";
  return [parsed.origin, alt.origin];
}

export interface ApiGuardOptions {
  token: string;
  /** Origins allowed to call the API (the bridge's own). */
  origins: () => readonly string[];
}

function tokenOf(req: IncomingMessage, url: URL): string | undefined {
  const header = req.headers[TOKEN_HEADER];
  if (typeof header === "string") return header;
  // Browsers can't set headers on a WebSocket: the pane passes the token in the query of /api/events.
  if (req.headers.upgrade?.toLowerCase() === "websocket") return url.searchParams.get("token") ?? undefined;
  return undefined;
}

export function apiGuard(options: ApiGuardOptions): RequestGuard {
  return (req, url) => {
    if (!url.pathname.startsWith(API_PREFIX)) return undefined;
    const origin = req.headers.origin;
    if (origin !== undefined && !options.origins().includes(origin)) {
      return { status: 403, reason: `origin ${origin} may not use the bridge` };
    }
    // Fetch metadata: a browser says when a request is cross-site even if Origin were somehow missing.
    const site = req.headers["sec-fetch-site"];
    if (site === "cross-site" || site === "same-site") return { status: 403, reason: "cross-site requests may not use the bridge" };
    if (!tokenMatches(options.token, tokenOf(req, url))) {
      return { status: 401, reason: "missing or wrong pairing token (X-Bridge-Token); reload the add-in pane" };
    }
    return undefined;
  };
}

/** Frames allowed to host the pane: itself and Outlook on the web / Microsoft 365 (desktop Outlook is top level). */
export const FRAME_ANCESTORS =
  "'self' https://*.office.com https://*.office365.com https://*.outlook.com https://outlook.live.com https://*.officeapps.live.com https://*.cloud.microsoft https://*.microsoft.com";

/** Headers on every response. */
export function securityHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
  };
  // API answers are for this origin only; icons and scripts stay loadable by Outlook (a different origin).
  if ((req.url ?? "").startsWith(API_PREFIX)) headers["cross-origin-resource-policy"] = "same-origin";
  return headers;
}

/**
 * Content-Security-Policy of the pane pages. Deliberately narrow: Office.js has no documented list of what it
 * loads in each Outlook flavour, so scripts/styles are not restricted here (the pane only ever renders text
 * nodes, and serves every script itself); what matters for the bridge is that no foreign page can frame the
 * pane and trick a click on Call.
 */
export function paneCsp(): string {
  return ["object-src 'none'", "base-uri 'none'", "form-action 'none'", `frame-ancestors ${FRAME_ANCESTORS}`].join("; ");
}
