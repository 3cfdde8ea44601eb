/**
 * Sends to TelefUM's window: re-reads hwndTelefUM every time (TelefUM may have restarted with a new window), checks
 * the handle is a live window, then SendMessageTimeoutW, so a hung TelefUM cannot freeze the sender. The main
 * thread and the window's own thread (which answers CONTACT?) both send through here.
 */
import { TransportError } from "../transport.js";
import { parsePeerHandle } from "./peer-handle.js";
import { PEER_HANDLE_VALUE, TELEFUM_SENDMSG_KEY } from "./registry-keys.js";
// Direct, not through the room's entry: this module runs on the window's own thread too (message-thread.ts).
import { GetLastError, type Handle, SetLastError } from "../../win32/kernel32.js";
import { readUserString } from "../../win32/registry.js";
import { IsWindow, SendCopyDataTimeout, SMTO_ABORTIFHUNG, WM_COPYDATA } from "../../win32/user32.js";
import { errorMessage } from "../../log/error-message.js";

/** COPYDATASTRUCT.dwData that marks a TelefUM message: WM_APP (0x8000) + 20000. */
export const TELEFUM_COPYDATA_ID = 52768n;

/** Where and how to reach TelefUM. */
export interface PeerAddress {
  /** Key under HKCU holding hwndTelefUM. */
  registryKey: string;
  /** Our window, TelefUM's wParam. */
  from: Handle;
  /** How long one send may wait for TelefUM's window procedure before it counts as failed. */
  timeoutMs: number;
}

/** One message to TelefUM's window; throws TransportError (PEER_UNAVAILABLE, SEND_FAILED) when it is not taken. */
export function sendToPeer(address: PeerAddress, bytes: Uint8Array): void {
  const peer = findPeerWindow(address.registryKey, PEER_HANDLE_VALUE);
  const copyData = { dwData: TELEFUM_COPYDATA_ID, cbData: bytes.length, lpData: bytes };
  SetLastError(0);
  const delivered = SendCopyDataTimeout(
    peer,
    WM_COPYDATA,
    address.from,
    copyData,
    SMTO_ABORTIFHUNG,
    address.timeoutMs,
    null,
  ) as number | bigint;
  if (delivered) return;
  const code = GetLastError() as number;
  if (!IsWindow(peer))
    throw new TransportError("PEER_UNAVAILABLE", "TelefUM closed its window while the message was being sent");
  throw new TransportError(
    "SEND_FAILED",
    `TelefUM did not take the message within ${address.timeoutMs} ms or is not responding (Win32 error ${code})`,
  );
}

export function findPeerWindow(subKey: string, valueName: string): Handle {
  const where = `HKCU\\${subKey}\\${valueName}`;
  let raw: string | undefined;
  try {
    raw = readUserString(subKey, valueName);
  } catch (error) {
    throw new TransportError("PEER_UNAVAILABLE", `TelefUM is not reachable: ${errorMessage(error)}`);
  }
  const handle = parsePeerHandle(raw, where);
  if (!IsWindow(handle)) {
    throw new TransportError(
      "PEER_UNAVAILABLE",
      `TelefUM is not running: ${where} = ${raw?.trim()} is not a window (TelefUM exited without clearing it)`,
    );
  }
  return handle;
}

/** Whether TelefUM runs now: its published handle names a live window (what the tray shows). */
export function telefumRunning(subKey = TELEFUM_SENDMSG_KEY): boolean {
  try {
    findPeerWindow(subKey, PEER_HANDLE_VALUE);
    return true;
  } catch {
    return false;
  }
}
