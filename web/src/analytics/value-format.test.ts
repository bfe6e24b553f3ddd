import { describe, expect, it } from 'vitest';
import { changeTone, formatBps, formatChange, plotValue } from './value-format.ts';

describe('formatChange', () => {
  it('writes a money change from minor units with its sign', () => {
    expect(formatChange(123456, 'money', 'USD')).toBe(`+${new Intl.NumberFormat(undefined, { style: 'currency', currency: 'USD' }).format(1234.56)}`);
  });

  it('writes a ratio change in percentage points', () => {
    expect(formatChange(0.025, 'ratio', 'USD')).toBe(`+${new Intl.NumberFormat(undefined, { minimumFractionDigits: 1 }).format(2.5)} pts`);
  });

  it('writes a change in days without a plus when it is a fall', () => {
    expect(formatChange(-3, 'days', 'USD')).toBe('-3 days');
  });

  it('writes a dash when either period has no value', () => {
    expect(formatChange(null, 'money', 'USD')).toBe('—');
  });
});

describe('changeTone', () => {
  it('calls a rise good news when higher is better', () => {
    expect(changeTone(5, 'higher_is_better')).toBe('better');
  });

  it('calls a rise bad news when lower is better', () => {
    expect(changeTone(5, 'lower_is_better')).toBe('worse');
  });

  it('calls a fall good news when lower is better', () => {
    expect(changeTone(-2, 'lower_is_better')).toBe('better');
  });

  it('takes no side on a neutral metric', () => {
    expect(changeTone(-2, 'neutral')).toBe('neutral');
  });
});

describe('plotValue', () => {
  it('plots money in major units of the currency', () => {
    expect(plotValue(123456, 'money', 'JPY')).toBe(123456);
  });

  it('plots a ratio in percent and leaves an undefined figure as a gap', () => {
    expect([plotValue(0.25, 'ratio', 'USD'), plotValue(null, 'ratio', 'USD')]).toEqual([25, null]);
  });
});

describe('formatBps', () => {
  it('writes basis points as a percentage', () => {
    expect(formatBps(9250)).toBe(new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 }).format(0.925));
  });
});
