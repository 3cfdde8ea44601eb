/**
 * The TelefUM simulator: a page and endpoints that play TelefUM against the bridge, so the whole flow
 * (incoming call, CARD, CREATECARD, CALLHISTORY, and CALL/SENDSMS going out) runs without Windows.
 */
import type { BridgeCore } from "../core/bridge-core.js";
import { fromOwnOrigin, ownOrigins } from "../http/local-api-guard.js";
import { readJson, requireString, sendHtml, sendJson, type Route, type SocketRoute } from "../http/server.js";
import type { Language } from "../i18n/i18n.js";
import type { LoopbackTransport } from "../transport/loopback.js";
import { simulatorPage } from "./simulator-page.js";

export interface SimulatorDeps {
  core: BridgeCore;
  transport: LoopbackTransport;
  /** The bridge's URL, for WebSocket Origin checks. */
  url: () => string;
  /** The pairing token, written into the page for /api/choose. */
  token: string;
  /** The page's language (the bridge's `language` setting). */
  language?: Language;
}

export function simulatorRoutes(deps: SimulatorDeps): { routes: Route[]; sockets: SocketRoute[] } {
  const routes: Route[] = [
    { method: "GET", path: "/simulator", handle: ({ res }) => sendHtml(res, simulatorPage(deps.token, deps.language)) },
    {
      // Plays TelefUM sending one message; answers with what the bridge sent back while handling it.
      method: "POST",
      path: "/simulator/deliver",
      async handle({ req, res }) {
        const text = requireString(await readJson(req), "text");
        const replies: string[] = [];
        const problems: string[] = [];
        const offSent = deps.transport.onSent((sent) => replies.push(sent));
        const offEvents = deps.core.events.on((event) => {
          if (event.type === "protocol-error") problems.push(`rejected (${event.error.code}): ${event.error.message}`);
          if (event.type === "failure") problems.push(`${event.stage} failed: ${event.message}`);
        });
        try {
          deps.transport.deliver(text);
          await deps.core.idle();
        } finally {
          offSent();
          offEvents();
        }
        sendJson(res, 200, { delivered: text, replies, problems });
      },
    },
  ];
  const sockets: SocketRoute[] = [
    {
      path: "/simulator/ws",
      accept: (req) => (fromOwnOrigin(req, ownOrigins(deps.url())) ? true : "foreign origin"),
      connect(socket) {
        const push = (value: unknown): void => {
          if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(value));
        };
        const offSent = deps.transport.onSent((text) => push({ type: "to-telefum", text }));
        const offEvents = deps.core.events.on((event) => push({ type: "event", event }));
        socket.on("message", (data) => {
          let text: unknown;
          try {
            text = (JSON.parse(String(data)) as { text?: unknown }).text;
          } catch {
            return push({ type: "error", message: 'send {"text": "COMMAND^…^"}' });
          }
          if (typeof text !== "string") return push({ type: "error", message: "text must be a string" });
          deps.transport.deliver(text);
        });
        socket.on("close", () => {
          offSent();
          offEvents();
        });
        push({ type: "hello", transport: deps.transport.name });
      },
    },
  ];
  return { routes, sockets };
}
