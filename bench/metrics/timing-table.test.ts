import { describe, expect, it } from 'vitest';
import type { RepeatTiming } from './repeat-timing.ts';
import { dashboardGoalLine, formatTimingTable, ratioToPeer } from './timing-table.ts';

const timing = (p50Ms: number, p95Ms: number): RepeatTiming => ({ runs: 20, p50Ms, p95Ms, maxMs: p95Ms });

describe('ratioToPeer', () => {
  it('divides our time by the peer’s', () => {
    expect(ratioToPeer(300, 20)).toBe(15);
  });

  it('is NaN without a peer or with a peer time of zero', () => {
    expect(ratioToPeer(300, undefined)).toBeNaN();
    expect(ratioToPeer(300, 0)).toBeNaN();
  });
});

describe('formatTimingTable', () => {
  it('prints a header and one line per cell with both engines’ p50 and p95 and the ratios', () => {
    const lines = formatTimingTable([{ engine: 'SQLite', query: 'bookings by owner', ours: timing(120, 180), peer: timing(8, 12) }]);
    expect(lines).toHaveLength(2);
    expect(lines[0]?.split(/\s{3,}/)).toEqual(['engine', 'query', 'p50 ms', 'p95 ms', 'DuckDB p50', 'DuckDB p95', 'x DuckDB p50', 'x DuckDB p95']);
    expect(lines[1]?.split(/\s{3,}/)).toEqual(['SQLite', 'bookings by owner', '120.0', '180.0', '8.00', '12.0', '15.0', '15.0']);
  });

  it('prints dashes where the peer was not measured', () => {
    const [, line] = formatTimingTable([{ engine: 'PostgreSQL', query: 'x', ours: timing(1, 2), peer: undefined }]);
    expect(line?.split(/\s{3,}/).slice(4)).toEqual(['-', '-', '-', '-']);
  });
});

describe('dashboardGoalLine', () => {
  it('says met when the page p95 is under 300 ms', () => {
    expect(dashboardGoalLine('SQLite', timing(150, 299), timing(20, 30))).toMatch(/SQLite: 299\.0 ms .* against 300 ms: met; 10\.0x DuckDB's 30\.0 ms$/);
  });

  it('says not met at 300 ms or more', () => {
    expect(dashboardGoalLine('PostgreSQL', timing(250, 300), undefined)).toMatch(/against 300 ms: not met$/);
  });
});
