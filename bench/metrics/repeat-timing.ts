import { percentile } from '../api/latency-summary.ts';

/** Wall times of one query run again and again, milliseconds. */
export interface RepeatTiming {
  readonly runs: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly maxMs: number;
}

/** Nearest-rank p50 and p95 (as the API benchmark ranks latencies) of the samples, in any order. */
export function summariseTimes(samplesMs: readonly number[]): RepeatTiming {
  const sorted = Float64Array.from(samplesMs).sort();
  return {
    runs: sorted.length,
    p50Ms: percentile(sorted, 50),
    p95Ms: percentile(sorted, 95),
    maxMs: sorted.length === 0 ? Number.NaN : (sorted[sorted.length - 1] ?? Number.NaN),
  };
}

/**
 * Runs `run` `warmup` times unmeasured (caches, prepared statements, JIT), then `runs` times one
 * after another, timing each from call to settlement. The clock is passed in so tests need no waiting.
 */
export async function timeRepeated(
  run: () => Promise<unknown>,
  options: { readonly warmup: number; readonly runs: number; readonly now?: () => number },
): Promise<RepeatTiming> {
  const now = options.now ?? (() => performance.now());
  for (let i = 0; i < options.warmup; i += 1) await run();
  const samples: number[] = [];
  for (let i = 0; i < options.runs; i += 1) {
    const startedAt = now();
    await run();
    samples.push(now() - startedAt);
  }
  return summariseTimes(samples);
}
