/**
 * A warning that a flood can raise thousands of times a second (refused connections): logged the first time, then
 * at most once a minute, saying how many went unlogged, so the log neither floods nor fills the disk.
 */
import type { Logger } from "./log.js";

export const RARE_WARNING_INTERVAL_MS = 60_000;

export function rareWarning(
  log: Logger,
  message: string,
  intervalMs = RARE_WARNING_INTERVAL_MS,
): (data?: Record<string, unknown>) => void {
  let last = Number.NEGATIVE_INFINITY;
  let unlogged = 0;
  return (data = {}) => {
    const now = Date.now();
    if (now - last < intervalMs) {
      unlogged++;
      return;
    }
    log("warn", message, unlogged > 0 ? { ...data, unloggedSinceLast: unlogged } : data);
    last = now;
    unlogged = 0;
  };
}
