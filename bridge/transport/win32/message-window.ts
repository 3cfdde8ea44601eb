/**
 * A message-only window (parent HWND_MESSAGE): invisible, never enumerated, but addressable by handle,
 * which is all TelefUM needs to SendMessage WM_COPYDATA to us. Its WNDPROC copies the payload out
 * (lpData is only valid during the call) and hands it on; everything else goes to DefWindowProcW.
 * Destroying it ends its thread's message loop (WM_QUIT). It lives on its own thread: message-thread.ts.
 */
import koffi from "koffi";
import { MAX_MESSAGE_READ_BYTES } from "../../protocol/limits.js";
// Direct, not through the room's entry: this module runs on the window's own thread (message-thread.ts).
import { GetLastError, GetModuleHandleW, type Handle } from "../../win32/kernel32.js";
import {
  COPYDATASTRUCT,
  CreateWindowExW,
  DefWindowProcW,
  DestroyWindow,
  HWND_MESSAGE,
  PostQuitMessage,
  registerWindowClass,
  UnregisterClassW,
  WM_COPYDATA,
  WM_DESTROY,
  WNDPROC,
  type CopyData,
} from "../../win32/user32.js";

/** Called inside the WNDPROC with a private copy of the bytes; returns whether the message was ours. */
export type CopyDataListener = (dwData: bigint, bytes: Buffer) => boolean;

/** A handle as VB6 would write it (CStr of a signed 32-bit Long), so TelefUM's CLng never overflows. */
export function decimalHandle(hwnd: Handle): string {
  return BigInt.asIntN(32, hwnd).toString(10);
}

export class MessageWindow {
  private constructor(
    readonly hwnd: Handle,
    private readonly className: string,
    private readonly instance: Handle | null,
    private readonly wndProc: bigint,
  ) {}

  static create(title: string, onCopyData: CopyDataListener): MessageWindow {
    const instance = GetModuleHandleW(null) as Handle | null;
    // One class per window: a second bridge in the same process (tests) must not collide.
    const className =
      `TelefUMBridge.${process.pid}.${Date.now().toString(36)}.` + `${Math.random().toString(36).slice(2, 8)}`;
    const wndProc = koffi.register(
      (hwnd: Handle | null, msg: number, wParam: number | bigint, lParam: Handle | null): number | bigint => {
        if (msg === WM_COPYDATA && lParam) {
          try {
            const data = koffi.decode(lParam, COPYDATASTRUCT) as CopyData;
            // Never copy more than it takes to know a message is too long: the codec refuses it (TOO_LONG).
            const length = Math.min(data.cbData, MAX_MESSAGE_READ_BYTES);
            const bytes =
              length > 0 && data.lpData
                ? Buffer.from(new Uint8Array(koffi.view(data.lpData, length)))
                : Buffer.alloc(0);
            if (onCopyData(BigInt(data.dwData), bytes)) return 1;
          } catch {
            // An exception must not cross back into user32: fall through to the default answer.
          }
        }
        if (msg === WM_DESTROY) PostQuitMessage(0);
        return DefWindowProcW(hwnd, msg, wParam, lParam) as number | bigint;
      },
      koffi.pointer(WNDPROC),
    );
    try {
      registerWindowClass(className, instance, wndProc);
      const hwnd = CreateWindowExW(
        0,
        className,
        title,
        0,
        0,
        0,
        0,
        0,
        HWND_MESSAGE,
        null,
        instance,
        null,
      ) as Handle | null;
      if (!hwnd) {
        const code = GetLastError() as number;
        UnregisterClassW(className, instance);
        throw new Error(`CreateWindowExW(HWND_MESSAGE) failed (Win32 error ${code})`);
      }
      return new MessageWindow(hwnd, className, instance, wndProc);
    } catch (error) {
      koffi.unregister(wndProc);
      throw error;
    }
  }

  destroy(): void {
    DestroyWindow(this.hwnd);
    UnregisterClassW(this.className, this.instance);
    koffi.unregister(this.wndProc);
  }
}
