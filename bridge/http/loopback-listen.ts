/** How the local server holds its addresses: both loopbacks on one port, and the limits every connection lives by. */
import type { Server as Listener } from "node:net";

/** A client that sends nothing (or its headers slowly) is dropped after this; no request of the pane is slower. */
export const HEADERS_TIMEOUT_MS = 10_000;
/** A whole request, body included (a route may wait on a few Graph requests of 30 s each). */
export const REQUEST_TIMEOUT_MS = 120_000;
/** An idle keep-alive connection is closed after this; a connection carries at most this many requests. */
export const KEEP_ALIVE_TIMEOUT_MS = 5_000;
export const MAX_REQUESTS_PER_CONNECTION = 1_000;
/** A socket with no traffic at all (a stalled TLS handshake, a hung request) is closed after this. */
export const IDLE_TIMEOUT_MS = 120_000;
/** Open connections per listening address, whoever holds them: the last line behind the gate's caps. */
export const MAX_CONNECTIONS = 512;
/** Node accepts one connection per turn of its loop: the gate is asked about the ones accepted within this. */
export const ACCEPT_BATCH_MS = 5;

/**
 * Browsers try `localhost` on ::1 first: holding only 127.0.0.1 would leave ::1 (and so the bridge's origin) to any
 * user of the machine. A loopback name therefore holds both.
 */
export function loopbackAddresses(host: string): string[] {
  return host === "localhost" || host === "127.0.0.1" || host === "::1" ? ["127.0.0.1", "::1"] : [host];
}

/** Listens on `port` (0: any) at `address`; EADDRINUSE names the address, so the message says which one is taken. */
function listen(server: Listener, port: number, address: string): Promise<void> {
  return new Promise<void>((resolvePromise, reject) => {
    const fail = (error: NodeJS.ErrnoException): void => {
      server.off("listening", done);
      reject(error);
    };
    const done = (): void => {
      server.off("error", fail);
      resolvePromise();
    };
    server.once("error", fail);
    server.once("listening", done);
    server.listen(port, address);
  });
}

/** No IPv6 on this machine: nobody can hold ::1 either, so holding 127.0.0.1 alone is enough. */
const NO_ADDRESS = new Set(["EADDRNOTAVAIL", "EAFNOSUPPORT"]);

/**
 * Holds every address on one port. With port 0 the first address picks the port and a port taken on another
 * address is tried again; a fixed port taken on any address refuses to start.
 */
export async function listenAll(servers: Listener[], addresses: string[], port: number): Promise<Listener[]> {
  for (let attempt = 0; ; attempt++) {
    const held: Listener[] = [];
    let chosen = port;
    try {
      for (const [i, address] of addresses.entries()) {
        try {
          await listen(servers[i]!, chosen, address);
        } catch (error) {
          if (i > 0 && NO_ADDRESS.has((error as NodeJS.ErrnoException).code ?? "")) continue;
          throw error;
        }
        held.push(servers[i]!);
        const bound = servers[i]!.address();
        if (typeof bound === "object" && bound) chosen = bound.port;
      }
      return held;
    } catch (error) {
      await Promise.all(held.map((s) => new Promise((r) => s.close(r))));
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "EADDRINUSE" && port === 0 && attempt < 10) continue;
      if (code === "EADDRINUSE") {
        // Another bridge (or another dev server) on the port, or another user holding one of the loopbacks.
        const address = (error as { address?: string }).address ?? addresses.join(", ");
        throw new Error(
          `port ${port} on ${address} is already in use (another bridge running?); ` +
            "choose another with --port or TELEFUM_BRIDGE_PORT",
        );
      }
      throw error;
    }
  }
}
