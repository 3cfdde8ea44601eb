/**
 * The server answers only processes of the OS user it runs as: loopback is shared by every user of the machine,
 * and on Windows by every session. A platform lookup (connection-owner.ts) maps the client's TCP port to its owner;
 * connection-gate.ts asks it once per accepted connection.
 */
import type { PeerUserCheck } from "./connection-owner.js";

/** For a platform with no lookup: nobody is admitted, and the reason says why. */
export function unavailablePeerCheck(platform: string): PeerUserCheck {
  return () => ({ same: false, reason: `the same-user check is not available on ${platform}` });
}
