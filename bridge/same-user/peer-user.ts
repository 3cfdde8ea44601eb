/**
 * The server answers only processes of the OS user it runs as: loopback is shared by every user of the machine,
 * and on Windows by every session. A platform lookup (connection-owner.ts) maps the client's TCP port to its owner;
 * this file turns one into a guard, asked once per connection.
 */
import type { Socket } from "node:net";
import type { ConnectionEnds, PeerUserCheck, PeerVerdict } from "./connection-owner.js";
import type { RequestGuard } from "../http/server.js";

/** For a platform with no lookup: nobody is admitted, and the reason says why. */
export function unavailablePeerCheck(platform: string): PeerUserCheck {
  return () => ({ same: false, reason: `the same-user check is not available on ${platform}` });
}

function endsOf(socket: Socket): ConnectionEnds | undefined {
  const { localAddress, localPort, remoteAddress, remotePort } = socket;
  if (!localAddress || !localPort || !remoteAddress || !remotePort) return undefined;
  return { localAddress, localPort, remoteAddress, remotePort };
}

/** Pages, API and sockets alike: a 403 for a process of another user, before anything else is looked at. */
export function sameUserGuard(check: PeerUserCheck): RequestGuard {
  // Keep-alive connections carry many requests: one lookup per connection.
  const verdicts = new WeakMap<Socket, PeerVerdict>();
  return (req) => {
    let verdict = verdicts.get(req.socket);
    if (!verdict) {
      const ends = endsOf(req.socket);
      verdict = ends ? check(ends) : { same: false, reason: "the connection has no address (closed?)" };
      verdicts.set(req.socket, verdict);
    }
    if (verdict.same) return undefined;
    return { status: 403, reason: `only processes of this bridge's own user may use it: ${verdict.reason}` };
  };
}
