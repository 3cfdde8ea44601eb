/**
 * Headers on every response of the bridge's web server, pages and API alike. The Content-Security-Policy admits
 * only scripts served by the bridge itself: an inline script, even one smuggled into a page, never runs. Only the
 * pages Outlook must frame (the pane) name who may frame them; everything else refuses every frame.
 */
import { API_PREFIX } from "./local-api-guard.js";

export interface PageHeaderOptions {
  /** Path → the `frame-ancestors` sources of that page; any other path may not be framed at all. */
  framedBy?: Readonly<Record<string, string>>;
}

/**
 * Styles may be inline (style attributes, and the pane's UI library injects <style>); script may not: that is what
 * stops a reflected or stored payload from reading the pairing token.
 */
export function contentSecurityPolicy(frameAncestors = "'none'"): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors ${frameAncestors}`,
  ].join("; ");
}

export function pageHeaders(options: PageHeaderOptions = {}): (url: URL) => Record<string, string> {
  return (url) => {
    const path = url.pathname;
    const headers: Record<string, string> = {
      "content-security-policy": contentSecurityPolicy(options.framedBy?.[path]),
      "x-content-type-options": "nosniff",
      "referrer-policy": "no-referrer",
    };
    // API answers are for this origin only; icons and scripts stay loadable by Outlook (a different origin).
    if (path.startsWith(API_PREFIX)) headers["cross-origin-resource-policy"] = "same-origin";
    // Old browsers that ignore frame-ancestors.
    if (!options.framedBy?.[path]) headers["x-frame-options"] = "DENY";
    return headers;
  };
}
