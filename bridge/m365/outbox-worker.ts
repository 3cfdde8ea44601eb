/**
 * Works the outbox: every due item goes through the MailboxWriter; a transient failure is rescheduled after
 * Retry-After when Graph gave one, else with exponential backoff; the schedule lives in SQLite, so it survives
 * restarts. A permanent failure (400/403/404…) parks the item as `failed` with its reason.
 */
import type { Logger } from "../log.js";
import type { M365Config } from "./config.js";
import { graphRetryAfter, isSignInRequired, isTransient } from "./graph-client.js";
import type { MailboxWriter } from "./mailbox-writer.js";
import type { OutboxStore } from "./outbox-store.js";
import { UploadError } from "./recording-uploader.js";

export interface ProcessReport {
  done: number;
  rescheduled: number;
  failed: number;
}

export class OutboxWorker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<ProcessReport> | undefined;
  private stopped = true;

  constructor(
    private readonly store: OutboxStore,
    private readonly writer: MailboxWriter,
    private readonly retry: M365Config["retry"],
    private readonly log: Logger,
  ) {}

  start(): void {
    this.stopped = false;
    this.kick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  /** Something new was queued (or the sign-in came back): work now, in the background. */
  kick(): void {
    if (this.stopped) return;
    void this.processDue()
      .catch((error: unknown) => this.log("error", "outbox pass failed", { reason: (error as Error).message }))
      .finally(() => this.schedule());
  }

  private schedule(): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    const next = this.store.nextDueAt();
    if (next === undefined) return;
    this.timer = setTimeout(() => this.kick(), Math.max(0, next - Date.now()) + 5);
    this.timer.unref?.();
  }

  /** One pass over the items due now; concurrent calls share the pass. */
  processDue(now = Date.now()): Promise<ProcessReport> {
    if (this.running) return this.running.then(() => this.processDue(now));
    this.running = this.pass(now).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Works until nothing is pending, sleeping until the next due time (tests; "send now" in the UI). */
  async drain(maxPasses = 20): Promise<ProcessReport> {
    const total: ProcessReport = { done: 0, rescheduled: 0, failed: 0 };
    for (let i = 0; i < maxPasses; i++) {
      const next = this.store.nextDueAt();
      if (next === undefined) break;
      const wait = next - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait + 5));
      const report = await this.processDue();
      total.done += report.done;
      total.rescheduled += report.rescheduled;
      total.failed += report.failed;
    }
    return total;
  }

  private async pass(now: number): Promise<ProcessReport> {
    const report: ProcessReport = { done: 0, rescheduled: 0, failed: 0 };
    for (const item of this.store.due(now)) {
      try {
        await this.writer.process(item, (steps) => this.store.saveSteps(item.id, steps));
        this.store.complete(item.id);
        report.done++;
      } catch (error) {
        const message = (error as Error).message;
        if (isSignInRequired(error)) {
          // Nothing will work until the user signs in again; signIn() kicks the worker.
          this.store.reschedule(item.id, Date.now() + this.retry.outboxMaxSeconds * 1000, message);
          report.rescheduled++;
          this.log("warn", "call not written to the mailbox: sign-in required", { call: item.key });
          continue;
        }
        const uploadStatus = error instanceof UploadError ? error.statusCode : undefined;
        const transient =
          uploadStatus !== undefined ? ![400, 403, 413, 507].includes(uploadStatus) : isTransient(error);
        if (!transient) {
          this.store.fail(item.id, message);
          report.failed++;
          this.log("error", "call could not be written to the mailbox", { call: item.key, reason: message });
          continue;
        }
        const retryAfter = error instanceof UploadError ? error.retryAfterSeconds : graphRetryAfter(error);
        const backoff = Math.min(
          this.retry.outboxMaxSeconds,
          this.retry.outboxBaseSeconds * 2 ** Math.min(item.attempts, 16),
        );
        const delaySeconds = retryAfter !== undefined ? Math.max(retryAfter, 0) : backoff;
        this.store.reschedule(item.id, Date.now() + delaySeconds * 1000, message);
        report.rescheduled++;
        this.log("warn", "call will be written to the mailbox later", {
          call: item.key,
          inSeconds: delaySeconds,
          reason: message,
        });
      }
    }
    return report;
  }
}
