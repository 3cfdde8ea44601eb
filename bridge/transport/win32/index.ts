/**
 * The TelefUM message transport's entry, which select.ts and the Windows program load on Windows. It stands on the
 * Windows platform room (bridge/win32), so importing it loads koffi: only where Windows' DLLs exist.
 */
import type { Transport } from "../transport.js";
import { Win32Transport, type Win32TransportOptions } from "./win32-transport.js";

export { TELEFUM_COPYDATA_ID, Win32Transport, type Win32TransportOptions } from "./win32-transport.js";
export { withdrawLeftoverHandle } from "./handle-publication.js";
export { telefumRunning } from "./peer.js";

export function createWin32Transport(options: Win32TransportOptions): Transport {
  return new Win32Transport(options);
}
