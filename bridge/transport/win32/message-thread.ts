/**
 * The thread that owns the bridge's window (started by message-pump.ts). It waits in GetMessageW, which also runs
 * the window procedure for messages other processes send us, so TelefUM's SendMessage is taken the moment it comes
 * and an idle bridge never wakes up. The window procedure only copies the bytes and returns: TelefUM waits for no
 * more. Right after, this thread answers CONTACT? itself when it may (window-answers.ts) and posts every message to
 * the main thread, which logs it, raises its events and answers whatever this thread did not.
 */
import { parentPort, workerData } from "node:worker_threads";
import { MessageWindow } from "./message-window.js";
import { windowAnswerer, type WindowAnswerer, type WindowAnswerSettings } from "./window-answers.js";
// This thread and its window take only user32, kernel32 and advapi32, not the room's entry: the whole room (shell32,
// crypt32, iphlpapi and a dozen more modules to load) made the window come up about twice as late under Wine.
import {
  DispatchMessageW,
  GetMessageW,
  PostMessageW,
  SendCopyDataTimeout,
  SMTO_ABORTIFHUNG,
  TranslateMessage,
  WM_APP,
  WM_COPYDATA,
} from "../../win32/user32.js";
import { errorMessage } from "../../log/error-message.js";

export interface MessageThreadData {
  title: string;
  /** COPYDATASTRUCT.dwData of the messages we take; others go to the default answer. */
  copyDataId: bigint;
  /** Set when this thread may answer CONTACT? from the contact index itself. */
  answers?: WindowAnswerSettings;
  /**
   * Int32 [0]: how many of the messages handed over unanswered the main thread has taken (counted there). A
   * CONTACT? is answered here only when it has taken them all, so a contact an earlier CREATECARD made is found.
   */
  taken: SharedArrayBuffer;
}

export type MessageThreadEvent =
  | { type: "ready"; hwnd: bigint }
  | { type: "failed"; message: string }
  /** `answered`: the reply this thread already sent; absent when the main thread must answer. */
  | { type: "copydata"; bytes: Uint8Array; answered?: string }
  | { type: "foreign"; dwData: bigint; size: number };

/** Posted to our own window: messages wait in `queued` (GetMessageW does not return for sent messages). */
const WM_QUEUED = WM_APP + 1;

function run(port: NonNullable<typeof parentPort>, data: MessageThreadData): void {
  const post = (event: MessageThreadEvent): void => port.postMessage(event);
  const taken = new Int32Array(data.taken);
  const queued: Uint8Array[] = [];
  let handedOver = 0;
  let window: MessageWindow;
  let answerer: WindowAnswerer | undefined;
  let warming = true;
  try {
    window = MessageWindow.create(data.title, (dwData, bytes) => {
      if (warming) return true;
      if (dwData !== data.copyDataId) {
        post({ type: "foreign", dwData, size: bytes.length });
        return false;
      }
      queued.push(bytes);
      PostMessageW(window.hwnd, WM_QUEUED, 0, 0);
      return true;
    });
  } catch (error) {
    post({ type: "failed", message: errorMessage(error) });
    return;
  }
  try {
    if (data.answers) answerer = windowAnswerer(data.answers, window.hwnd);
  } catch {
    // An index this thread cannot open: the main thread answers every CONTACT?, and its own lookups report why.
  }
  // The window procedure's first run is cold (its JS, koffi's decode and view): run it once on ourselves now, not
  // while TelefUM's first SendMessage waits. From this thread, SendMessage calls the window procedure directly.
  const probe = Buffer.from("CONTACT?^0000000^1^1^");
  const copyData = { dwData: data.copyDataId, cbData: probe.length, lpData: probe };
  SendCopyDataTimeout(window.hwnd, WM_COPYDATA, window.hwnd, copyData, SMTO_ABORTIFHUNG, 1000, null);
  warming = false;
  const handOn = (): void => {
    for (let bytes = queued.shift(); bytes; bytes = queued.shift()) {
      const answered = answerer && Atomics.load(taken, 0) === handedOver ? answerer.answer(bytes) : undefined;
      if (answered === undefined) handedOver++;
      post({ type: "copydata", bytes, ...(answered === undefined ? {} : { answered }) });
    }
  };
  post({ type: "ready", hwnd: window.hwnd });
  const msg: Record<string, unknown> = {};
  // 0: WM_QUIT (the window was closed and destroyed); -1: an error. Either way this thread is done.
  while ((GetMessageW(msg, null, 0, 0) as number) > 0) {
    TranslateMessage(msg);
    DispatchMessageW(msg);
    handOn();
  }
  answerer?.close();
  window.destroy();
}

if (parentPort) run(parentPort, workerData as MessageThreadData);
