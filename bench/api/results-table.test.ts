import { describe, expect, it } from 'vitest';
import type { LoadResult } from './latency-summary.ts';
import { formatResultsTable, goalVerdict, p99Ratio, type BenchCell } from './results-table.ts';

function result(overrides: Partial<LoadResult> = {}): LoadResult {
  return { targetPerSecond: 500, achievedPerSecond: 500, responses: 5000, errors: 0, non2xx: 0, p50Ms: 2, p99Ms: 12, maxMs: 30, overloaded: false, sendLagP99Ms: 1, ...overrides };
}

function cell(overrides: Partial<LoadResult> = {}, endpoint = 'list (50)', engine = 'SQLite'): BenchCell {
  return { engine, endpoint, result: result(overrides), peer: result({ p99Ms: 3, ...(overrides.targetPerSecond === undefined ? {} : { targetPerSecond: overrides.targetPerSecond }) }) };
}

describe('p99Ratio', () => {
  it('divides the p99 by the peer’s p99 at the same rate', () => {
    expect(p99Ratio(cell({ p99Ms: 12 }))).toBe(4);
  });

  it('is NaN without a peer', () => {
    expect(p99Ratio({ ...cell(), peer: undefined })).toBeNaN();
  });
});

describe('formatResultsTable', () => {
  it('prints a header and one line per cell with the rate, latencies, errors, peer p99 and ratio', () => {
    const lines = formatResultsTable([cell({ errors: 1, non2xx: 2 })]);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^engine\s+endpoint\s+rate\s+achieved\s+p50 ms\s+p99 ms\s+errors\/non-2xx\s+peer p99 ms\s+ratio$/);
    expect(lines[1]?.split(/\s{3,}/)).toEqual(['SQLite', 'list (50)', '500', '500', '2.00', '12.0', '1/2', '3.00', '4.0']);
  });
});

describe('formatResultsTable with a run stopped early', () => {
  it('marks its latencies and ratio as lower bounds', () => {
    const [, line] = formatResultsTable([cell({ overloaded: true, achievedPerSecond: 230, p50Ms: 900, p99Ms: 1500 })]);
    expect(line?.split(/\s{3,}/)).toEqual(['SQLite', 'list (50)', '500', '230', '>900.0', '>1500.0', '0/0', '3.00', '>500.0']);
  });
});

describe('goalVerdict', () => {
  it('is met when every endpoint at 500 req/s reached it with p99 under 100 ms and no errors', () => {
    const cells = [cell({ p99Ms: 99 }), cell({ p99Ms: 40 }, 'one opportunity'), cell({ targetPerSecond: 1000, p99Ms: 900 })];
    expect(goalVerdict(cells, 'SQLite')).toEqual({ met: true, misses: [] });
  });

  it('is not met when one endpoint’s p99 is 100 ms or more', () => {
    const verdict = goalVerdict([cell(), cell({ p99Ms: 100 }, 'one opportunity')], 'SQLite');
    expect(verdict?.met).toBe(false);
    expect(verdict?.misses).toEqual(['one opportunity: p99 100.0 ms']);
  });

  it('is not met when any answer was an error or not 2xx', () => {
    expect(goalVerdict([cell({ non2xx: 1 })], 'SQLite')?.met).toBe(false);
    expect(goalVerdict([cell({ errors: 1 })], 'SQLite')?.met).toBe(false);
  });

  it('is not met when the rate was not reached, however fast the answers that came', () => {
    expect(goalVerdict([cell({ achievedPerSecond: 400, p99Ms: 5 })], 'SQLite')?.misses).toEqual(['list (50): reached only 400 req/s']);
  });

  it('is not met when the server fell behind and the run was stopped', () => {
    expect(goalVerdict([cell({ overloaded: true, achievedPerSecond: 230, p99Ms: 2000 })], 'SQLite')?.misses).toEqual([
      'list (50): fell behind and was stopped',
      'list (50): p99 over 2000.0 ms',
    ]);
  });

  it('is null for an engine with nothing measured at 500 req/s', () => {
    expect(goalVerdict([cell({}, 'list (50)', 'PostgreSQL')], 'SQLite')).toBeNull();
  });
});
