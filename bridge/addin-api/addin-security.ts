/** Headers and Content-Security-Policy the add-in is served with (who may call the API: http/local-api-guard.ts). */
import type { IncomingMessage } from "node:http";
import { API_PREFIX } from "../http/local-api-guard.js";

/** Frames allowed to host the pane: itself and Outlook on the web / Microsoft 365 (desktop Outlook is top level). */
export const FRAME_ANCESTORS =
  "'self' https://*.office.com https://*.office365.com https://*.outlook.com https://outlook.live.com " +
  "https://*.officeapps.live.com https://*.cloud.microsoft https://*.microsoft.com";

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
  return ["object-src 'none'", "base-uri 'none'", "form-action 'none'", `frame-ancestors ${FRAME_ANCESTORS}`].join(
    "; ",
  );
}
