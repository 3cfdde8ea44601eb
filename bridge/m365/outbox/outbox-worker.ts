/**
 * Works the outbox: every due item is leased, then goes through the writer (the mailbox's); a transient failure is
 * rescheduled after Retry-After when Graph gave one, else with exponential backoff; the schedule lives in SQLite,
 * so it survives restarts. A permanent failure (400/403/404…) parks the item as `failed` with its reason.
 * Graph refusing the token is retried soon for the first few times; the sign-in is given up only when GET /me is
 * refused too, and the calls that waited are due at once when someone signs in again (start()).
 * A pass that fails as a whole (the store cannot write, say) is not repeated at once: passes back off, growing.
 * A call that fails for a passing reason (5xx, timeout, throttling) ends the pass: while Graph is down one call
 * probes it per backoff, instead of every queued call waiting out its own timeout; once one is written, the rest go.
 * Backoffs are jittered (calls queued together are not retried in step) and the worker's own pause is monotonic;
 * the due times in the store are wall-clock (they survive a restart), so a clock stepped back is noticed at the
 * next pass and the plan re-made (wall-clock.ts). Any Graph request answered after a failure wakes the worker
 * (wake()): what waited is due at once. A call written but for the notes of contacts that cannot be looked up yet
 * (steps.contactsUnknown) stays pending alone, with its own backoff, and the pass goes on.
 */
import { randomUUID } from "node:crypto";
import type { Logger } from "../../log/log.js";
import type { M365Config } from "../config.js";
import type { SignInCheck } from "../auth/session.js";
import { graphRetryAfter, isSignInRequired, isTransient, TokenRefusedError, UploadError } from "../graph-client.js";
import { LeaseLostError, type OutboxItem, type OutboxSteps, type OutboxStore } from "./outbox-store.js";
import { errorMessage } from "../../log/error-message.js";
import { WallClockWatch } from "./wall-clock.js";

export interface ProcessReport {
  done: number;
  rescheduled: number;
  failed: number;
}

/** Carries one queued call into the mailbox (the mailbox room's MailboxWriter), saving progress after each step. */
export interface OutboxWriter {
  process(item: OutboxItem, save: (steps: OutboxSteps) => void): Promise<void>;
}

/** Refused tokens retried with the ordinary backoff before GET /me is asked. */
const REFUSALS_BEFORE_CHECK = 3;
/** A lease is renewed every third of it while the item is worked; one a dead process left runs out in a minute. */
const LEASE_MS = 60_000;

