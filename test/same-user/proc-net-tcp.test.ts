/** The Linux same-user lookup against the real kernel tables: IPv4, IPv6 and IPv4-mapped connections of ours. */
import { connect, createServer, type Server, type Socket } from "node:net";
import { describe, expect, it } from "vitest";
import { procNetTcpPeerCheck } from "../../bridge/same-user/proc-net-tcp.js";

/** Serves on `host`, connects to it, and asks the check (as `uid`, default ours) about the accepted connection. */
async function verdictFor(host: string, uid?: number) {
  let server: Server | undefined;
  const accepted = new Promise<Socket>((resolve) => {
    server = createServer(resolve);
  });
  await new Promise<void>((resolve) => server!.listen(0, host, resolve));
  const port = (server!.address() as { port: number }).port;
  const client = connect({ port, host });
  const socket = await accepted;
  const ends = {
    localAddress: socket.localAddress!,
    localPort: socket.localPort!,
    remoteAddress: socket.remoteAddress!,
    remotePort: socket.remotePort!,
  };
  const verdict = procNetTcpPeerCheck(uid)(ends);
  client.destroy();
  socket.destroy();
  await new Promise((resolve) => server!.close(resolve));
  return verdict;
}

describe.skipIf(process.platform !== "linux")("the /proc/net/tcp lookup", () => {
  it("finds this process's own connections over 127.0.0.1, ::1 and IPv4-mapped ::ffff:127.0.0.1", async () => {
    expect(await verdictFor("127.0.0.1")).toEqual({ same: true });
    expect(await verdictFor("::1")).toEqual({ same: true });
    expect(await verdictFor("::ffff:127.0.0.1")).toEqual({ same: true });
  });

  it("names the owner's uid when it is not ours", async () => {
    const ours = process.getuid!();
    expect(await verdictFor("127.0.0.1", ours + 1)).toEqual({
      same: false,
      reason: `the client runs as uid ${ours}`,
    });
  });
});
