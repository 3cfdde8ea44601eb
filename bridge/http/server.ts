/**
 * The bridge's local web server: static files, JSON routes and WebSockets, on loopback only.
 * Route modules (simulator, add-in API) plug in; this file knows nothing of TelefUM.
 */
import { createServer as createHttp, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createHttps } from "node:https";
import { createServer as createListener, type Server as Listener, type Socket } from "node:net";
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

/**
 * Decides once, when a TCP connection is accepted and before a byte of it is read, whether it is served; a refused
 * one is reset at once (same-user/connection-gate.ts: another OS user's, or over the connection cap). The server asks
 * about the connections accepted within ACCEPT_BATCH_MS together, in one turn, so a gate that reads a table of
 * connections reads it once for a whole flood.
 */
export type ConnectionGate = (socket: Socket) => boolean;

export interface HttpServerOptions {
  /** A loopback name holds both loopbacks (loopbackAddresses); anything else is listened on as given. */
  host: string;
  port: number;
  routes?: Route[];
  sockets?: SocketRoute[];
  statics?: StaticMount[];
  guards?: RequestGuard[];
  admit?: ConnectionGate;
  tls?: { key: string | Buffer; cert: string | Buffer; ca?: string | Buffer };
  /** Extra headers on every response (security headers), by the request's URL (the root's for one that is none). */
  headers?: (url: URL) => Record<string, string>;
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
  /** The listening sockets, one per address held (127.0.0.1 and ::1 for a loopback name). */
  servers: Listener[];
  close(): Promise<void>;
}

/** A client that sends nothing (or its headers slowly) is dropped after this; no request of the pane is slower. */
export const HEADERS_TIMEOUT_MS = 10_000;
/** A whole request, body included (a route may wait on a few Graph requests of 30 s each). */
export const REQUEST_TIMEOUT_MS = 120_000;
/** An idle keep-alive connection is closed after this; a connection carries at most this many requests. */
export const KEEP_ALIVE_TIMEOUT_MS = 5_000;
export const MAX_REQUESTS_PER_CONNECTION = 1_000;
/** A socket with no traffic at all (a stalled TLS handshake, a hung request) is closed after this. */
export const IDLE_TIMEOUT_MS = 120_000;
/** Open connections per listening address, whoever holds them: the last line behind the gate's caps. */
export const MAX_CONNECTIONS = 512;
/** Node accepts one connection per turn of its loop: the gate is asked about the ones accepted within this. */
export const ACCEPT_BATCH_MS = 5;

/**
 * Browsers try `localhost` on ::1 first: holding only 127.0.0.1 would leave ::1 (and so the bridge's origin) to any
 * user of the machine. A loopback name therefore holds both.
 */
export function loopbackAddresses(host: string): string[] {
  return host === "localhost" || host === "127.0.0.1" || host === "::1" ? ["127.0.0.1", "::1"] : [host];
}

/** The request's URL, or undefined for one that is no URL (`Host: [`, a path `//[x`): the caller answers 400. */
function requestUrl(req: IncomingMessage, scheme: string): URL | undefined {
  try {
    return new URL(req.url ?? "/", `${scheme}://${req.headers.host ?? "localhost"}`);
  } catch {
    return undefined;
  }
}

/** Listens on `port` (0: any) at `address`; EADDRINUSE names the address, so the message says which one is taken. */
function listen(server: Listener, port: number, address: string): Promise<void> {
  return new Promise<void>((resolvePromise, reject) => {
    const fail = (error: NodeJS.ErrnoException): void => {
      server.off("listening", done);
      reject(error);
    };
    const done = (): void => {
      server.off("error", fail);
      resolvePromise();
    };
    server.once("error", fail);
    server.once("listening", done);
    server.listen(port, address);
  });
}

/** No IPv6 on this machine: nobody can hold ::1 either, so holding 127.0.0.1 alone is enough. */
const NO_ADDRESS = new Set(["EADDRNOTAVAIL", "EAFNOSUPPORT"]);

/**
 * Holds every address on one port. With port 0 the first address picks the port and a port taken on another
 * address is tried again; a fixed port taken on any address refuses to start.
 */
async function listenAll(servers: Listener[], addresses: string[], port: number): Promise<Listener[]> {
  for (let attempt = 0; ; attempt++) {
    const held: Listener[] = [];
    let chosen = port;
    try {
      for (const [i, address] of addresses.entries()) {
        try {
          await listen(servers[i]!, chosen, address);
        } catch (error) {
          if (i > 0 && NO_ADDRESS.has((error as NodeJS.ErrnoException).code ?? "")) continue;
          throw error;
        }
        held.push(servers[i]!);
        const bound = servers[i]!.address();
        if (typeof bound === "object" && bound) chosen = bound.port;
      }
      return held;
    } catch (error) {
      await Promise.all(held.map((s) => new Promise((r) => s.close(r))));
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "EADDRINUSE" && port === 0 && attempt < 10) continue;
      if (code === "EADDRINUSE") {
        // Another bridge (or another dev server) on the port, or another user holding one of the loopbacks.
        const address = (error as { address?: string }).address ?? addresses.join(", ");
        throw new Error(
          `port ${port} on ${address} is already in use (another bridge running?); ` +
            "choose another with --port or TELEFUM_BRIDGE_PORT",
        );
      }
      throw error;
    }
  }
}

