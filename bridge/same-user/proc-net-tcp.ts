/**
 * The Linux same-user check: the kernel lists every TCP socket with its owner's uid in /proc/net/tcp and tcp6.
 * The client's socket is the one whose local end is the server's remote end and whose remote end is the server's
 * local end.
 */
import { readFileSync } from "node:fs";
import { addressBytes, type ConnectionEnds, type PeerUserCheck } from "./connection-owner.js";

const TABLES = ["/proc/net/tcp", "/proc/net/tcp6"];

/** /proc writes each 32-bit word of an address in host (little-endian) order. */
function tableAddress(hex: string): string {
  const words = hex.match(/.{8}/g) ?? [];
  const bytes = words.map((w) => (w.match(/../g) ?? []).reverse().join("")).join("");
  return (bytes.length === 8 ? `00000000000000000000ffff${bytes}` : bytes).toLowerCase();
}

/** The uid owning the socket whose local end is `local` and remote end `remote`, or undefined. */
export function socketOwner(
  table: string,
  local: { address: string; port: number },
  remote: { address: string; port: number },
): number | undefined {
  const wantLocal = `${addressBytes(local.address).toString("hex")}:${local.port}`;
  const wantRemote = `${addressBytes(remote.address).toString("hex")}:${remote.port}`;
  for (const line of table.split("\n").slice(1)) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 8) continue;
    const [, localEnd = "", remoteEnd = "", , , , , uid = ""] = fields;
    const end = (text: string) => {
      const [address = "", port = ""] = text.split(":");
      return `${tableAddress(address)}:${Number.parseInt(port, 16)}`;
    };
    if (end(localEnd) === wantLocal && end(remoteEnd) === wantRemote) return Number(uid);
  }
  return undefined;
}

/**
 * `uid`: ours (default: this process's). Where the process has no uid of its own (a Windows node.exe under Wine,
 * whose sockets are the Linux host's), ours is the owner of the server's side of the same connection.
 */
export function procNetTcpPeerCheck(uid = process.getuid?.(), tables = TABLES): PeerUserCheck {
  return (ends: ConnectionEnds) => {
    const client = { address: ends.remoteAddress, port: ends.remotePort };
    const server = { address: ends.localAddress, port: ends.localPort };
    for (const path of tables) {
      let text: string;
      try {
        text = readFileSync(path, "utf8");
      } catch {
        continue; // no IPv6 on this kernel
      }
      const owner = socketOwner(text, client, server);
      if (owner === undefined) continue;
      const ours = uid ?? socketOwner(text, server, client);
      return owner === ours ? { same: true } : { same: false, reason: `the client runs as uid ${owner}` };
    }
    return { same: false, reason: "the client's socket is not in /proc/net/tcp (not a local process?)" };
  };
}
