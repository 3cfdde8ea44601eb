/**
 * The bridge's local web server: static files, JSON routes and WebSockets, on loopback only.
 * Route modules (simulator, add-in API) plug in; this file knows nothing of TelefUM.
 */
import { createServer as createHttp, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createHttps } from "node:https";
import { createServer as createListener, type Server as Listener, type Socket } from "node:net";
import type { Duplex } from "node:stream";
import type { WebSocket } from "ws";
import type { ReasonCode } from "../api-contract/reasons.js";
import type { Params } from "../i18n/i18n.js";
import type { Logger } from "../log/log.js";
import { InvalidInputError } from "../protocol/inputs.js";
import { MESSAGE_BURST, MESSAGES_PER_SECOND, TokenBucket } from "./rate-limit.js";
import { errorMessage } from "../log/error-message.js";
import {
  ACCEPT_BATCH_MS,
  HEADERS_TIMEOUT_MS,
  IDLE_TIMEOUT_MS,
  KEEP_ALIVE_TIMEOUT_MS,
  listenAll,
  loopbackAddresses,
  MAX_CONNECTIONS,
  MAX_REQUESTS_PER_CONNECTION,
  REQUEST_TIMEOUT_MS,
} from "./loopback-listen.js";
import { matchPath, requestUrl } from "./routing.js";
import { MAX_BODY, sendJson, serveStatic, type StaticMount } from "./responses.js";

export type { StaticMount } from "./responses.js";

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

/** A refusal other than bad input; `reason` (a code the pane reads its words by) only where the answer needs one. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly reason?: ReasonCode,
    readonly params: Params = {},
  ) {
    super(message);
  }
}

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

export interface RunningHttpServer {
  url: string;
  port: number;
  /** The listening sockets, one per address held (127.0.0.1 and ::1 for a loopback name). */
  servers: Listener[];
  close(): Promise<void>;
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
      if (error instanceof InvalidInputError)
        return sendJson(res, 400, refusal(error.message, error.reason, error.params));
      if (error instanceof HttpError) {
        // The rest of an oversized body is not worth reading: the connection ends with the answer.
        if (error.status === 413) res.setHeader("connection", "close");
        return sendJson(res, error.status, refusal(error.message, error.reason, error.params));
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

/** The one shape of a refusal: English `error` for logs; `reason` and `params` for the reader's own words. */
function refusal(error: string, reason: ReasonCode | undefined, params: Params): Record<string, unknown> {
  return { error, ...(reason && { reason }), ...(Object.keys(params).length > 0 && { params }) };
}