export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const scheme = options.tls ? "https" : "http";
  const handler = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = requestUrl(req, scheme);
    for (const [name, value] of Object.entries(options.headers?.(url ?? new URL(`${scheme}://localhost/`)) ?? {})) {
      res.setHeader(name, value);
    }
    if (!url) {
      res.setHeader("connection", "close");
      return sendJson(res, 400, { error: "the request names no valid URL" });
    }
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
  // Node checks the header and request timeouts on this interval (30 s by default).
  const timing = { connectionsCheckingInterval: 1_000, headersTimeout: HEADERS_TIMEOUT_MS };
  const server: Server = options.tls
    ? createHttps(
        {
          key: options.tls.key,
          cert: options.tls.cert,
          ...(options.tls.ca ? { ca: options.tls.ca } : {}),
          handshakeTimeout: HEADERS_TIMEOUT_MS,
          ...timing,
        },
        (req, res) => void handler(req, res),
      )
    : createHttp(timing, (req, res) => void handler(req, res));
  server.requestTimeout = REQUEST_TIMEOUT_MS;
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.maxRequestsPerSocket = MAX_REQUESTS_PER_CONNECTION;
  server.timeout = IDLE_TIMEOUT_MS;
  server.on("upgrade", upgrade);

  // The listening sockets hand a connection to the HTTP(S) server only once the gate has admitted it: until then
  // it is paused, and neither TLS nor HTTP reads a byte of it.
  let waiting: Socket[] = [];
  const decide = (): void => {
    const batch = waiting;
    waiting = [];
    for (const socket of batch) {
      if (socket.destroyed) continue;
      // A reset, not a close: no TIME_WAIT entry is left behind for each refused connection of a flood.
      if (options.admit && !options.admit(socket)) {
        socket.resetAndDestroy();
        continue;
      }
      server.emit("connection", socket);
      socket.resume();
      // Node's header timeout starts with the first byte: a client that never sends one is closed here.
      const silent = setTimeout(() => socket.bytesRead === 0 && socket.destroy(), HEADERS_TIMEOUT_MS).unref();
      socket.once("close", () => clearTimeout(silent));
    }
  };
  const createListenerFor = (): Listener => {
    const listener = createListener({ pauseOnConnect: true }, (socket) => {
      socket.on("error", () => socket.destroy());
      if (waiting.push(socket) === 1) setTimeout(decide, ACCEPT_BATCH_MS);
    });
    listener.maxConnections = MAX_CONNECTIONS;
    return listener;
  };

  // ws loads with the server, not with every module that borrows this file's route helpers. It refuses a frame over
  // maxPayload from its header, before buffering it (the library default is 100 MiB).
  const { WebSocketServer } = await import("ws");
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_BODY });
  function upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    // Before the handshake the socket is ours alone: an error on it (a reset) unheard would end the process.
    socket.on("error", () => socket.destroy());
    const refuse = (status: number, reason: string): void => {
      socket.end(`HTTP/1.1 ${status} Refused\r\ncontent-type: text/plain\r\nconnection: close\r\n\r\n${reason}`);
    };
    const url = requestUrl(req, scheme);
    if (!url) return refuse(400, "the request names no valid URL");
    try {
      for (const guard of options.guards ?? []) {
        const refusal = guard(req, url);
        if (refusal) return refuse(refusal.status, refusal.reason);
      }
      const route = (options.sockets ?? []).find((s) => s.path === url.pathname);
      if (!route) return refuse(404, "no socket here");
      const verdict = route.accept?.(req) ?? true;
      if (verdict !== true) return refuse(403, verdict);
      accept(route, url, req, socket, head);
    } catch (error) {
      options.log("error", "WebSocket upgrade failed", { path: url.pathname, reason: String(error) });
      socket.destroy();
    }
  }
  function accept(route: SocketRoute, url: URL, req: IncomingMessage, socket: Duplex, head: Buffer): void {
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
  }

  const addresses = loopbackAddresses(options.host);
  const servers = await listenAll(
    addresses.map(() => createListenerFor()),
    addresses,
    options.port,
  );
  // The HTTP(S) server listens on nothing itself; "listening" starts its check of header and request timeouts.
  server.emit("listening");
  for (const listener of servers) {
    // A listening socket's error after start (EMFILE on accept) is logged; unheard it would end the process.
    listener.on("error", (error) => options.log("warn", "local web server error", { reason: error.message }));
  }
  const address = servers[0]!.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  // Both loopbacks are held, so "localhost" reaches this bridge whichever one a browser tries first.
  const hostForUrl = addresses.length > 1 ? "localhost" : options.host;
  return {
    url: `${scheme}://${hostForUrl}:${port}`,
    port,
    servers,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      wss.close();
      for (const socket of waiting.splice(0)) socket.destroy();
      server.closeAllConnections();
      server.close(() => undefined); // stops the timeout checks
      await Promise.all(servers.map((listener) => new Promise<void>((r) => listener.close(() => r()))));
    },
  };
}
