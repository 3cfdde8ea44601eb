/**
 * Which TCP connections the local server keeps, decided once when each is accepted (server.ts ConnectionGate),
 * before TLS or HTTP reads a byte: another OS user's are destroyed at once (loopback is shared by every user, and
 * the pages carry the pairing token), and this user's own are capped, so a flood holds no descriptors of ours.
 */
import type { Socket } from "node:net";
import type { Logger } from "../log/log.js";
import { rareWarning } from "../log/rare-warning.js";
import type { ConnectionEnds, PeerUserCheck } from "./connection-owner.js";

/** Connections this user may hold open at once (a pane holds a handful; another user holds none). */
export const MAX_OWN_CONNECTIONS = 256;

function endsOf(socket: Socket): ConnectionEnds | undefined {
  const { localAddress, localPort, remoteAddress, remotePort } = socket;
  if (!localAddress || !localPort || !remoteAddress || !remotePort) return undefined;
  return { localAddress, localPort, remoteAddress, remotePort };
}

export interface SameUserConnectionsOptions {
  peerCheck: PeerUserCheck;
  log: Logger;
  maxOwnConnections?: number;
}

/** The gate: true keeps the connection, false has the server destroy it (each kind of refusal logged rarely). */
export function sameUserConnections(options: SameUserConnectionsOptions): (socket: Socket) => boolean {
  const max = options.maxOwnConnections ?? MAX_OWN_CONNECTIONS;
  const otherUser = rareWarning(options.log, "connection refused: not this bridge's own OS user");
  const overCap = rareWarning(options.log, "connection refused: too many open connections");
  let open = 0;
  return (socket) => {
    const ends = endsOf(socket);
    const verdict = ends ? options.peerCheck(ends) : { same: false, reason: "the connection has no address" };
    if (!verdict.same) {
      otherUser({ reason: verdict.reason });
      return false;
    }
    if (open >= max) {
      overCap({ limit: max });
      return false;
    }
    open++;
    socket.once("close", () => open--);
    return true;
  };
}
