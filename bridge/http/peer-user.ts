/**
 * Who is on the other end of a loopback connection: the server must answer only processes of the OS user it runs
 * as (loopback is shared by every user of the machine, and on Windows by every session). The platform lookups
 * (http/proc-net-tcp.ts on Linux, transport/win32/tcp-peer-user.ts on Windows) map the client's TCP port to its
 * owner; this file turns one into a guard, asked once per connection.
 */
import { isIPv4, type Socket } from "node:net";
import type { RequestGuard } from "./server.js";

/** The four ends of a TCP connection as the server sees them. */
export interface ConnectionEnds {
  localAddress: string;
  localPort: number;
  remoteAddress: string;
  remotePort: number;
}

/** An address as 16 bytes, IPv4 as ::ffff:a.b.c.d, so every platform table and Node's spelling compare alike. */
export function addressBytes(address: string): Buffer {
  const v4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1] ?? (isIPv4(address) ? address : undefined);
  if (v4) return Buffer.from([...Array<number>(10).fill(0), 0xff, 0xff, ...v4.split(".").map(Number)]);
  const [head = "", tail = ""] = address.toLowerCase().split("::");
  const groups = (part: string) => (part ? part.split(":") : []);
  const fill = address.includes("::") ? 8 - groups(head).length - groups(tail).length : 0;
  const words = [...groups(head), ...Array<string>(fill).fill("0"), ...groups(tail)];
  const bytes = Buffer.alloc(16);
  for (const [i, word] of words.entries()) bytes.writeUInt16BE(Number.parseInt(word, 16), i * 2);
  return bytes;
}

/** True for an IPv4 address in addressBytes' form. */
export function isMappedIPv4(bytes: Buffer): boolean {
  return bytes.subarray(0, 12).equals(Buffer.from([...Array<number>(10).fill(0), 0xff, 0xff]));
}

export type PeerVerdict = { same: true } | { same: false; reason: string };

/** Answers whether the process at the client end of `ends` runs as this process's OS user. */
export type PeerUserCheck = (ends: ConnectionEnds) => PeerVerdict;

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
