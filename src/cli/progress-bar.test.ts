import { describe, expect, it } from 'vitest';
import { createProgressBar, createSteppedProgress, formatBytes, type ProgressStream } from './progress-bar.ts';

function fakeTerminal(isTTY = true): ProgressStream & { writes: string[] } {
  const writes: string[] = [];
  return { isTTY, columns: 100, writes, write: (chunk: string) => writes.push(chunk) };
}

function fakeClock(): { now: () => number; advance: (ms: number) => void } {
  let t = 0;
  return { now: () => t, advance: (ms) => (t += ms) };
}

describe('createProgressBar', () => {
  it('shows the percentage, the count, the rate and the time left', () => {
    const stream = fakeTerminal();
    const clock = fakeClock();
    const bar = createProgressBar({ stream, label: 'import', total: 1000, unit: 'rows', now: clock.now });
    clock.advance(2000);
    bar.update(250);
    expect(stream.writes.at(-1)).toContain(' 25%  250 rows/1,000 rows  125/s  ETA 6s');
    expect(stream.writes.at(-1)).toMatch(/^\rimport \[#+-+\]/);
  });

  it('redraws at most once per interval however often it is updated', () => {
    const stream = fakeTerminal();
    const clock = fakeClock();
    const bar = createProgressBar({ stream, label: 'x', total: 10_000, now: clock.now });
    for (let i = 1; i <= 1000; i += 1) {
      clock.advance(1);
      bar.update(i);
    }
    // One second of updates every millisecond: ten redraws.
    expect(stream.writes).toHaveLength(10);
  });

  it('draws nothing when the stream is not a terminal', () => {
    const stream = fakeTerminal(false);
    const clock = fakeClock();
    const bar = createProgressBar({ stream, label: 'x', total: 10, now: clock.now });
    clock.advance(500);
    bar.update(5);
    bar.finish();
    expect(stream.writes).toEqual([]);
  });

  it('draws nothing for work that ends before it is due to show', () => {
    const stream = fakeTerminal();
    const clock = fakeClock();
    const bar = createProgressBar({ stream, label: 'x', total: 10, showAfterMs: 500, now: clock.now });
    clock.advance(200);
    bar.update(10);
    bar.finish();
    expect(stream.writes).toEqual([]);
  });

  it('draws the final state and ends its line when finished', () => {
    const stream = fakeTerminal();
    const clock = fakeClock();
    const bar = createProgressBar({ stream, label: 'x', total: 4, now: clock.now });
    clock.advance(1000);
    bar.update(1);
    bar.update(4);
    bar.finish();
    expect(stream.writes.slice(-2)).toEqual([expect.stringContaining('100%') as string, '\n']);
  });

  it('shows the count and rate alone when the total is unknown', () => {
    const stream = fakeTerminal();
    const clock = fakeClock();
    const bar = createProgressBar({ stream, label: 'demo', total: 0, unit: 'rows', now: clock.now });
    clock.advance(1000);
    bar.update(300);
    expect(stream.writes.at(-1)).toBe('\rdemo  300 rows  300/s\u001b[K');
  });
});

describe('formatBytes', () => {
  it('uses the largest unit that keeps the number above one', () => {
    expect([formatBytes(512), formatBytes(2048), formatBytes(5 * 1024 * 1024)]).toEqual(['512 B', '2.0 KB', '5.0 MB']);
  });
});

describe('createSteppedProgress', () => {
  it('finishes one step before starting the next', () => {
    const events: string[] = [];
    const stepped = createSteppedProgress((step) => ({
      update: (done) => events.push(`${step}:${done}`),
      finish: () => events.push(`${step}:end`),
    }));
    stepped.update('people', 1, 2);
    stepped.update('people', 2, 2);
    stepped.update('accounts', 1, 5);
    stepped.finish();
    expect(events).toEqual(['people:1', 'people:2', 'people:end', 'accounts:1', 'accounts:end']);
  });
});
