/**
 * /api/events: the core's events the pane is meant to see, pushed as they happen (the contract's
 * PaneSocketMessage). The local API guard has checked Origin and the token (?token=) before the upgrade.
 */
import { PANE_EVENT_TYPES, type PaneEvent, type PaneSocketMessage } from "../api-contract/events.js";
import { API } from "../api-contract/paths.js";
import type { BridgeCore } from "../core/bridge-core.js";
import type { BridgeEvent } from "../core/events.js";
import type { SocketRoute } from "../http/server.js";

const PANE_EVENTS: ReadonlySet<BridgeEvent["type"]> = new Set(PANE_EVENT_TYPES);
const isPaneEvent = (event: BridgeEvent): event is PaneEvent => PANE_EVENTS.has(event.type);

export interface EventsSocket {
  socket: SocketRoute;
  /** True while at least one pane holds the socket open (cards and forms then go to it). */
  paneConnected(): boolean;
}

export function eventsSocket(core: BridgeCore): EventsSocket {
  let panes = 0;
  const socket: SocketRoute = {
    path: API.events,
    connect(ws) {
      const push = (value: PaneSocketMessage): void => {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(value));
      };
      const off = core.events.on((event) => {
        if (isPaneEvent(event)) push({ type: "event", event });
      });
      panes++;
      let left = false;
      const leave = (): void => {
        if (left) return;
        left = true;
        panes--;
        off();
      };
      ws.on("close", leave);
      ws.on("error", leave);
      push({ type: "hello", transport: core.transportName });
    },
  };
  return { socket, paneConnected: () => panes > 0 };
}
