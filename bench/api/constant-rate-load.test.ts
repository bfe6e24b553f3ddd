import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { runConstantRate } from './constant-rate-load.ts';

type Handler = (index: number, request: http.IncomingMessage, response: http.ServerResponse) => void;

let server: http.Server | null = null;

/** A local server whose handler sees each request's arrival index; the arrival times are kept. */
async function serve(handler: Handler): Promise<{ url: string; arrivalsMs: number[] }> {
  const arrivalsMs: number[] = [];
  server = http.createServer((request, response) => {
    arrivalsMs.push(performance.now());
    handler(arrivalsMs.length - 1, request, response);
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, arrivalsMs };
}

const ok: Handler = (_index, _request, response) => response.end('{}');

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = null;
});

describe('runConstantRate', () => {
  it('sends rate × duration requests spread evenly over the duration, not in bursts', async () => {
    const { url, arrivalsMs } = await serve(ok);
    const result = await runConstantRate({ url, ratePerSecond: 100, durationSeconds: 1, connections: 20 });
    expect(result.responses).toBe(100);
    expect(arrivalsMs).toHaveLength(100);
    // Each quarter of the second gets about a quarter of the requests (25), where a once-a-second budget would send them all in the first.
    const first = arrivalsMs[0]!;
    const perQuarter = [0, 1, 2, 3].map((q) => arrivalsMs.filter((t) => t - first >= q * 250 && t - first < (q + 1) * 250).length);
    for (const count of perQuarter) expect(count).toBeGreaterThanOrEqual(15);
  });

  it('counts a server stall against every request that fell due during it (no coordinated omission)', async () => {
    // The first request is held 300 ms; with one connection the requests due meanwhile wait for it.
    const { url } = await serve((index, _request, response) => {
      if (index === 0) setTimeout(() => response.end('{}'), 300);
      else response.end('{}');
    });
    const result = await runConstantRate({ url, ratePerSecond: 100, durationSeconds: 1, connections: 1 });
    expect(result.responses).toBe(100);
    // Measured from when each was sent, only the held request would be slow and the p99 (the 2nd slowest of 100) short;
    // measured from when each fell due, the request due 10 ms after the first waited about 290 ms.
    expect(result.p99Ms).toBeGreaterThan(200);
    expect(result.p50Ms).toBeLessThan(result.p99Ms);
  });

  it('counts answers outside 2xx as non-2xx and still ranks their latencies', async () => {
    const { url } = await serve((index, _request, response) => {
      response.statusCode = index % 2 === 0 ? 200 : 503;
      response.end('{}');
    });
    const result = await runConstantRate({ url, ratePerSecond: 100, durationSeconds: 0.5, connections: 5 });
    expect(result).toMatchObject({ responses: 50, non2xx: 25, errors: 0 });
  });

  it('counts a request whose connection is dropped as an error, not a response', async () => {
    const { url } = await serve((index, request, response) => {
      if (index === 2) request.socket.destroy();
      else response.end('{}');
    });
    const result = await runConstantRate({ url, ratePerSecond: 100, durationSeconds: 0.5, connections: 5 });
    expect(result).toMatchObject({ responses: 49, errors: 1, non2xx: 0 });
  });

  it('counts a request unanswered within the timeout as an error', async () => {
    const { url } = await serve((index, _request, response) => {
      if (index !== 0) response.end('{}');
    });
    const result = await runConstantRate({ url, ratePerSecond: 20, durationSeconds: 0.5, connections: 5, timeoutMs: 200 });
    expect(result).toMatchObject({ responses: 9, errors: 1 });
  });

  it('stops early, marked overloaded, once the server falls the given number of seconds behind', async () => {
    // Two connections at 100 ms a response: 20 responses a second where 100 fall due.
    const { url } = await serve((_index, _request, response) => {
      setTimeout(() => response.end('{}'), 100);
    });
    const result = await runConstantRate({ url, ratePerSecond: 100, durationSeconds: 10, connections: 2, maxBacklogSeconds: 0.5 });
    expect(result.overloaded).toBe(true);
    expect(result.responses).toBeLessThan(100);
    expect(result.achievedPerSecond).toBeLessThan(30);
    expect(result.errors).toBe(0);
    // The requests dropped at the stop are ranked with the time they had waited, so the p99 shows the backlog.
    expect(result.p99Ms).toBeGreaterThan(300);
  });

  it('runs the whole schedule, not overloaded, when the server keeps up', async () => {
    const { url } = await serve(ok);
    expect((await runConstantRate({ url, ratePerSecond: 50, durationSeconds: 0.5, connections: 5 })).overloaded).toBe(false);
  });

  it('does not measure the warm-up', async () => {
    const { url, arrivalsMs } = await serve(ok);
    const result = await runConstantRate({ url, ratePerSecond: 100, durationSeconds: 0.3, warmupSeconds: 0.2, connections: 5 });
    expect(arrivalsMs).toHaveLength(50);
    expect(result.responses).toBe(30);
  });
});
