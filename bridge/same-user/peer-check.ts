/** The same-user check for this platform (peer-user.ts): /proc on Linux, the TCP table and tokens on Windows. */
import type { PeerUserCheck } from "./connection-owner.js";
import { unavailablePeerCheck } from "./peer-user.js";
import { procNetTcpPeerCheck } from "./proc-net-tcp.js";

export async function platformPeerCheck(platform = process.platform): Promise<PeerUserCheck> {
  if (platform === "linux") return procNetTcpPeerCheck();
  if (platform === "win32") {
    // Loaded only on Windows: koffi's Win32 bindings mean nothing elsewhere. A literal specifier, so the Windows
    // bundle (packaging/windows) carries the module.
    const win32 = await import("../win32/index.js");
    // Under Wine the TCP table names no owners, but the sockets are the Linux host's: its /proc (drive Z:) does.
    if (win32.runningUnderWine()) return procNetTcpPeerCheck(undefined, ["Z:\\proc\\net\\tcp", "Z:\\proc\\net\\tcp6"]);
    return win32.windowsPeerCheck();
  }
  return unavailablePeerCheck(platform);
}
