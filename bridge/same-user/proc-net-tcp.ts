/**
 * The Linux same-user check: the kernel lists every TCP socket with its owner's uid in /proc/net/tcp and tcp6.
 * The client's socket is the one whose local end is the server's remote end and whose remote end is the server's
 * local end.
 */
import { readFileSync } from "node:fs";
import { addressBytes, type ConnectionEnds, oncePerTurn, type PeerUserCheck } from "./connection-owner.js";

const TABLES = ["/proc/net/tcp", "/proc/net/tcp6"];

/** /proc writes each 32-bit word of an address in host (little-endian) order. */
function tableAddress(hex: string): string {
  const words = hex.match(/.{8}/g) ?? [];
  const bytes = words.map((w) => (w.match(/../g) ?? []).reverse().join("")).join("");
  return (bytes.length === 8 ? `00000000000000000000ffff${bytes}` : bytes).toLowerCase();
}

const endKey = (end: { address: string; port: number }): string =>
  `${addressBytes(end.address).toString("hex")}:${end.port}`;

/**
 * Every socket of a table by its two ends (`local>remote`, addressBytes' spelling) to its owner's uid; with `port`,
 * only sockets with an end on that port (the server's: a flood makes the table long, and the rest is not ours).
 */
export function socketOwners(table: string, port?: number): Map<string, number> {
  const owners = new Map<string, number>();
  const end = (text: string) => {
    const [address = "", port = ""] = text.split(":");
    return `${tableAddress(address)}:${Number.parseInt(port, 16)}`;
  };
  const portMark = port === undefined ? "" : `:${port.toString(16).toUpperCase().padStart(4, "0")} `;
  for (const line of table.split("\n").slice(1)) {
    if (!line.includes(portMark)) continue;
    const fields = line.trim().split(/\s+/);
    if (fields.length < 8) continue;
    const [, localEnd = "", remoteEnd = "", , , , , uid = ""] = fields;
    owners.set(`${end(localEnd)}>${end(remoteEnd)}`, Number(uid));
  }
  return owners;
}

/** The uid owning the socket whose local end is `local` and remote end `remote`, or undefined. */
export function socketOwner(
  table: string,
  local: { address: string; port: number },
  remote: { address: string; port: number },
): number | undefined {
  return socketOwners(table).get(`${endKey(local)}>${endKey(remote)}`);
}

function readOwners(tables: string[], port: number): Map<string, number> {
  const owners = new Map<string, number>();
  for (const path of tables) {
    let text: string;
    try {
      text = readFileSync(path, "utf8");
    } catch {
      continue; // no IPv6 on this kernel
    }
    for (const [ends, uid] of socketOwners(text, port)) owners.set(ends, uid);
  }
  return owners;
}

/**
 * `uid`: ours (default: this process's). Where the process has no uid of its own (a Windows node.exe under Wine,
 * whose sockets are the Linux host's), ours is the owner of the server's side of the same connection.
 *
 * The tables are read and parsed once per turn of the event loop: every connection accepted in one turn was in the
 * kernel's table before the first of them was looked up, so a burst of thousands costs one read, not one each.
 * A connection the turn's read does not have (accepted after it) reads the tables again.
 */
export function procNetTcpPeerCheck(uid = process.getuid?.(), tables = TABLES): PeerUserCheck {
  // Per server port (one in practice): only the sockets with an end on it are kept from each read.
  const byPort = new Map<number, (fresh?: boolean) => Map<string, number>>();
  return (ends: ConnectionEnds) => {
    const owners = byPort.get(ends.localPort) ?? oncePerTurn(() => readOwners(tables, ends.localPort));
    byPort.set(ends.localPort, owners);
    const client = endKey({ address: ends.remoteAddress, port: ends.remotePort });
    const server = endKey({ address: ends.localAddress, port: ends.localPort });
    const lookup = (fresh: boolean) => {
      const table = owners(fresh);
      return { owner: table.get(`${client}>${server}`), ours: uid ?? table.get(`${server}>${client}`) };
    };
    let found = lookup(false);
    if (found.owner === undefined) found = lookup(true);
    const { owner, ours } = found;
    if (owner === undefined) {
      return { same: false, reason: "the client's socket is not in /proc/net/tcp (not a local process?)" };
    }
    return owner === ours ? { same: true } : { same: false, reason: `the client runs as uid ${owner}` };
  };
}
