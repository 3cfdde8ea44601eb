/** Opens a URL or a file with its default program, through the shell (the pane in the default browser). */
import koffi from "koffi";

const shell32 = koffi.load("shell32.dll");
const ShellExecuteW = shell32.func(
  "intptr_t __stdcall ShellExecuteW(void *hwnd, str16 operation, str16 file, str16 parameters, str16 directory, " +
    "int show)",
);
const SW_SHOWNORMAL = 1;

export function openWithDefaultProgram(target: string): void {
  ShellExecuteW(null, "open", target, null, null, SW_SHOWNORMAL);
}
