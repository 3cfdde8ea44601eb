/** Whether this Windows program runs under Wine, where some tables (the TCP owners) are left empty. */
import koffi from "koffi";

/** Wine exports wine_get_version from its ntdll; Windows does not. */
export function runningUnderWine(): boolean {
  try {
    koffi.load("ntdll.dll").func("const char * wine_get_version()");
    return true;
  } catch {
    return false;
  }
}
