/**
 * The Windows platform room's one entry: what the TelefUM transport, the Windows program and the same-user check
 * take from Windows. Importing it loads koffi and binds kernel32, user32, advapi32, shell32, crypt32 and iphlpapi,
 * so it is imported only on Windows, and always by a literal specifier so the Windows bundle carries it. The one
 * exception is TelefUM's window thread (transport/win32/message-thread.ts), which takes user32.ts and kernel32.ts
 * alone so that the window comes up without loading the rest.
 */
export { GetLastError, type Handle, SetLastError } from "./kernel32.js";
export {
  IsWindow,
  PostMessageW,
  SendCopyDataTimeout,
  SMTO_ABORTIFHUNG,
  WM_CLOSE,
  WM_COPYDATA,
  WM_QUIT,
} from "./user32.js";
export { readPolicyValues, readUserString, writeUserString } from "./registry.js";
export { showMessageBox } from "./message-box.js";
export { openWithDefaultProgram } from "./shell-open.js";
export { TrayIcon, type TrayContent } from "./tray-icon.js";
export { trustForCurrentUser, untrustBySubject } from "./cert-store.js";
export { claimSingleInstance, quitRunningInstance } from "./single-instance.js";
export { owningPid, processStartTime, runsAsUs, windowsPeerCheck } from "./connection-user.js";
export { runningUnderWine } from "./wine.js";
