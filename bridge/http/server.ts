/**
 * The bridge's local web server: static files, JSON routes and WebSockets, on loopback only.
 * Route modules (simulator, add-in API) plug in; this file knows nothing of TelefUM.
 */
import { createServer as createHttp, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createHttps } from "node:https";
import { existsSync, readFileSync, statSync } from "node:fs";
import { extname, join, normalize, resolve, sep } from "node:path";
import type { Duplex } from "node:stream";
import type { WebSocket } from "ws";
import type { Logger } from "../log/log.js";
import { InvalidInputError } from "../protocol/inputs.js";
import { MAX_MESSAGE_LENGTH } from "../protocol/limits.js";
import { MESSAGE_BURST, MESSAGES_PER_SECOND, TokenBucket } from "./rate-limit.js";
import { errorMessage } from "../log/error-message.js";

export interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  params: Record<string, string>;
}

export interface Route {
  method: "GET" | "POST" | "PUT" | "DELETE";
  /** `/api/contacts/:id` style pattern. */
  path: string;
  handle(context: RouteContext): Promise<void> | void;
}

export interface SocketRoute {
  path: string;
  /** Return false (or a reason string) to refuse the upgrade. */
  accept?(req: IncomingMessage): true | string;
  connect(socket: WebSocket, req: IncomingMessage): void;
}

export interface StaticMount {
  prefix: string;
  dir: string;
}

/** Runs before every request; returning a status and reason refuses it (Host checks, say). */
export type RequestGuard = (req: IncomingMessage, url: URL) => { status: number; reason: string } | undefined;

export interface HttpServerOptions {
  host: string;
  port: number;
  routes?: Route[];
  sockets?: SocketRoute[];
  statics?: StaticMount[];
  guards?: RequestGuard[];
  tls?: { key: string | Buffer; cert: string | Buffer; ca?: string | Buffer };
  /** Extra headers on every response (security headers, CORS for the add-in origin). */
  headers?: (req: IncomingMessage) => Record<string, string>;
  /** Where an unexpected route error is told in full (the client only learns that it happened). */
  log: Logger;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
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

/** Reads a JSON object body; rejects with InvalidInputError (400) or HttpError 413 so the caller answers clearly. */
export async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const tooLarge = new HttpError(413, `request body larger than ${MAX_BODY} bytes`);
  // Refused from the header when it says so, before a byte is read.
  if (Number(req.headers["content-length"] ?? 0) > MAX_BODY) throw tooLarge;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw tooLarge;
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (!text) return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new InvalidInputError("BAD_BODY", "request body is not valid JSON");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new InvalidInputError("BAD_BODY", "request body must be a JSON object");
  }
  return value as Record<string, unknown>;
}

function matchPath(pattern: string, path: string): Record<string, string> | undefined {
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

function serveStatic(mount: StaticMount, path: string, res: ServerResponse): boolean {
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

export interface RunningHttpServer {
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const scheme = options.tls ? "https" : "http";
  const handler = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? "/", `${scheme}://${req.headers.host ?? "localhost"}`);
    for (const [name, value] of Object.entries(options.headers?.(req) ?? {})) res.setHeader(name, value);
    try {
      for (const guard of options.guards ?? []) {
        const refusal = guard(req, url);
        if (refusal) return sendJson(res, refusal.status, { error: refusal.reason });
      }
      if (req.method === "OPTIONS") {
        res.writeHead(204);
        return void res.end();
      }
      for (const route of options.routes ?? []) {
        if (route.method !== req.method) continue;
        const params = matchPath(route.path, url.pathname);
        if (params) return await route.handle({ req, res, url, params });
      }
      if (req.method === "GET") {
        for (const mount of options.statics ?? []) if (serveStatic(mount, url.pathname, res)) return;
      }
      sendJson(res, 404, { error: `nothing at ${req.method} ${url.pathname}` });
    } catch (error) {
      if (res.headersSent) return void res.end();
      // The one place a bad input becomes a 400: the reason names what was wrong.
      if (error instanceof InvalidInputError) return sendJson(res, 400, { error: error.message, reason: error.reason });
      if (error instanceof HttpError) {
        // The rest of an oversized body is not worth reading: the connection ends with the answer.
        if (error.status === 413) res.setHeader("connection", "close");
        return sendJson(res, error.status, { error: error.message });
      }
      // A store or bug detail may name paths or data: it goes to the log, never to the (browser) client.
      const detail = { reason: errorMessage(error), stack: error instanceof Error ? error.stack : undefined };
      options.log("error", "request failed", { method: req.method, path: url.pathname, ...detail });
      sendJson(res, 500, { error: "internal error" });
    }
  };
  const server: Server = options.tls
    ? createHttps(
        { key: options.tls.key, cert: options.tls.cert, ...(options.tls.ca ? { ca: options.tls.ca } : {}) },
        (req, res) => void handler(req, res),
      )
    : createHttp((req, res) => void handler(req, res));

  // ws loads with the server, not with every module that borrows this file's route helpers. It refuses a frame over
  // maxPayload from its header, before buffering it (the library default is 100 MiB).
  const { WebSocketServer } = await import("ws");
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_BODY });
  server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? "/", `${scheme}://${req.headers.host ?? "localhost"}`);
    const refuse = (status: number, reason: string): void => {
      socket.end(`HTTP/1.1 ${status} Refused\r\ncontent-type: text/plain\r\n\r\n${reason}`);
    };
    for (const guard of options.guards ?? []) {
      const refusal = guard(req, url);
      if (refusal) return refuse(refusal.status, refusal.reason);
    }
    const route = (options.sockets ?? []).find((s) => s.path === url.pathname);
    if (!route) return refuse(404, "no socket here");
    const verdict = route.accept?.(req) ?? true;
    if (verdict !== true) return refuse(403, verdict);
    wss.handleUpgrade(req, socket, head, (ws) => {
      // A frame over maxPayload (or a broken one) is an 'error' on the socket: ws closes it; unheard, it would
      // end the whole process.
      ws.on("error", (error) =>
        options.log("warn", "WebSocket message refused", { path: url.pathname, reason: error.message }),
      );
      const bucket = new TokenBucket(MESSAGES_PER_SECOND, MESSAGE_BURST);
      ws.on("message", () => {
        if (!bucket.take()) ws.close(1008, "too many messages; slow down");
      });
      route.connect(ws, req);
    });
  });

  await new Promise<void>((resolvePromise, reject) => {
    const fail = (error: NodeJS.ErrnoException): void => {
      // The usual cause is a second bridge (or another dev server) on the port: say so, and how to move.
      if (error.code === "EADDRINUSE") {
        reject(
          new Error(
            `port ${options.port} on ${options.host} is already in use (another bridge running?); ` +
              "choose another with --port or TELEFUM_BRIDGE_PORT",
          ),
        );
      } else reject(error);
    };
    server.once("error", fail);
    server.listen(options.port, options.host, () => {
      server.off("error", fail);
      resolvePromise();
    });
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  const hostForUrl = options.host === "127.0.0.1" || options.host === "::1" ? "localhost" : options.host;
  return {
    url: `${scheme}://${hostForUrl}:${port}`,
    port,
    server,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections?.();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
