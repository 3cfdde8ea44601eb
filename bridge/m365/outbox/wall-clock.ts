/**
 * Notices the wall clock being set back (by hand, or by a time sync): the difference between Date.now() and the
 * monotonic clock moves. A step forward is not reported: after a sleep the monotonic clock lags the wall clock
 * too, and due times that merely passed need no re-plan.
 */
const STEP_MS = 2000;

export class WallClockWatch {
  private offset = Date.now() - performance.now();

  /** How far (ms, positive) the wall clock went back since the last call; 0 when it did not. */
  stepBack(): number {
    const offset = Date.now() - performance.now();
    const step = this.offset - offset;
    // Follow forward moves (sleep) too, so a later step back is measured from where the clock is now.
    if (step > STEP_MS || step < 0) this.offset = offset;
    return step > STEP_MS ? step : 0;
  }
}
