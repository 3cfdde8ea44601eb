/**
 * Brings TelefUM's messages to the main thread without polling. Node's main thread cannot wait in GetMessageW
 * (libuv owns its wait), and a timer that peeks keeps TelefUM's SendMessage waiting up to a tick and wakes an idle
 * bridge. So the window lives on a thread of its own (message-thread.ts) that waits for messages, takes each at
 * once, answers CONTACT? itself when it may, and posts the bytes here; this side hands them on from the event loop.
 */
import { Worker } from "node:worker_threads";
import type { MessageThreadData, MessageThreadEvent } from "./message-thread.js";
import type { WindowAnswerSettings } from "./window-answers.js";
import { type Handle, PostMessageW, WM_CLOSE, WM_QUIT } from "../../win32/index.js";

export interface PumpListener {
  /** The bytes of a message with our dwData; `answered`: the reply the window's thread already sent. */
  onBytes(bytes: Uint8Array, answered: string | undefined): void;
  /** A WM_COPYDATA with another dwData: not taken, only reported. */
  onForeign(dwData: bigint, size: number): void;
}

/** How long stop() waits for the window's thread before ending it by force. */
const STOP_TIMEOUT_MS = 5000;

export class MessagePump {
  /**
   * The process is ending (exit, an uncaught exception, a signal): Node then waits for every thread, and ours is
   * inside GetMessageW. WM_QUIT makes GetMessageW return without running the window procedure, so no JS runs.
   */
  private readonly onExit = (): void => void PostMessageW(this.hwnd, WM_QUIT, 0, 0);

  private constructor(
    private readonly worker: Worker,
    /** The window TelefUM sends to (what hwndProgr holds). */
    readonly hwnd: Handle,
  ) {
    process.on("exit", this.onExit);
  }

  /** Starts the window's thread; resolves once the window exists (and, with `answers`, its lookup is warm). */
  static start(
    title: string,
    copyDataId: bigint,
    listener: PumpListener,
    answers?: WindowAnswerSettings,
  ): Promise<MessagePump> {
    const data: MessageThreadData = { title, copyDataId, taken: new SharedArrayBuffer(4), ...(answers && { answers }) };
    const taken = new Int32Array(data.taken);
    const worker = new Worker(new URL("./message-thread.js", import.meta.url), { workerData: data });
    return new Promise((resolve, reject) => {
      const failed = (error: Error): void => {
        reject(error);
        void worker.terminate();
      };
      worker.once("error", failed);
      worker.on("message", (event: MessageThreadEvent) => {
        if (event.type === "copydata") {
          listener.onBytes(event.bytes, event.answered);
          // Taken, with whatever it wrote: the window's thread may answer the next CONTACT? itself again.
          if (event.answered === undefined) Atomics.add(taken, 0, 1);
        } else if (event.type === "foreign") listener.onForeign(event.dwData, event.size);
        else if (event.type === "failed") failed(new Error(event.message));
        else {
          worker.off("error", failed);
          resolve(new MessagePump(worker, event.hwnd));
        }
      });
    });
  }

  /** Closes the window, which ends its thread's message loop; waits for the thread to finish. */
  async stop(): Promise<void> {
    process.off("exit", this.onExit);
    const exited = new Promise<void>((resolve) => this.worker.once("exit", () => resolve()));
    PostMessageW(this.hwnd, WM_CLOSE, 0, 0);
    const timer = setTimeout(() => void this.worker.terminate(), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  }
}
