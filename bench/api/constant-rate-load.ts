/**
 * An open-loop, constant-rate load generator over node:http. Request i is due at
 * start + i / rate whatever became of the requests before it, and its latency is measured from
 * that due time to the end of its response. A server that stalls therefore cannot slow the
 * generator down and hide its own stall (coordinated omission): requests keep falling due, wait
 * for a free connection, and that wait counts in their latency.
 */
import http from 'node:http';
import { percentile, summariseLatencies, type LoadResult } from './latency-summary.ts';

export interface ConstantRateOptions {
  /** The full URL of every request (GET). */
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly ratePerSecond: number;
  readonly durationSeconds: number;
  /** Sent at the same rate first, on the same connections, and not measured. */
  readonly warmupSeconds?: number;
  /** Most connections open at once; a request falling due while all are busy waits for one. */
  readonly connections: number;
  /** A request without its whole response after this long counts as an error. */
  readonly timeoutMs?: number;
  /**
   * Stop early once more than this many seconds of requests (and more than `connections`) wait
   * unanswered: the server cannot keep up, latency would only grow, and running the schedule out
   * would take minutes. Default 2.
   */
  readonly maxBacklogSeconds?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_BACKLOG_SECONDS = 2;

/** One schedule of requests at the rate for `seconds`; resolves once every request sent has settled, or the run was stopped. */
function drive(pool: http.Agent, options: ConstantRateOptions, seconds: number): Promise<LoadResult> {
  const url = new URL(options.url);
  const requestOptions: http.RequestOptions = {
    hostname: url.hostname,
    port: url.port,
    path: `${url.pathname}${url.search}`,
    method: 'GET',
    headers: { ...options.headers },
    agent: pool,
  };
  const count = Math.max(1, Math.round(options.ratePerSecond * seconds));
  const intervalMs = 1000 / options.ratePerSecond;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBacklog = Math.max(options.connections, options.ratePerSecond * (options.maxBacklogSeconds ?? DEFAULT_MAX_BACKLOG_SECONDS));
  const latenciesMs = new Float64Array(count);
  const sendLagsMs = new Float64Array(count);
  /** Requests sent and not settled, by index: their due time, and how to drop them if the run stops. */
  const waiting = new Map<number, { dueAt: number; cancel: () => void }>();
  let ranked = 0;
  let responses = 0;
  let errors = 0;
  let non2xx = 0;
  let sent = 0;
  let lastSettledAt = 0;
  let stopped = false;

  return new Promise((resolve) => {
    const start = performance.now();
    const finish = (overloaded: boolean) => {
      resolve(
        summariseLatencies({
          targetPerSecond: options.ratePerSecond,
          latenciesMs: latenciesMs.subarray(0, ranked),
          responses,
          elapsedMs: lastSettledAt - start,
          errors,
          non2xx,
          overloaded,
          sendLagP99Ms: percentile(sendLagsMs.subarray(0, sent).sort(), 99),
        }),
      );
    };
    const settle = (index: number) => {
      waiting.delete(index);
      lastSettledAt = performance.now();
      if (!stopped && sent === count && waiting.size === 0) finish(false);
    };
    /** Drops every request still waiting, ranking each with the time it had waited so far: a lower bound of its latency. */
    const stopOverloaded = () => {
      stopped = true;
      lastSettledAt = performance.now();
      for (const { dueAt, cancel } of waiting.values()) {
        latenciesMs[ranked] = lastSettledAt - dueAt;
        ranked += 1;
        cancel();
      }
      waiting.clear();
      finish(true);
    };
    const send = (index: number, dueAt: number) => {
      sendLagsMs[index] = performance.now() - dueAt;
      let done = false;
      const fail = () => {
        if (done) return;
        done = true;
        errors += 1;
        settle(index);
      };
      const request = http.request(requestOptions, (response) => {
        response.resume();
        response.on('end', () => {
          if (done) return;
          done = true;
          latenciesMs[ranked] = performance.now() - dueAt;
          ranked += 1;
          responses += 1;
          const status = response.statusCode ?? 0;
          if (status < 200 || status > 299) non2xx += 1;
          settle(index);
        });
        // A connection lost in the middle of a body closes the response without 'end'.
        response.on('close', fail);
      });
      request.setTimeout(timeoutMs, () => request.destroy(new Error(`no response within ${timeoutMs} ms`)));
      request.on('error', fail);
      waiting.set(index, {
        dueAt,
        cancel: () => {
          done = true;
          request.destroy();
        },
      });
      request.end();
    };
    // Sends every request that is due, then sleeps until the next one is: timers are coarse
    // (about 1 ms), so at 1,000 req/s a wake-up may send a few requests that fell due together,
    // each measured from its own due time.
    const tick = () => {
      if (stopped) return;
      const now = performance.now();
      while (sent < count && start + sent * intervalMs <= now) {
        send(sent, start + sent * intervalMs);
        sent += 1;
      }
      if (waiting.size > maxBacklog) return stopOverloaded();
      if (sent < count) setTimeout(tick, Math.max(0, start + sent * intervalMs - performance.now()));
    };
    tick();
  });
}

/**
 * After a run stopped early the server still works through the requests it had accepted (at
 * most one per connection, the rest never left this process): one more request, on a connection
 * of its own, is answered once those are done, so the next run starts on an idle server.
 */
function drained(options: ConstantRateOptions): Promise<void> {
  return new Promise((resolve) => {
    const request = http.get(options.url, { headers: { ...options.headers }, agent: false }, (response) => {
      response.resume();
      response.on('close', () => resolve());
    });
    request.setTimeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS, () => request.destroy());
    request.on('error', () => resolve());
  });
}

/** Runs the warm-up (if any), then the measured schedule, on one pool of keep-alive connections. */
export async function runConstantRate(options: ConstantRateOptions): Promise<LoadResult> {
  if (!(options.ratePerSecond > 0) || !(options.durationSeconds > 0) || !(options.connections >= 1)) {
    throw new Error('runConstantRate needs a positive rate, duration and connection count');
  }
  const pool = new http.Agent({ keepAlive: true, maxSockets: options.connections, maxFreeSockets: options.connections, scheduling: 'fifo' });
  try {
    if (options.warmupSeconds !== undefined && options.warmupSeconds > 0) {
      const warmup = await drive(pool, options, options.warmupSeconds);
      if (warmup.overloaded) await drained(options);
    }
    const result = await drive(pool, options, options.durationSeconds);
    if (result.overloaded) await drained(options);
    return result;
  } finally {
    pool.destroy();
  }
}
