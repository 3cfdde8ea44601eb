/**
 * A notification-area icon with a right-click menu, through Shell_NotifyIconW. It lives on a hidden
 * window of the bridge's own (a normal top-level one: popup menus need a window that can take the
 * foreground, which a message-only window cannot), drained on the main thread by a timer (tray-pump.ts).
 * Explorer forgets icons when it restarts; the "TaskbarCreated" broadcast makes us add it again.
 */
import koffi from "koffi";
import { TrayPump } from "./tray-pump.js";
import { GetLastError, GetModuleHandleW, type Handle } from "./kernel32.js";
import {
  CreateWindowExW,
  DefWindowProcW,
  DestroyWindow,
  PostMessageW,
  registerWindowClass,
  UnregisterClassW,
  WNDPROC,
} from "./user32.js";

const user32 = koffi.load("user32.dll");
const shell32 = koffi.load("shell32.dll");

const NOTIFYICONDATAW = koffi.struct("TelefumNotifyIconDataW", {
  cbSize: "uint32_t",
  hWnd: "void *",
  uID: "uint32_t",
  uFlags: "uint32_t",
  uCallbackMessage: "uint32_t",
  hIcon: "void *",
  szTip: koffi.array("char16_t", 128, "String"),
  dwState: "uint32_t",
  dwStateMask: "uint32_t",
  szInfo: koffi.array("char16_t", 256, "String"),
  uVersion: "uint32_t",
  szInfoTitle: koffi.array("char16_t", 64, "String"),
  dwInfoFlags: "uint32_t",
  guidItem: koffi.array("uint8_t", 16),
  hBalloonIcon: "void *",
});
const _POINT = koffi.struct("TelefumPoint", { x: "int32_t", y: "int32_t" });

const Shell_NotifyIconW = shell32.func(
  "int __stdcall Shell_NotifyIconW(uint32_t message, const TelefumNotifyIconDataW *data)",
);
const LoadImageW = user32.func(
  "void * __stdcall LoadImageW(void *instance, str16 name, uint32_t type, int cx, int cy, uint32_t flags)",
);
const DestroyIcon = user32.func("int __stdcall DestroyIcon(void *icon)");
const CreatePopupMenu = user32.func("void * __stdcall CreatePopupMenu()");
const AppendMenuW = user32.func("int __stdcall AppendMenuW(void *menu, uint32_t flags, uintptr_t id, str16 text)");
const DestroyMenu = user32.func("int __stdcall DestroyMenu(void *menu)");
const TrackPopupMenu = user32.func(
  "int __stdcall TrackPopupMenu(void *menu, uint32_t flags, int x, int y, int reserved, void *hwnd, void *rect)",
);
const GetCursorPos = user32.func("int __stdcall GetCursorPos(_Out_ TelefumPoint *point)");
const SetForegroundWindow = user32.func("int __stdcall SetForegroundWindow(void *hwnd)");
const RegisterWindowMessageW = user32.func("uint32_t __stdcall RegisterWindowMessageW(str16 name)");

const NIM_ADD = 0;
const NIM_MODIFY = 1;
const NIM_DELETE = 2;
const NIF_MESSAGE = 0x1;
const NIF_ICON = 0x2;
const NIF_TIP = 0x4;
const IMAGE_ICON = 1;
const LR_LOADFROMFILE = 0x10;
const WM_NULL = 0;
const WM_APP = 0x8000;
const WM_LBUTTONDBLCLK = 0x203;
const WM_RBUTTONUP = 0x205;
const WM_CONTEXTMENU = 0x7b;
const MF_STRING = 0;
const MF_GRAYED = 0x1;
const MF_SEPARATOR = 0x800;
const TPM_RIGHTBUTTON = 0x2;
const TPM_RETURNCMD = 0x100;
const TRAY_CALLBACK = WM_APP + 1;

export interface TrayMenuItem {
  label: string;
  /** Absent: a greyed status line. */
  action?: () => void;
}

export interface TrayContent {
  /** An .ico file. */
  iconPath: string;
  tooltip: string;
  /** null draws a separator. */
  menu: (TrayMenuItem | null)[];
  /** Double-clicking the icon does this. */
  onDoubleClick?: () => void;
}

export class TrayIcon {
  private readonly pump = new TrayPump(50);
  private readonly icons = new Map<string, Handle>();
  private readonly taskbarCreated = RegisterWindowMessageW("TaskbarCreated") as number;
  private content: TrayContent;
  private shown = false;

  private constructor(
    private readonly hwnd: Handle,
    private readonly className: string,
    private readonly instance: Handle | null,
    private readonly wndProc: bigint,
    content: TrayContent,
    holder: { tray?: TrayIcon },
  ) {
    this.content = content;
    holder.tray = this;
  }

