/** The same-user check for this platform (http/peer-user.ts): /proc on Linux, the TCP table and tokens on Windows. */
import type { PeerUserCheck } from "./connection-owner.js";
import { unavailablePeerCheck } from "./http/peer-user.js";
import { procNetTcpPeerCheck } from "./http/proc-net-tcp.js";

export async function platformPeerCheck(platform = process.platform): Promise<PeerUserCheck> {
  if (platform === "linux") return procNetTcpPeerCheck();
  if (platform === "win32") {
    // Loaded only on Windows: koffi's Win32 bindings mean nothing elsewhere.
    const specifier = "./transport/win32/index.js";
    const win32 = (await import(specifier)) as { windowsPeerCheck(): PeerUserCheck };
    return win32.windowsPeerCheck();
  }
  return unavailablePeerCheck(platform);
}
