/** Which route a request is for: its URL, parsed without throwing, and the path pattern it matches. */
import type { IncomingMessage } from "node:http";

/** The request's URL, or undefined for one that is no URL (`Host: [`, a path `//[x`): the caller answers 400. */
export function requestUrl(req: IncomingMessage, scheme: string): URL | undefined {
  try {
    return new URL(req.url ?? "/", `${scheme}://${req.headers.host ?? "localhost"}`);
  } catch {
    return undefined;
  }
}

export function matchPath(pattern: string, path: string): Record<string, string> | undefined {
  const a = pattern.split("/");
  const b = path.split("/");
  if (a.length !== b.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < a.length; i++) {
    const p = a[i]!;
    if (p.startsWith(":")) {
      try {
        params[p.slice(1)] = decodeURIComponent(b[i]!);
      } catch {
        return undefined;
      }
    } else if (p !== b[i]) return undefined;
  }
  return params;
}