  /** Creates the window and shows the icon; false from `shown` when the shell refused it (no taskbar). */
  static create(content: TrayContent): TrayIcon {
    const instance = GetModuleHandleW(null) as Handle | null;
    const className = `TelefUMBridgeTray.${process.pid}`;
    const holder: { tray?: TrayIcon } = {};
    const wndProc = koffi.register(
      (hwnd: Handle | null, msg: number, wParam: number | bigint, lParam: Handle | null): number | bigint => {
        try {
          if (holder.tray?.handle(msg, Number(wParam), Number(lParam ?? 0n))) return 0;
        } catch {
          // An exception must not cross back into user32.
        }
        return DefWindowProcW(hwnd, msg, wParam, lParam) as number | bigint;
      },
      koffi.pointer(WNDPROC),
    );
    try {
      registerWindowClass(className, instance, wndProc);
    } catch (error) {
      koffi.unregister(wndProc);
      throw error;
    }
    // Never shown: it only owns the icon and the menu.
    const title = "TelefUM Outlook Bridge";
    const hwnd = CreateWindowExW(0, className, title, 0, 0, 0, 0, 0, null, null, instance, null) as Handle | null;
    if (!hwnd) {
      const code = GetLastError() as number;
      UnregisterClassW(className, instance);
      koffi.unregister(wndProc);
      throw new Error(`CreateWindowExW failed for the tray window (Win32 error ${code})`);
    }
    const tray = new TrayIcon(hwnd, className, instance, wndProc, content, holder);
    tray.notify(NIM_ADD);
    tray.pump.start();
    return tray;
  }

  /** Whether the shell took the icon. */
  get visible(): boolean {
    return this.shown;
  }

  update(content: TrayContent): void {
    this.content = content;
    this.notify(this.shown ? NIM_MODIFY : NIM_ADD);
  }

  dispose(): void {
    this.pump.stop();
    if (this.shown) this.notify(NIM_DELETE);
    for (const icon of this.icons.values()) DestroyIcon(icon);
    this.icons.clear();
    DestroyWindow(this.hwnd);
    UnregisterClassW(this.className, this.instance);
    koffi.unregister(this.wndProc);
  }

  private icon(path: string): Handle | null {
    let icon = this.icons.get(path);
    if (!icon) {
      icon = (LoadImageW(null, path, IMAGE_ICON, 16, 16, LR_LOADFROMFILE) as Handle | null) ?? undefined;
      if (icon) this.icons.set(path, icon);
    }
    return icon ?? null;
  }

  private notify(message: number): void {
    const data = {
      cbSize: koffi.sizeof(NOTIFYICONDATAW),
      hWnd: this.hwnd,
      uID: 1,
      uFlags: NIF_MESSAGE | NIF_ICON | NIF_TIP,
      uCallbackMessage: TRAY_CALLBACK,
      hIcon: this.icon(this.content.iconPath),
      szTip: this.content.tooltip,
      dwState: 0,
      dwStateMask: 0,
      szInfo: "",
      uVersion: 0,
      szInfoTitle: "",
      dwInfoFlags: 0,
      guidItem: new Array(16).fill(0),
      hBalloonIcon: null,
    };
    const ok = Shell_NotifyIconW(message, data) !== 0;
    if (message === NIM_ADD) this.shown = ok;
    if (message === NIM_DELETE) this.shown = false;
  }

  /** The window procedure's share: true when the message was ours. */
  private handle(msg: number, _wParam: number, lParam: number): boolean {
    if (msg === this.taskbarCreated) {
      this.shown = false;
      this.notify(NIM_ADD);
      return true;
    }
    if (msg !== TRAY_CALLBACK) return false;
    const event = lParam & 0xffff;
    if (event === WM_LBUTTONDBLCLK) this.content.onDoubleClick?.();
    if (event === WM_RBUTTONUP || event === WM_CONTEXTMENU) this.showMenu();
    return true;
  }

  private showMenu(): void {
    const menu = CreatePopupMenu() as Handle | null;
    if (!menu) return;
    try {
      this.content.menu.forEach((item, index) => {
        if (!item) AppendMenuW(menu, MF_SEPARATOR, 0, null);
        else AppendMenuW(menu, item.action ? MF_STRING : MF_STRING | MF_GRAYED, index + 1, item.label);
      });
      const point = { x: 0, y: 0 };
      GetCursorPos(point);
      // Without this the menu would not close when the user clicks elsewhere (documented for TrackPopupMenu).
      SetForegroundWindow(this.hwnd);
      const flags = TPM_RIGHTBUTTON | TPM_RETURNCMD;
      const chosen = TrackPopupMenu(menu, flags, point.x, point.y, 0, this.hwnd, null) as number;
      PostMessageW(this.hwnd, WM_NULL, 0, 0);
      const action = chosen > 0 ? this.content.menu[chosen - 1]?.action : undefined;
      if (action) setImmediate(action);
    } finally {
      DestroyMenu(menu);
    }
  }
}
