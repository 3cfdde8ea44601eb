/**
 * The user32 functions and structs the bridge's windows need (TelefUM's message window, the tray's window), bound
 * once with koffi. Handles (HWND, HINSTANCE) are `void *`, which koffi 3 hands to JS as BigInt (or null for NULL).
 */
import koffi from "koffi";
import { GetLastError, type Handle } from "./kernel32.js";

const user32 = koffi.load("user32.dll");

export const WM_COPYDATA = 0x004a;
export const WM_DESTROY = 0x0002;
export const WM_CLOSE = 0x0010;
export const WM_QUIT = 0x0012;
/** The first message number a program may use for its own posted messages. */
export const WM_APP = 0x8000;
/** SendMessageTimeout: give up at once if TelefUM's UI thread is hung instead of freezing the bridge. */
export const SMTO_ABORTIFHUNG = 0x0002;
/** HWND_MESSAGE = (HWND)-3: the parent that makes a window message-only (no UI, still addressable). */
export const HWND_MESSAGE: Handle = 0xfffffffffffffffdn;

// Type names are global in koffi, hence the prefix; this module is evaluated once per process.
export const WNDPROC = koffi.proto(
  "intptr_t __stdcall TelefumWndProc(void *hwnd, uint32_t msg, uintptr_t wParam, void *lParam)",
);

const WNDCLASSEXW = koffi.struct("TelefumWndClassExW", {
  cbSize: "uint32_t",
  style: "uint32_t",
  lpfnWndProc: "void *",
  cbClsExtra: "int",
  cbWndExtra: "int",
  hInstance: "void *",
  hIcon: "void *",
  hCursor: "void *",
  hbrBackground: "void *",
  lpszMenuName: "void *",
  lpszClassName: "str16",
  hIconSm: "void *",
});
export const WNDCLASSEXW_SIZE = koffi.sizeof(WNDCLASSEXW);

export const COPYDATASTRUCT = koffi.struct("TelefumCopyDataStruct", {
  dwData: "uintptr_t",
  cbData: "uint32_t",
  lpData: "void *",
});

export interface CopyData {
  dwData: number | bigint;
  cbData: number;
  lpData: Handle | null;
}

export const MSG = koffi.struct("TelefumMsg", {
  hwnd: "void *",
  message: "uint32_t",
  wParam: "uintptr_t",
  lParam: "intptr_t",
  time: "uint32_t",
  ptX: "int32_t",
  ptY: "int32_t",
  lPrivate: "uint32_t",
});

export const RegisterClassExW = user32.func("uint16_t __stdcall RegisterClassExW(const TelefumWndClassExW *wc)");

/** Registers a plain window class (no icon, cursor or menu) for `wndProc`; throws with the Win32 error on failure. */
export function registerWindowClass(className: string, instance: unknown, wndProc: unknown): void {
  const atom = RegisterClassExW({
    cbSize: WNDCLASSEXW_SIZE,
    style: 0,
    lpfnWndProc: wndProc,
    cbClsExtra: 0,
    cbWndExtra: 0,
    hInstance: instance,
    hIcon: null,
    hCursor: null,
    hbrBackground: null,
    lpszMenuName: null,
    lpszClassName: className,
    hIconSm: null,
  }) as number;
  if (!atom) throw new Error(`RegisterClassExW failed (Win32 error ${GetLastError()})`);
}
export const UnregisterClassW = user32.func("int __stdcall UnregisterClassW(str16 className, void *instance)");
export const CreateWindowExW = user32.func(
  "void * __stdcall CreateWindowExW(uint32_t exStyle, str16 className, str16 title, uint32_t style, " +
    "int x, int y, int w, int h, void *parent, void *menu, void *instance, void *param)",
);
export const DestroyWindow = user32.func("int __stdcall DestroyWindow(void *hwnd)");
export const DefWindowProcW = user32.func(
  "intptr_t __stdcall DefWindowProcW(void *hwnd, uint32_t msg, uintptr_t wParam, void *lParam)",
);
export const GetMessageW = user32.func(
  "int __stdcall GetMessageW(_Out_ TelefumMsg *msg, void *hwnd, uint32_t first, uint32_t last)",
);
/** The tray icon's window lives on the main thread and is drained by a timer (tray-pump.ts). */
export const PeekMessageW = user32.func(
  "int __stdcall PeekMessageW(_Out_ TelefumMsg *msg, void *hwnd, uint32_t first, uint32_t last, uint32_t remove)",
);
export const PM_REMOVE = 0x0001;
export const PostMessageW = user32.func(
  "int __stdcall PostMessageW(void *hwnd, uint32_t msg, uintptr_t wParam, intptr_t lParam)",
);
export const PostQuitMessage = user32.func("void __stdcall PostQuitMessage(int code)");
export const TranslateMessage = user32.func("int __stdcall TranslateMessage(const TelefumMsg *msg)");
export const DispatchMessageW = user32.func("intptr_t __stdcall DispatchMessageW(const TelefumMsg *msg)");
export const IsWindow = user32.func("int __stdcall IsWindow(void *hwnd)");
export const SendCopyDataTimeout = user32.func("SendMessageTimeoutW", "intptr_t", [
  "void *",
  "uint32_t",
  "uintptr_t",
  koffi.pointer(COPYDATASTRUCT),
  "uint32_t",
  "uint32_t",
  "void *",
]);
