/**
 * The Windows platform room's one entry: what the TelefUM transport, the Windows program and the same-user check
 * take from Windows. Importing it loads koffi and binds kernel32, user32, advapi32, shell32, crypt32 and iphlpapi,
 * so it is imported only on Windows, and always by a literal specifier so the Windows bundle carries it.
 */
export { GetLastError, GetModuleHandleW, type Handle, SetLastError } from "./kernel32.js";
export {
  COPYDATASTRUCT,
  type CopyData,
  CreateWindowExW,
  DefWindowProcW,
  DestroyWindow,
  DispatchMessageW,
  GetMessageW,
  HWND_MESSAGE,
  IsWindow,
  PostMessageW,
  PostQuitMessage,
  registerWindowClass,
  SendCopyDataTimeout,
  SMTO_ABORTIFHUNG,
  TranslateMessage,
  UnregisterClassW,
  WM_CLOSE,
  WM_COPYDATA,
  WM_DESTROY,
  WM_QUIT,
  WNDPROC,
} from "./user32.js";
export { readUserString, writeUserString } from "./registry.js";
export { showMessageBox } from "./message-box.js";
export { openWithDefaultProgram } from "./shell-open.js";
export { TrayIcon, type TrayContent } from "./tray-icon.js";
export { trustForCurrentUser, untrustBySubject } from "./cert-store.js";
export { claimSingleInstance, quitRunningInstance } from "./single-instance.js";
export { owningPid, runsAsUs, windowsPeerCheck } from "./connection-user.js";
export { runningUnderWine } from "./wine.js";
