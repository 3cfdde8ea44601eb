/**
 * Entry point select.ts loads on Windows. Importing this module loads koffi and binds user32,
 * kernel32 and advapi32, so it must only be imported where those exist.
 */
import type { Transport } from "../transport.js";
import { Win32Transport, type Win32TransportOptions } from "./win32-transport.js";

export { TELEFUM_COPYDATA_ID, Win32Transport, type Win32TransportOptions } from "./win32-transport.js";
export {
  owningPid,
  processStartTime,
  runningUnderWine,
  runsAsUs,
  windowsPeerCheck,
} from "../../win32/tcp-owner.js";
export { OUR_HANDLE_VALUE, PEER_HANDLE_VALUE, TELEFUM_SENDMSG_KEY } from "./registry-keys.js";

export function createWin32Transport(options: Win32TransportOptions): Transport {
  return new Win32Transport(options);
}
