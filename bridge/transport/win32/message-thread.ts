/**
 * The thread that owns the bridge's window (started by message-pump.ts). It waits in GetMessageW, which also runs
 * the window procedure for messages other processes send us, so TelefUM's SendMessage is taken the moment it comes
 * and an idle bridge never wakes up. The window procedure copies the bytes, posts them to the main thread (which
 * decodes and answers) and returns: TelefUM waits only for that copy.
 */
import { parentPort, workerData } from "node:worker_threads";
import { MessageWindow } from "./message-window.js";
// This thread and its window take only user32 and kernel32, not the room's entry: the whole room (shell32, crypt32,
// iphlpapi and a dozen more modules to load) made the window come up about twice as late under Wine.
import { DispatchMessageW, GetMessageW, TranslateMessage } from "../../win32/user32.js";
import { errorMessage } from "../../log/error-message.js";

export interface MessageThreadData {
  title: string;
  /** COPYDATASTRUCT.dwData of the messages we take; others go to the default answer. */
  copyDataId: bigint;
}

export type MessageThreadEvent =
  | { type: "ready"; hwnd: bigint }
  | { type: "failed"; message: string }
  | { type: "copydata"; bytes: Uint8Array }
  | { type: "foreign"; dwData: bigint; size: number };

function run(port: NonNullable<typeof parentPort>, { title, copyDataId }: MessageThreadData): void {
  const post = (event: MessageThreadEvent): void => port.postMessage(event);
  let window: MessageWindow;
  try {
    window = MessageWindow.create(title, (dwData, bytes) => {
      if (dwData !== copyDataId) {
        post({ type: "foreign", dwData, size: bytes.length });
        return false;
      }
      post({ type: "copydata", bytes });
      return true;
    });
  } catch (error) {
    post({ type: "failed", message: errorMessage(error) });
    return;
  }
  post({ type: "ready", hwnd: window.hwnd });
  const msg: Record<string, unknown> = {};
  // 0: WM_QUIT (the window was closed and destroyed); -1: an error. Either way this thread is done.
  while ((GetMessageW(msg, null, 0, 0) as number) > 0) {
    TranslateMessage(msg);
    DispatchMessageW(msg);
  }
  window.destroy();
}

if (parentPort) run(parentPort, workerData as MessageThreadData);
