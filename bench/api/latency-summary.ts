/** What one load run measured, whichever load generator ran it. Times in milliseconds. */
export interface LoadResult {
  /** The rate asked for, in requests per second. */
  readonly targetPerSecond: number;
  /** Responses of any status per second over the measured window (until the last one arrived, or the run was stopped). */
  readonly achievedPerSecond: number;
  readonly responses: number;
  /** Requests that got no response: connection errors and timeouts. */
  readonly errors: number;
  /** Responses with a status outside 200-299. */
  readonly non2xx: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /**
   * The server fell so far behind the schedule that the run was stopped early. The requests still
   * waiting then are ranked with the time they had waited so far, so the percentiles are lower
   * bounds of what the full run would have shown.
   */
  readonly overloaded: boolean;
  /**
   * How late the load generator itself sent requests (p99, ms): its timers and its share of the
   * CPU. Latencies include it, so a large value means the machine, not the server, was busy.
   * Null when the generator does not report it.
   */
  readonly sendLagP99Ms: number | null;
}

/**
 * The nearest-rank percentile (the smallest value with at least `percent`% of the values at or
 * below it) of values sorted ascending; NaN when there are none.
 */
export function percentile(sortedAscending: ArrayLike<number>, percent: number): number {
  if (sortedAscending.length === 0) return Number.NaN;
  const rank = Math.ceil((percent / 100) * sortedAscending.length);
  return sortedAscending[Math.min(sortedAscending.length, Math.max(1, rank)) - 1] ?? Number.NaN;
}

/** Summarises a run from the latencies to rank (ms, in any order) and its counts. */
export function summariseLatencies(input: {
  readonly targetPerSecond: number;
  /** One per response, and in an overloaded run one per request still waiting when it stopped. */
  readonly latenciesMs: Float64Array;
  readonly responses: number;
  readonly elapsedMs: number;
  readonly errors: number;
  readonly non2xx: number;
  readonly overloaded: boolean;
  readonly sendLagP99Ms: number | null;
}): LoadResult {
  const sorted = Float64Array.from(input.latenciesMs).sort();
  return {
    targetPerSecond: input.targetPerSecond,
    achievedPerSecond: input.elapsedMs > 0 ? input.responses / (input.elapsedMs / 1000) : 0,
    responses: input.responses,
    errors: input.errors,
    non2xx: input.non2xx,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    maxMs: sorted.length === 0 ? Number.NaN : (sorted[sorted.length - 1] ?? Number.NaN),
    overloaded: input.overloaded,
    sendLagP99Ms: input.sendLagP99Ms,
  };
}
