/**
 * Who owns the other end of a loopback connection, as every platform's lookup answers it: the server answers only
 * processes of its own OS user (peer-user.ts; the lookups: proc-net-tcp.ts on Linux,
 * win32/connection-user.ts on Windows).
 */
import { isIPv4 } from "node:net";

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

/**
 * `read()` at most once per turn of the event loop (or again when asked `fresh`): the connection table a burst of
 * accepted connections is checked against. Kept no longer than the turn, so a port reused later is read anew.
 */
export function oncePerTurn<T>(read: () => T): (fresh?: boolean) => T {
  let cached: { value: T } | undefined;
  return (fresh = false) => {
    if (cached && !fresh) return cached.value;
    if (!cached) setImmediate(() => (cached = undefined));
    cached = { value: read() };
    return cached.value;
  };
}
