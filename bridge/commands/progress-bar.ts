/**
 * Long work on the command line (an import, the first sync) showing how far it has come: on a terminal one bar
 * redrawn in place with the count, the share done and an estimate of the time left; into a pipe or a file plain
 * lines, one per tenth of the work up to 90% (or per 10 000 items when the total is unknown), so a log stays short.
 */
import type { Translator } from "../i18n/i18n.js";

export interface ProgressOutput {
  isTTY?: boolean;
  write(text: string): unknown;
}

export interface Progress {
  /** `fraction` is the share done (0..1) when the total is known. */
  update(done: number, fraction?: number): void;
  /** Ends the bar's line on a terminal. */
  finish(): void;
}

const BAR_WIDTH = 24;
const REDRAW_MS = 100;
const PLAIN_STEP = 10_000;

export function progressBar(out: ProgressOutput, t: Translator, label: string): Progress {
  const started = performance.now();
  let drawn = false;
  let lastDraw = 0;
  let lastStep = 0;
  const text = (done: number, fraction: number | undefined): string => {
    const parts = [t.t("progress.contacts", { count: done, shown: t.number(done) })];
    if (fraction !== undefined) {
      parts.unshift(`${Math.floor(fraction * 100)}%`);
      const elapsed = (performance.now() - started) / 1000;
      if (fraction > 0.01 && fraction < 1)
        parts.push(t.t("progress.left", { time: t.duration((elapsed * (1 - fraction)) / fraction) }));
    }
    return parts.join(" · ");
  };
  return {
    update(done, fraction) {
      const share = fraction === undefined ? undefined : Math.min(1, Math.max(0, fraction));
      if (out.isTTY) {
        const now = performance.now();
        if (drawn && now - lastDraw < REDRAW_MS && share !== 1) return;
        lastDraw = now;
        drawn = true;
        const filled = Math.round((share ?? 0) * BAR_WIDTH);
        const bar = share === undefined ? "" : ` [${"█".repeat(filled)}${"░".repeat(BAR_WIDTH - filled)}]`;
        out.write(`\r${label}${bar} ${text(done, share)}\x1b[K`);
        return;
      }
      // The end is left to the summary the command prints when it is done.
      if (share === 1) return;
      const step = share === undefined ? Math.floor(done / PLAIN_STEP) : Math.floor(share * 10);
      if (step <= lastStep) return;
      lastStep = step;
      out.write(`${label}: ${text(done, share)}\n`);
    },
    finish() {
      if (out.isTTY && drawn) out.write("\n");
    },
  };
}