export class OutboxWorker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<ProcessReport> | undefined;
  private stopped = true;
  private refusals = 0;
  private failedPasses = 0;
  /** No pass before this (performance.now()): a failed pass, or Graph failing for a passing reason. */
  private pauseUntil = 0;
  private readonly clock = new WallClockWatch();
  readonly owner = randomUUID();

  constructor(
    private readonly store: OutboxStore,
    private readonly writer: OutboxWriter,
    private readonly retry: M365Config["retry"],
    private readonly log: Logger,
    private readonly signIn?: SignInCheck,
    /** Seconds until the bridge's Graph throttle lets requests go again, while it holds them (graph-throttle.ts). */
    private readonly graphWait: () => number | undefined = () => undefined,
  ) {}

  /** Signed in (again): calls that waited for the sign-in, or for their contacts before a start, are due now. */
  start(): void {
    this.stopped = false;
    this.refusals = 0;
    this.pauseUntil = 0;
    try {
      this.store.wakeSignInWaiters();
      this.store.wakeContactWaiters();
    } catch (error) {
      this.log("warn", "outbox: could not wake the calls waiting for the sign-in or their contacts", {
        reason: errorMessage(error),
      });
    }
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
    // A pass under way schedules the next when it ends (new rows are due then); chaining one per kick would let
    // a burst of calls run a pass each past the pause.
    if (this.stopped || this.running) return;
    this.replanAfterClockStep();
    if (performance.now() < this.pauseUntil) return this.schedule();
    void this.processDue()
      .then(
        () => {
          this.failedPasses = 0;
        },
        (error: unknown) => {
          const seconds = this.failedPassDelaySeconds();
          this.pauseUntil = performance.now() + seconds * 1000;
          this.log("error", "outbox pass failed", { reason: errorMessage(error), retryInSeconds: seconds });
        },
      )
      .finally(() => this.schedule());
  }

  /** outboxBaseSeconds (30 s by default), doubling with each failed pass up to outboxMaxSeconds. */
  private failedPassDelaySeconds(): number {
    const { outboxBaseSeconds, outboxMaxSeconds } = this.retry;
    return jittered(
      Math.min(outboxMaxSeconds, Math.max(outboxBaseSeconds, 0.1) * 2 ** Math.min(this.failedPasses++, 16)),
    );
  }

  /** Graph answers again (any request did): the calls that backed off are due now, the pause is over. */
  wake(): void {
    if (this.stopped) return;
    try {
      const woken = this.store.wakeBackedOff();
      if (woken > 0) this.log("info", "outbox: Graph answers again, writing the calls that waited", { count: woken });
    } catch (error) {
      this.log("warn", "outbox: could not wake the calls that waited", { reason: (error as Error).message });
    }
    this.pauseUntil = 0;
    this.kick();
  }

  /** The wall clock stepped back: due times in the store moved back as far, so nothing waits for the lost time. */
  private replanAfterClockStep(): void {
    const stepMs = this.clock.stepBack();
    if (stepMs === 0) return;
    try {
      const moved = this.store.moveDueTimes(-stepMs);
      this.log("warn", "the clock was set back: the outbox's plan is re-made", {
        stepSeconds: Math.round(stepMs / 1000),
        calls: moved,
      });
    } catch (error) {
      this.log("warn", "the clock was set back; the outbox could not re-plan", { reason: (error as Error).message });
    }
  }

  private schedule(): void {
    if (this.stopped) return;
    this.replanAfterClockStep();
    if (this.timer) clearTimeout(this.timer);
    let next: number | undefined;
    try {
      next = this.store.nextDueAt(this.owner);
    } catch {
      next = Date.now(); // the store cannot be read: the backoff below decides when to try again
    }
    if (next === undefined) return;
    const wait = Math.max(next - Date.now(), this.pauseUntil - performance.now());
    this.timer = setTimeout(() => this.kick(), Math.max(0, wait) + 5);
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

  /**
   * Works until nothing is pending, sleeping until the next due time (tests; "send now" in the UI). Rows another
   * worker holds are not waited for: their passes find nothing, and the drain ends after `maxPasses`.
   */
  async drain(maxPasses = 20): Promise<ProcessReport> {
    const total: ProcessReport = { done: 0, rescheduled: 0, failed: 0 };
    for (let i = 0; i < maxPasses; i++) {
      await this.running?.catch(() => undefined);
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
    for (const item of this.store.due(this.owner, now)) {
      if (!this.store.claim(item.id, this.owner, Date.now() + LEASE_MS)) continue;
      const heartbeat = setInterval(() => this.renewLease(item.id), LEASE_MS / 3);
      heartbeat.unref?.();
      try {
        let steps = item.steps;
        await this.writer.process(item, (saved) => {
          steps = saved;
          this.store.saveSteps(item.id, this.owner, saved, Date.now() + LEASE_MS);
        });
        if (steps.contactsUnknown) {
          // Only this row waits, with its own backoff; Graph answered, so the pass goes on.
          this.backOff(item, "its contacts cannot be looked up (the contact index cannot be read)", undefined);
          report.rescheduled++;
          continue;
        }
        this.store.complete(item.id, this.owner);
        this.refusals = 0;
        this.pauseUntil = 0;
        report.done++;
      } catch (error) {
        if (error instanceof LeaseLostError) {
          this.log("warn", "outbox: another worker took the call over", { call: item.key });
          continue;
        }
        const outcome = await this.settleFailure(item, error);
        if (typeof outcome === "number") {
          report.rescheduled++;
          this.pauseUntil = performance.now() + outcome;
          break;
        }
        report.failed++;
      } finally {
        clearInterval(heartbeat);
      }
    }
    return report;
  }

  private renewLease(id: number): void {
    try {
      this.store.renewLease(id, this.owner, Date.now() + LEASE_MS);
    } catch (error) {
      this.log("warn", "outbox: could not renew a lease", { id, reason: errorMessage(error) });
    }
  }

  /** What became of the item: parked, or rescheduled (the ms until it is due) because Graph is failing for now. */
  private async settleFailure(item: OutboxItem, error: unknown): Promise<"failed" | number> {
    const message = errorMessage(error);
    if (isSignInRequired(error)) {
      const early = error instanceof TokenRefusedError && ++this.refusals < REFUSALS_BEFORE_CHECK;
      if (!early && (await this.signInLost())) {
        // Nothing will work until the user signs in again; start() makes the call due at once then.
        const ms = this.retry.outboxMaxSeconds * 1000;
        this.store.reschedule(item.id, this.owner, Date.now() + ms, message, true);
        this.log("warn", "call not written to the mailbox: sign-in required", { call: item.key });
        this.signIn?.lost(message);
        return ms;
      }
      return this.backOff(item, message, undefined);
    }
    const uploadStatus = error instanceof UploadError ? error.statusCode : undefined;
    const transient = uploadStatus !== undefined ? ![400, 403, 413, 507].includes(uploadStatus) : isTransient(error);
    if (!transient) {
      this.store.fail(item.id, this.owner, message);
      this.log("error", "call could not be written to the mailbox", { call: item.key, reason: message });
      return "failed";
    }
    // While Graph is down the throttle's probes (jittered, capped at graphDownMaxSeconds) set the pace, not the
    // call's own backoff: a link that comes back for a few seconds is used.
    const retryAfter = error instanceof UploadError ? error.retryAfterSeconds : graphRetryAfter(error);
    return this.backOff(item, message, retryAfter ?? this.graphWait());
  }

  private async signInLost(): Promise<boolean> {
    return this.signIn ? this.signIn.confirmLost() : true;
  }

  /** Reschedules the item; returns the ms until it is due again. */
  private backOff(item: OutboxItem, message: string, retryAfter: number | undefined): number {
    const backoff = jittered(
      Math.min(this.retry.outboxMaxSeconds, this.retry.outboxBaseSeconds * 2 ** Math.min(item.attempts, 16)),
    );
    const delaySeconds = retryAfter !== undefined ? Math.max(retryAfter, 0) : backoff;
    const ms = delaySeconds * 1000;
    this.store.reschedule(item.id, this.owner, Date.now() + ms, message);
    this.log("warn", "call will be written to the mailbox later", {
      call: item.key,
      inSeconds: Math.round(delaySeconds * 10) / 10,
      reason: message,
    });
    return ms;
  }
}

/** Between half and all of `seconds`: calls and bridges that failed together do not come back together. */
function jittered(seconds: number): number {
  return seconds * (0.5 + 0.5 * Math.random());
}
