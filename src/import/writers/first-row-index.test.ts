import { describe, expect, it } from 'vitest';
import { FirstRowIndex } from './first-row-index.ts';

/** The same answers from a plain Map, the obvious way to keep first rows. */
function expected(ids: readonly string[]): (number | undefined)[] {
  const first = new Map<string, number>();
  return ids.map((id, row) => {
    const seen = first.get(id);
    if (seen === undefined) first.set(id, row);
    return seen;
  });
}

function answers(ids: readonly string[]): (number | undefined)[] {
  const index = new FirstRowIndex();
  return ids.map((id, row) => index.firstOrAdd(id, row));
}

const padded = (n: number): string => `006${String(n).padStart(15, '0')}`;

describe('the first row of each id', () => {
  it('a rising id is new and a repeat of any earlier one names the row it was first on', () => {
    const ids = Array.from({ length: 5_000 }, (_, i) => padded(i));
    ids.push(padded(0), padded(1_023), padded(1_024), padded(2_500), padded(4_999), padded(4_998));
    expect(answers(ids)).toEqual(expected(ids));
  });

  it('ids out of order are told apart from earlier rising ones and from each other', () => {
    const ids: string[] = [];
    for (let i = 0; i < 3_000; i++) ids.push(padded((i * 7_919) % 2_500));
    ids.push('', '', 'a\nb', 'a', 'a\nb', 'é', 'é');
    expect(answers(ids)).toEqual(expected(ids));
  });

  it('ids of different lengths packed together still match only whole ids', () => {
    const ids = ['a', 'ab', 'abc', 'b', 'bc', 'c', 'ab', 'bca', 'bc', 'abc', 'a'];
    for (let i = 0; i < 2_100; i++) ids.push(`d${i.toString(36).padStart(3, '0')}`);
    ids.push('d000', 'd00', 'd0', 'bc', 'b');
    expect(answers(ids)).toEqual(expected(ids));
  });
});
