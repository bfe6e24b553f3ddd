import { describe, expect, it } from 'vitest';
import { compareFigures } from './compare-figures.ts';

describe('compareFigures', () => {
  it('finds nothing to report when every figure is equal', () => {
    expect(compareFigures(new Map([['a', 1], ['b', null]]), new Map([['a', 1], ['b', null]]))).toEqual([]);
  });

  it('reports a figure whose values differ, with both values', () => {
    expect(compareFigures(new Map([['bookings', 100]]), new Map([['bookings', 101]]))).toEqual([{ name: 'bookings', ours: 100, peer: 101 }]);
  });

  it('takes a slice only one side lists as agreeing when that side says 0 or null', () => {
    expect(compareFigures(new Map([['SMB', 0], ['MM', null]]), new Map())).toEqual([]);
  });

  it('reports a slice only one side lists when it holds an amount', () => {
    expect(compareFigures(new Map(), new Map([['Enterprise', 5]]))).toEqual([{ name: 'Enterprise', ours: undefined, peer: 5 }]);
  });

  it('tells a null ratio from a zero one when both sides list it', () => {
    expect(compareFigures(new Map([['rate', null]]), new Map([['rate', 0]]))).toHaveLength(1);
  });
});
