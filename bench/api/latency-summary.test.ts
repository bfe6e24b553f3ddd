import { describe, expect, it } from 'vitest';
import { percentile, summariseLatencies } from './latency-summary.ts';

describe('percentile', () => {
  it('takes the nearest rank: the smallest value with at least that share at or below it', () => {
    const values = Float64Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile(values, 100)).toBe(100);
  });

  it('gives the only value of a single sample for every percentile', () => {
    expect(percentile([7], 1)).toBe(7);
    expect(percentile([7], 99)).toBe(7);
  });

  it('is NaN when there is nothing to rank', () => {
    expect(percentile([], 50)).toBeNaN();
  });
});

describe('summariseLatencies', () => {
  it('ranks latencies given in any order and counts responses per second of the elapsed time', () => {
    const summary = summariseLatencies({
      targetPerSecond: 4,
      latenciesMs: Float64Array.from([9, 1, 5, 3]),
      responses: 4,
      elapsedMs: 2000,
      errors: 1,
      non2xx: 2,
      overloaded: false,
      sendLagP99Ms: 0.5,
    });
    expect(summary).toEqual({ targetPerSecond: 4, achievedPerSecond: 2, responses: 4, errors: 1, non2xx: 2, p50Ms: 3, p99Ms: 9, maxMs: 9, overloaded: false, sendLagP99Ms: 0.5 });
  });

  it('counts only responses in the achieved rate when requests still waiting are ranked too', () => {
    const summary = summariseLatencies({ targetPerSecond: 10, latenciesMs: Float64Array.from([1, 2, 800, 900]), responses: 2, elapsedMs: 1000, errors: 0, non2xx: 0, overloaded: true, sendLagP99Ms: null });
    expect(summary).toMatchObject({ achievedPerSecond: 2, responses: 2, p99Ms: 900, overloaded: true });
  });
});
