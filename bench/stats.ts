/** Latency summaries for the benchmarks: sorted samples in milliseconds → p50/p95/p99/mean/max. */
export interface LatencySummary {
  count: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  meanMs: number;
  maxMs: number;
}

export function summarise(samplesMs: number[]): LatencySummary {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  const total = sorted.reduce((sum, v) => sum + v, 0);
  return {
    count: sorted.length,
    p50Ms: at(0.5),
    p95Ms: at(0.95),
    p99Ms: at(0.99),
    meanMs: total / sorted.length,
    maxMs: sorted.at(-1) ?? NaN,
  };
}

export function formatSummary(label: string, s: LatencySummary): string {
  const f = (v: number): string => v.toFixed(3);
  return `${label}: n=${s.count} p50=${f(s.p50Ms)} ms p99=${f(s.p99Ms)} ms mean=${f(s.meanMs)} ms max=${f(s.maxMs)} ms`;
}

/** Times one call in milliseconds with the monotonic clock. */
export async function timeMs(fn: () => unknown): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}
