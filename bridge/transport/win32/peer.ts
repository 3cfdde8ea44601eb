/**
 * Finds TelefUM's window for one send: re-reads hwndTelefUM every time (TelefUM may have restarted
 * with a new window) and checks the handle is a live window before we SendMessage to it.
 */
import { TransportError } from "../transport.js";
import { parsePeerHandle } from "./peer-handle.js";
import { PEER_HANDLE_VALUE, TELEFUM_SENDMSG_KEY } from "./registry-keys.js";
import { type Handle, IsWindow, readUserString } from "../../win32/index.js";
import { errorMessage } from "../../log/error-message.js";

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
