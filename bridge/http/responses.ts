/** What the local server sends back: JSON, pages, scripts, and the built add-in's static files. */
import { existsSync, readFileSync, statSync } from "node:fs";
import type { ServerResponse } from "node:http";
import { extname, join, normalize, resolve, sep } from "node:path";
import { MAX_MESSAGE_LENGTH } from "../protocol/limits.js";

/** A folder served under a path prefix (the built add-in). */
export interface StaticMount {
  prefix: string;
  dir: string;
}

const MIME: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".ico": "image/x-icon",
  ".xml": "application/xml; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".woff2": "font/woff2",
};

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
  res.end(text);
}

export function sendHtml(res: ServerResponse, html: string): void {
  res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
  res.end(html);
}

/** A script the bridge builds itself (the pages' scripts are files, never inline: see page-headers.ts). */
export function sendScript(res: ServerResponse, script: string): void {
  res.writeHead(200, { "content-type": "text/javascript; charset=utf-8", "cache-control": "no-cache" });
  res.end(script);
}

/** Request bodies and WebSocket messages: the protocol's message limit (a JSON body carries one message). */
export const MAX_BODY = MAX_MESSAGE_LENGTH;

export function serveStatic(mount: StaticMount, path: string, res: ServerResponse): boolean {
  if (!path.startsWith(mount.prefix)) return false;
  const root = resolve(mount.dir);
  let relative = path.slice(mount.prefix.length).replace(/^\/+/, "");
  if (relative === "" || relative.endsWith("/")) relative += "index.html";
  const file = resolve(join(root, normalize(relative)));
  if (file !== root && !file.startsWith(root + sep)) return false;
  if (!existsSync(file) || !statSync(file).isFile()) return false;
  res.writeHead(200, {
    "content-type": MIME[extname(file)] ?? "application/octet-stream",
    "cache-control": "no-cache",
  });
  res.end(readFileSync(file));
  return true;
}
