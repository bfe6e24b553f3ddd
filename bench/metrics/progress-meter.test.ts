import { describe, expect, it } from 'vitest';
import { createProgressMeter, rowsPerSecond } from './progress-meter.ts';

describe('rowsPerSecond', () => {
  it('divides rows by elapsed seconds, rounded', () => {
    expect(rowsPerSecond(1_000, 3_000)).toBe(333);
  });

  it('is 0 before any time has passed', () => {
    expect(rowsPerSecond(10, 0)).toBe(0);
  });
});

describe('createProgressMeter', () => {
  it('prints at most once per interval, with the rate since the start, unless forced', () => {
    let clock = 0;
    const lines: string[] = [];
    const meter = createProgressMeter('load', (line) => lines.push(line), { intervalMs: 1_000, now: () => clock });
    clock = 500;
    meter.update(100, 'a');
    clock = 2_000;
    meter.update(4_000, 'b');
    clock = 2_100;
    meter.update(4_200, 'c', true);
    expect(lines).toEqual(['load: b, 2,000 rows/s, 2 s', 'load: c, 2,000 rows/s, 2 s']);
    expect(meter.elapsedSeconds()).toBe(2.1);
  });
});
