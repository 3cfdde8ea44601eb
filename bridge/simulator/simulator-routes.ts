/**
 * The TelefUM simulator: a page and endpoints that play TelefUM against the bridge, so the whole flow
 * (incoming call, CARD, CREATECARD, CALLHISTORY, and CALL/SENDSMS going out) runs without Windows.
 */
import type { BridgeCore } from "../core/bridge-core.js";
import * as v from "valibot";
import type { Endpoint } from "../api-contract/endpoint.js";
import { text } from "../api-contract/fields.js";
import { apiRoute } from "../http/api-route.js";
import type { Route, SocketRoute } from "../http/server.js";
import { sendHtml, sendScript } from "../http/responses.js";
import { translator, type Language } from "../i18n/i18n.js";
import { asReceived, type WireEncoding } from "../protocol/wire-encoding.js";
import type { BridgeEvent } from "../core/events.js";
import { reasonText } from "../api-contract/reasons.js";
import type { LoopbackTransport } from "../transport/loopback.js";
import { SIMULATOR_SCRIPT, simulatorPage } from "./simulator-page.js";
import { SIMULATOR_JS } from "./simulator-script.js";

export interface SimulatorDeps {
  core: BridgeCore;
  transport: LoopbackTransport;
  /** The pairing token, written into the page for /api/choose. */
  token: string;
  /** The page's language (the bridge's `language` setting). */
  language?: Language;
  /** TelefUM's encoding: the page shows each message as TelefUM would read it after it (best fit in cp1251). */
  encoding?: WireEncoding;
}

/** The simulator's one request, checked like the local API's (it is no part of /api/: the pane never sends it). */
const DELIVER = {
  method: "POST",
  path: "/simulator/deliver",
  body: v.object({ text: text("text") }),
  answer: v.object({ delivered: v.string(), replies: v.array(v.string()), problems: v.array(v.string()) }),
} as const satisfies Endpoint;

export function simulatorRoutes(deps: SimulatorDeps): { routes: Route[]; sockets: SocketRoute[] } {
  const tr = translator(deps.language ?? "en");
  /** A refusal or failure as the page's log says it: its reason in the page's language, never the codec's English. */
  const problem = (event: BridgeEvent): string | undefined => {
    if (event.type === "protocol-error") return tr.t("simulator.rejected", { error: reasonText(tr, event.error) });
    if (event.type === "failure") return tr.t("simulator.failed", { stage: event.stage, error: reasonText(tr, event) });
    return undefined;
  };
  const routes: Route[] = [
    {
      method: "GET",
      path: "/simulator",
      handle: ({ res }) => sendHtml(res, simulatorPage(deps.token, deps.language, deps.encoding)),
    },
    { method: "GET", path: SIMULATOR_SCRIPT, handle: ({ res }) => sendScript(res, SIMULATOR_JS) },
    // Plays TelefUM sending one message; answers with what the bridge sent back while handling it.
    apiRoute(DELIVER, async ({ body: { text } }) => {
      const replies: string[] = [];
      const problems: string[] = [];
      const offSent = deps.transport.onSent((sent) => replies.push(asReceived(sent, deps.encoding).text));
      const offEvents = deps.core.events.on((event) => {
        const said = problem(event);
        if (said) problems.push(said);
      });
      try {
        deps.transport.deliver(text);
        await deps.core.idle();
      } finally {
        offSent();
        offEvents();
      }
      return { delivered: text, replies, problems };
    }),
  ];
  const sockets: SocketRoute[] = [
    {
      // The local guard has checked the user, Host and Origin of the upgrade (and of /simulator/deliver).
      path: "/simulator/ws",
      connect(socket) {
        const push = (value: unknown): void => {
          if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(value));
        };
        // What TelefUM would read, and each character the encoding replaced or left out (the page marks them).
        const offSent = deps.transport.onSent((sent) =>
          push({ type: "to-telefum", ...asReceived(sent, deps.encoding) }),
        );
        const offEvents = deps.core.events.on((event) => {
          const said = problem(event);
          push({ type: "event", event, ...(said && { problem: said }) });
        });
        socket.on("message", (data) => {
          if (socket.readyState !== socket.OPEN) return; // closed for going over the rate limit
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
