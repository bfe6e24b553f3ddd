import { describe, expect, it } from 'vitest';
import { summariseTimes, timeRepeated } from './repeat-timing.ts';

describe('summariseTimes', () => {
  it('ranks the samples in any order: p50, p95 and the slowest', () => {
    const samples = Array.from({ length: 20 }, (_, i) => 20 - i);
    expect(summariseTimes(samples)).toEqual({ runs: 20, p50Ms: 10, p95Ms: 19, maxMs: 20 });
  });

  it('is NaN for every figure when nothing ran', () => {
    const timing = summariseTimes([]);
    expect(timing.runs).toBe(0);
    expect(timing.p50Ms).toBeNaN();
    expect(timing.maxMs).toBeNaN();
  });
});

describe('timeRepeated', () => {
  it('runs the warm-up unmeasured, then times each run from its call to its settlement', async () => {
    let clock = 0;
    let calls = 0;
    // Each call advances the clock by its own number: warm-ups take 1 and 2, timed runs 3, 4 and 5.
    const run = () => {
      calls += 1;
      clock += calls;
      return Promise.resolve();
    };
    const timing = await timeRepeated(run, { warmup: 2, runs: 3, now: () => clock });
    expect(calls).toBe(5);
    expect(timing).toEqual({ runs: 3, p50Ms: 4, p95Ms: 5, maxMs: 5 });
  });
});
