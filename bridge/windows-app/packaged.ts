/** Whether this is the installed bridge.exe (a Node single executable) rather than Node running a checkout. */
import { isSea } from "node:sea";

export function isPackagedApp(): boolean {
  try {
    return isSea();
  } catch {
    return false;
  }
}
