/**
 * Turns the text of hwndTelefUM into a window handle, or a PEER_UNAVAILABLE error saying why not.
 * Kept free of koffi so it is tested on every platform.
 */
import { TransportError } from "../transport.js";

export function parsePeerHandle(raw: string | undefined, where: string): bigint {
  if (raw === undefined)
    throw new TransportError("PEER_UNAVAILABLE", `TelefUM is not running: ${where} does not exist`);
  const text = raw.trim();
  if (!/^-?\d+$/.test(text))
    throw new TransportError("PEER_UNAVAILABLE", `TelefUM is not running: ${where} is "${raw}", not a window handle`);
  // VB6 keeps an hWnd in a signed 32-bit Long. 64-bit Windows handles have 32 significant bits and
  // are sign-extended when widened, so "-2147155882" and "2147811414" name the same window.
  const handle = BigInt.asUintN(64, BigInt.asIntN(32, BigInt(text)));
  if (handle === 0n) throw new TransportError("PEER_UNAVAILABLE", `TelefUM is not running: ${where} is "0"`);
  return handle;
}
