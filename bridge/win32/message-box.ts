/** A plain Windows message box: how the installed bridge, which has no console, tells the user something. */
import koffi from "koffi";

const user32 = koffi.load("user32.dll");
const MessageBoxW = user32.func("int __stdcall MessageBoxW(void *hwnd, str16 text, str16 caption, uint32_t type)");

const MB_OK = 0x0;
const MB_ICONERROR = 0x10;
const MB_ICONINFORMATION = 0x40;
const MB_SETFOREGROUND = 0x10000;

/** Blocks until the user closes it. */
export function showMessageBox(caption: string, text: string, kind: "info" | "error" = "info"): void {
  MessageBoxW(null, text, caption, MB_OK | MB_SETFOREGROUND | (kind === "error" ? MB_ICONERROR : MB_ICONINFORMATION));
}
