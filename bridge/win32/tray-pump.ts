/**
 * Drains the main thread's Win32 queue for the tray icon's window. Node owns this thread's wait (libuv), so a
 * timer calls PeekMessageW. Only the tray uses it, and the tray can live with a 50 ms tick: nobody waits on it the
 * way TelefUM waits in SendMessage (TelefUM's window has a thread of its own, message-pump.ts).
 */
import { DispatchMessageW, PeekMessageW, PM_REMOVE, TranslateMessage } from "./user32.js";

/** Upper bound per drain so a flood of posted messages cannot starve the event loop. */
const MAX_MESSAGES_PER_DRAIN = 256;

export class TrayPump {
  private timer: NodeJS.Timeout | undefined;
  private readonly msg: Record<string, unknown> = {};

  constructor(private readonly intervalMs = 50) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.drain(), this.intervalMs);
    // The tray alone must not keep the process alive.
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private drain(): void {
    for (let n = 0; n < MAX_MESSAGES_PER_DRAIN && PeekMessageW(this.msg, null, 0, 0, PM_REMOVE); n++) {
      TranslateMessage(this.msg);
      DispatchMessageW(this.msg);
    }
  }
}
