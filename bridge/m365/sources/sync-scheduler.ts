/**
 * Runs a sync now and then every few minutes; concurrent requests share the running pass, and a request that
 * arrives during a pass gets one more pass after it. Failures are reported, never thrown at the timer.
 */
import type { Logger } from "../../log/log.js";
import type { SyncStatus } from "../../http/m365-status.js";
import { errorMessage } from "../../log/error-message.js";
import type { SyncProgress } from "./sync-progress.js";

export type { SyncStatus } from "../../http/m365-status.js";

export class SyncScheduler {
  private timer: NodeJS.Timeout | undefined;
  private current: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  readonly status: SyncStatus = { running: false, passes: 0 };

  constructor(
    private readonly pass: () => Promise<void>,
    private readonly intervalMs: number,
    private readonly log: Logger,
    private readonly progress?: SyncProgress,
  ) {}

  /** The status, with how far a running pass has come. */
  statusNow(): SyncStatus {
    const progress = this.progress?.current();
    return progress ? { ...this.status, progress } : { ...this.status };
  }

  start(): void {
    this.stopped = false;
    void this.syncNow().catch(() => undefined);
  }

  /** Runs a pass (or joins the running one and queues another); rejects with the pass's error. */
  syncNow(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.current) {
      this.again = true;
      return this.current;
    }
    this.clearTimer();
    this.current = this.run().finally(() => {
      this.current = undefined;
      if (this.stopped) return;
      if (this.again) {
        this.again = false;
        void this.syncNow().catch(() => undefined);
      } else {
        this.timer = setTimeout(() => void this.syncNow().catch(() => undefined), this.intervalMs);
        this.timer.unref?.();
      }
    });
    return this.current;
  }

  private async run(): Promise<void> {
    this.status.running = true;
    this.status.lastStartedAt = new Date().toISOString();
    this.progress?.start();
    try {
      await this.pass();
      delete this.status.lastError;
    } catch (error) {
      this.status.lastError = errorMessage(error);
      this.log("warn", "Microsoft 365 sync failed", { reason: this.status.lastError });
      throw error;
    } finally {
      this.progress?.end();
      this.status.running = false;
      this.status.passes++;
      this.status.lastFinishedAt = new Date().toISOString();
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.clearTimer();
    await this.current?.catch(() => undefined);
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
