import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { DomainError } from '../shared/domain-error.ts';
import { parseCurrencyCode } from '../shared/currency.ts';
import { money } from '../shared/money.ts';
import { FORECAST_CATEGORIES, type ForecastCategory } from './forecast-category.ts';
import {
  creditSplitAmounts,
  effectiveForecastCategory,
  effectiveProbabilityBps,
  validateSplits,
  type SplitShare,
} from './opportunity-rules.ts';

const USD = parseCurrencyCode('USD');
const JPY = parseCurrencyCode('JPY');

const revenue = (personId: string, percentBps: number): SplitShare => ({ personId, splitType: 'revenue', percentBps });
const overlay = (personId: string, percentBps: number): SplitShare => ({ personId, splitType: 'overlay', percentBps });

function errorOf(run: () => unknown): DomainError | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  return undefined;
}

describe('validateSplits', () => {
  it.each([
    ['no splits', []],
    ['one revenue split of 100 %', [revenue('a', 10000)]],
    ['revenue splits of 60 % and 40 %', [revenue('a', 6000), revenue('b', 4000)]],
    ['a zero share beside a full one', [revenue('a', 10000), revenue('b', 0)]],
    ['overlays alone', [overlay('se', 10000), overlay('pm', 5000)]],
    ['overlays summing past 100 %', [revenue('a', 10000), overlay('se', 10000), overlay('pm', 10000)]],
    ['one person with a revenue and an overlay split', [revenue('a', 10000), overlay('a', 2500)]],
    ['an overlay of 1000 %', [overlay('se', 100000)]],
  ])('accepts %s', (_, splits) => {
    expect(() => validateSplits(splits)).not.toThrow();
  });

  it.each([
    ['revenue splits summing to 90 %', [revenue('a', 5000), revenue('b', 4000)], '9000 bps'],
    ['revenue splits summing to 110 %', [revenue('a', 6000), revenue('b', 5000)], '11000 bps'],
    ['revenue splits all zero', [revenue('a', 0)], '0 bps'],
    ['a revenue share above 100 %', [revenue('a', 10001)], '10001 bps'],
    ['a negative share', [revenue('a', 10000), overlay('b', -1)], '-1 bps'],
    ['an overlay above 1000 %', [overlay('se', 100001)], '100001 bps'],
    ['a fractional basis point', [revenue('a', 9999.5), revenue('b', 0.5)], '9999.5 bps'],
    ['one person twice as revenue', [revenue('a', 5000), revenue('a', 5000)], 'two revenue splits'],
    ['one person twice as overlay', [revenue('a', 10000), overlay('se', 100), overlay('se', 100)], 'two overlay splits'],
    ['a split without a person', [revenue('', 10000)], 'needs a person'],
  ])('refuses %s, naming it', (_, splits, fragment) => {
    const error = errorOf(() => validateSplits(splits));
    expect(error?.code).toBe('invalid_split');
    expect(error?.message).toContain(fragment);
  });
});

describe('effectiveForecastCategory', () => {
  it('uses the stage category without an override', () => {
    expect(effectiveForecastCategory({ forecastCategory: 'best_case' }, null)).toBe('best_case');
  });

  it.each([
    ['pipeline', 'commit', 'commit'],
    ['commit', 'best_case', 'best_case'],
    ['best_case', 'omitted', 'omitted'],
    ['commit', 'closed', 'commit'],
    ['closed', 'commit', 'closed'],
    ['closed', 'omitted', 'closed'],
  ] as const)('gives a %s stage overridden to %s the category %s', (stageCategory, override, expected) => {
    expect(effectiveForecastCategory({ forecastCategory: stageCategory }, override)).toBe(expected);
  });

  it('never makes an open deal Closed, and never lets a won deal leave Closed', () => {
    fc.assert(
      fc.property(fc.constantFrom(...FORECAST_CATEGORIES), fc.option(fc.constantFrom<ForecastCategory>(...FORECAST_CATEGORIES)), (stage, override) => {
        const effective = effectiveForecastCategory({ forecastCategory: stage }, override);
        expect(effective === 'closed').toBe(stage === 'closed');
      }),
    );
  });
});

describe('effectiveProbabilityBps', () => {
  it.each([
    [6000, null, 6000],
    [6000, 2500, 2500],
    [6000, 0, 0],
    [0, 10000, 10000],
  ])('gives a stage at %d bps with override %s the probability %d bps', (stageBps, override, expected) => {
    expect(effectiveProbabilityBps({ probabilityBps: stageBps }, override)).toBe(expected);
  });

  it.each([
    [6000, -1],
    [6000, 10001],
    [6000, 50.5],
    [12000, null],
  ])('refuses a stage at %d bps with override %s', (stageBps, override) => {
    expect(errorOf(() => effectiveProbabilityBps({ probabilityBps: stageBps }, override))?.code).toBe('invalid_opportunity');
  });
});

describe('creditSplitAmounts', () => {
  it('splits 100.00 three ways as 33.34, 33.33, 33.33 and adds overlays on top', () => {
    const credits = creditSplitAmounts(money(10000, USD), [revenue('a', 3334), overlay('se', 1250), revenue('b', 3333), revenue('c', 3333)]);
    expect(credits).toEqual([
      { personId: 'a', splitType: 'revenue', amount: money(3334, USD) },
      { personId: 'se', splitType: 'overlay', amount: money(1250, USD) },
      { personId: 'b', splitType: 'revenue', amount: money(3333, USD) },
      { personId: 'c', splitType: 'revenue', amount: money(3333, USD) },
    ]);
  });

  it('hands the odd cent of an even split to the first seller', () => {
    const credits = creditSplitAmounts(money(101, USD), [revenue('a', 5000), revenue('b', 5000)]);
    expect(credits.map((c) => c.amount.minor)).toEqual([51, 50]);
  });

  it('rounds each overlay half-up on its own', () => {
    const credits = creditSplitAmounts(money(5, JPY), [overlay('se', 5000), overlay('pm', 15000), overlay('x', 3333)]);
    expect(credits.map((c) => c.amount.minor)).toEqual([3, 8, 2]);
  });

  it('credits negative amounts (reversals) the same way, mirrored', () => {
    const credits = creditSplitAmounts(money(-101, USD), [revenue('a', 5000), revenue('b', 5000), overlay('se', 5000)]);
    expect(credits.map((c) => c.amount.minor)).toEqual([-51, -50, -51]);
  });

  it('refuses invalid splits', () => {
    expect(errorOf(() => creditSplitAmounts(money(100, USD), [revenue('a', 5000)]))?.code).toBe('invalid_split');
  });

  it('makes revenue credits sum exactly to the amount, whatever the shares', () => {
    const shares = fc
      .array(fc.nat({ max: 10000 }), { minLength: 1, maxLength: 8 })
      .map((weights) => {
        // Scale arbitrary weights to basis points summing to 10000, the last absorbing the rest.
        const total = weights.reduce((a, b) => a + b, 0) || 1;
        const bps = weights.map((w) => Math.floor((w * 10000) / total));
        bps[bps.length - 1] = 10000 - bps.slice(0, -1).reduce((a, b) => a + b, 0);
        return bps;
      });
    fc.assert(
      fc.property(fc.integer({ min: -1e13, max: 1e13 }), shares, (minor, bps) => {
        const credits = creditSplitAmounts(money(minor, USD), bps.map((b, i) => revenue(`p${i}`, b)));
        expect(credits.reduce((sum, c) => sum + c.amount.minor, 0)).toBe(minor);
      }),
    );
  });
});
