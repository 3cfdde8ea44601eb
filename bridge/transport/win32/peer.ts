/**
 * Finds TelefUM's window for one send: re-reads hwndTelefUM every time (TelefUM may have restarted
 * with a new window) and checks the handle is a live window before we SendMessage to it.
 */
import { TransportError } from "../transport.js";
import { parsePeerHandle } from "./peer-handle.js";
import { readUserString } from "../../win32/registry.js";
import { IsWindow, type Handle } from "../../win32/user32.js";
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
