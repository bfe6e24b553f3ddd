/**
 * The same load run through autocannon's `overallRate`, for comparison with runConstantRate
 * (BENCH_API_LOAD=autocannon). autocannon 8 paces each connection with a budget of requests per
 * second that is refilled once a second (lib/httpClient.js), so the requests of each second leave
 * in a burst at its start rather than evenly spread; its coordinated-omission correction assumes
 * an expected interval of ceil(1 / per-connection rate) = 1 ms (lib/run.js). At these rates it
 * reports latencies of tens to hundreds of milliseconds for a server that answers in one.
 */
import autocannon from 'autocannon';
import type { LoadResult } from './latency-summary.ts';

export interface AutocannonLoadOptions {
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly ratePerSecond: number;
  readonly durationSeconds: number;
  readonly warmupSeconds?: number;
  readonly connections: number;
  readonly timeoutMs?: number;
}

export async function runAutocannon(options: AutocannonLoadOptions): Promise<LoadResult> {
  const result = await autocannon({
    url: options.url,
    headers: { ...options.headers },
    connections: options.connections,
    overallRate: options.ratePerSecond,
    duration: options.durationSeconds,
    timeout: (options.timeoutMs ?? 10_000) / 1000,
    ...(options.warmupSeconds === undefined || options.warmupSeconds <= 0 ? {} : { warmup: { duration: options.warmupSeconds } }),
  });
  return {
    targetPerSecond: options.ratePerSecond,
    achievedPerSecond: result.duration > 0 ? result.requests.total / result.duration : 0,
    responses: result.requests.total,
    errors: result.errors,
    non2xx: result.non2xx,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    // autocannon never stops early: it runs the whole duration however far behind the server falls.
    overloaded: false,
    sendLagP99Ms: null,
  };
}
