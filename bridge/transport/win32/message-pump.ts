/**
 * Drains this thread's Win32 message queue on a timer. Node owns the thread's wait (libuv), so we
 * cannot block in GetMessageW; instead a timer calls PeekMessageW, which also delivers messages
 * other processes *sent* us (TelefUM's WM_COPYDATA) straight into our WNDPROC.
 * TelefUM's UI thread is blocked in SendMessage until our next drain, so right after traffic the
 * pump polls briskly (a call rarely comes alone: CONTACT? is followed by CARD, CALLHISTORY…) and
 * falls back to the idle interval when things are quiet, which keeps idle CPU near zero.
 */
import { DispatchMessageW, PeekMessageW, PM_REMOVE, TranslateMessage } from "./user32.js";

/** Upper bound per drain so a flood of posted messages cannot starve the event loop. */
const MAX_MESSAGES_PER_DRAIN = 256;

export interface MessagePumpOptions {
  /** Delay between drains when nothing has happened lately. */
  idleIntervalMs: number;
  /** Delay between drains right after traffic. */
  busyIntervalMs?: number;
  /** How long after the last traffic the pump stays brisk. */
  busyForMs?: number;
}

export class MessagePump {
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private lastActivity = -Infinity;
  private readonly msg: Record<string, unknown> = {};
  private readonly busyIntervalMs: number;
  private readonly busyForMs: number;

  constructor(private readonly options: MessagePumpOptions) {
    this.busyIntervalMs = options.busyIntervalMs ?? 1;
    this.busyForMs = options.busyForMs ?? 250;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule();
  }

  /** Tells the pump a message just came or went, so it polls briskly for a while. */
  noteActivity(): void {
    this.lastActivity = performance.now();
    if (this.running && this.timer) {
      // Re-arm a long idle wait as a short one.
      clearTimeout(this.timer);
      this.schedule();
    }
  }

  /** Handles everything queued now; returns how many posted messages were dispatched. */
  drain(): number {
    let count = 0;
    while (count < MAX_MESSAGES_PER_DRAIN && PeekMessageW(this.msg, null, 0, 0, PM_REMOVE)) {
      TranslateMessage(this.msg);
      DispatchMessageW(this.msg);
      count++;
    }
    return count;
  }

  stop(): void {
    this.running = false;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(): void {
    const busy = performance.now() - this.lastActivity < this.busyForMs;
    // Deliberately ref'd: a live window is a reason for the process to stay up.
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        if (!this.running) return;
        if (this.drain() > 0) this.lastActivity = performance.now();
        if (this.running) this.schedule();
      },
      busy ? this.busyIntervalMs : this.options.idleIntervalMs,
    );
  }
}
