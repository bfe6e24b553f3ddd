import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { complianceByRep, complianceByTeam, complianceScoreBps, complianceTrend, type ComplianceInput } from './compliance.ts';
import { WARNING_KINDS, type WarningKind } from './inspection-rules.ts';
import { d } from './testing/inspection-fixtures.ts';
import { errorCodeOf } from '../testing/error-code-of.ts';

const inspected = (id: string, ownerId: string, amountMinor: number | null, kinds: readonly WarningKind[] = []): ComplianceInput => ({
  deal: { id, ownerId, amountMinor },
  warnings: kinds.map((kind) => ({ kind })),
});

const NO_WARNINGS = { close_date_past: 0, no_next_step: 0, stalled: 0, pushed: 0, amount_changed: 0, no_activity: 0 };

/**
 * Ann: a1 600.00 clean, a2 300.00 (no next step, pushed), a3 no amount clean, a4 100.00 (close date past).
 * Open 1,000.00, clean 600.00 → 6000 bps. Cat: c1 3,000.00 stalled → 0 bps.
 */
const DEALS: readonly ComplianceInput[] = [
  inspected('c1', 'per_cat', 300_000, ['stalled']),
  inspected('a1', 'per_ann', 60_000),
  inspected('a2', 'per_ann', 30_000, ['no_next_step', 'pushed']),
  inspected('a3', 'per_ann', null),
  inspected('a4', 'per_ann', 10_000, ['close_date_past']),
];

describe('complianceByRep', () => {
  it('scores each rep by the share of open amount on deals without warnings', () => {
    expect(complianceByRep(DEALS)).toEqual([
      {
        ownerId: 'per_ann',
        openCount: 4,
        openAmountMinor: 100_000,
        cleanCount: 2,
        cleanAmountMinor: 60_000,
        scoreBps: 6_000,
        warningCounts: { ...NO_WARNINGS, close_date_past: 1, no_next_step: 1, pushed: 1 },
      },
      {
        ownerId: 'per_cat',
        openCount: 1,
        openAmountMinor: 300_000,
        cleanCount: 0,
        cleanAmountMinor: 0,
        scoreBps: 0,
        warningCounts: { ...NO_WARNINGS, stalled: 1 },
      },
    ]);
  });

  it('rounds an exact half basis point up', () => {
    // 1 / 20,000 = 0.5 bps → 1.
    expect(complianceByRep([inspected('x1', 'per_bob', 19_999, ['pushed']), inspected('x2', 'per_bob', 1)])[0]?.scoreBps).toBe(1);
  });

  it('rounds just under half a basis point down', () => {
    // 1 / 20,001 = 0.49998 bps → 0.
    expect(complianceByRep([inspected('x1', 'per_bob', 20_000, ['pushed']), inspected('x2', 'per_bob', 1)])[0]?.scoreBps).toBe(0);
  });

  it('rounds two thirds to the nearest basis point', () => {
    // 200.00 / 300.00 = 6666.67 bps → 6667.
    const deals = [inspected('x1', 'per_bob', 10_000), inspected('x2', 'per_bob', 10_000), inspected('x3', 'per_bob', 10_000, ['stalled'])];
    expect(complianceByRep(deals)[0]?.scoreBps).toBe(6_667);
  });

  it('scores by count when the rep has no open amount', () => {
    // No amounts: 1 clean deal of 3 = 3333.33 bps → 3333.
    const deals = [inspected('x1', 'per_bob', null), inspected('x2', 'per_bob', 0, ['pushed']), inspected('x3', 'per_bob', null, ['stalled'])];
    expect(complianceByRep(deals)[0]).toMatchObject({ openCount: 3, cleanCount: 1, openAmountMinor: 0, scoreBps: 3_333 });
  });

  it('gives a negative amount no weight', () => {
    // The -500.00 credit is clean but weighs nothing: clean 100.00 of 400.00 = 2500 bps.
    const deals = [inspected('x1', 'per_bob', 10_000), inspected('x2', 'per_bob', -50_000), inspected('x3', 'per_bob', 30_000, ['pushed'])];
    expect(complianceByRep(deals)[0]).toMatchObject({ openAmountMinor: 40_000, cleanAmountMinor: 10_000, scoreBps: 2_500 });
  });

  it('has no reps without deals', () => {
    expect(complianceByRep([])).toEqual([]);
  });

  it('refuses a deal given twice', () => {
    expect(errorCodeOf(() => complianceByRep([inspected('x1', 'per_bob', 1), inspected('x1', 'per_bob', 1)]))).toBe('invalid_opportunity');
  });
});

describe('complianceScoreBps', () => {
  it('has no score without deals', () => {
    expect(complianceScoreBps({ openCount: 0, cleanCount: 0, openAmountMinor: 0, cleanAmountMinor: 0 })).toBeNull();
  });
});

describe('complianceByTeam', () => {
  const TEAMS: Readonly<Record<string, string>> = { per_ann: 'team_east', per_cat: 'team_east', per_dan: 'team_west' };
  const teamOf = (ownerId: string): string | null => TEAMS[ownerId] ?? null;

  it('scores a team from the summed amounts, not from the average of its reps scores', () => {
    // East: Ann 600.00 clean of 1,000.00 (6000 bps), Cat 0 of 3,000.00 (0 bps): 600.00 / 4,000.00 = 1500 bps, not 3000.
    const [east] = complianceByTeam(complianceByRep(DEALS), teamOf);
    expect(east).toEqual({
      teamId: 'team_east',
      repCount: 2,
      openCount: 5,
      openAmountMinor: 400_000,
      cleanCount: 2,
      cleanAmountMinor: 60_000,
      scoreBps: 1_500,
      warningCounts: { ...NO_WARNINGS, close_date_past: 1, no_next_step: 1, pushed: 1, stalled: 1 },
    });
  });

  it('gathers the reps without a team last, under no team', () => {
    const deals = [...DEALS, inspected('b1', 'per_bob', 5_000), inspected('d1', 'per_dan', 7_000, ['pushed'])];
    expect(complianceByTeam(complianceByRep(deals), teamOf).map((t) => [t.teamId, t.repCount, t.scoreBps])).toEqual([
      ['team_east', 2, 1_500],
      ['team_west', 1, 0],
      [null, 1, 10_000],
    ]);
  });

  it('scores a team without amounts by its summed counts', () => {
    // Ann 1 clean of 1, Cat 0 clean of 3: 1 / 4 = 2500 bps (the average of the reps' scores would be 5000).
    const deals = [
      inspected('a1', 'per_ann', null),
      inspected('c1', 'per_cat', null, ['pushed']),
      inspected('c2', 'per_cat', null, ['pushed']),
      inspected('c3', 'per_cat', 0, ['stalled']),
    ];
    expect(complianceByTeam(complianceByRep(deals), teamOf)[0]?.scoreBps).toBe(2_500);
  });
});

describe('complianceTrend', () => {
  it('gives each rep a score per inspection date, oldest first, null where the rep had no deals', () => {
    const points = [
      { asOf: d('2026-11-27'), deals: DEALS },
      { asOf: d('2026-11-20'), deals: [inspected('a1', 'per_ann', 60_000), inspected('b1', 'per_bob', 1_000, ['pushed'])] },
    ];
    expect(complianceTrend(points)).toEqual([
      { ownerId: 'per_ann', points: [{ asOf: '2026-11-20', scoreBps: 10_000 }, { asOf: '2026-11-27', scoreBps: 6_000 }] },
      { ownerId: 'per_bob', points: [{ asOf: '2026-11-20', scoreBps: 0 }, { asOf: '2026-11-27', scoreBps: null }] },
      { ownerId: 'per_cat', points: [{ asOf: '2026-11-20', scoreBps: null }, { asOf: '2026-11-27', scoreBps: 0 }] },
    ]);
  });

  it('refuses two inspections of the same date', () => {
    expect(errorCodeOf(() => complianceTrend([{ asOf: d('2026-11-27'), deals: [] }, { asOf: d('2026-11-27'), deals: [] }]))).toBe('invalid_date');
  });
});

/** Deals of three reps with amounts (some missing, zero or negative) and any warnings. */
const dealsArbitrary: fc.Arbitrary<ComplianceInput[]> = fc
  .array(
    fc.record({
      ownerId: fc.constantFrom('per_ann', 'per_bob', 'per_cat'),
      amountMinor: fc.option(fc.integer({ min: -1_000_000, max: 1_000_000_000_000 }), { freq: 4 }),
      kinds: fc.subarray(WARNING_KINDS.map((k) => k.id)),
    }),
    { maxLength: 40 },
  )
  .map((list) => list.map((r, i) => inspected(`opp_${i}`, r.ownerId, r.amountMinor, r.kinds)));

describe('compliance properties', () => {
  it('always scores within 0..10000 bps with the clean amount never above the open amount', () => {
    fc.assert(
      fc.property(dealsArbitrary, (deals) => {
        const reps = complianceByRep(deals);
        for (const figures of [...reps, ...complianceByTeam(reps, (ownerId) => (ownerId === 'per_cat' ? null : 'team_one'))]) {
          expect(figures.scoreBps).not.toBeNull();
          expect(figures.scoreBps).toBeGreaterThanOrEqual(0);
          expect(figures.scoreBps).toBeLessThanOrEqual(10_000);
          expect(figures.cleanAmountMinor).toBeLessThanOrEqual(figures.openAmountMinor);
          expect(figures.cleanCount).toBeLessThanOrEqual(figures.openCount);
        }
      }),
    );
  });

  it('scores a team exactly as its deals scored together under one rep', () => {
    fc.assert(
      fc.property(dealsArbitrary, (deals) => {
        fc.pre(deals.length > 0);
        const [team] = complianceByTeam(complianceByRep(deals), () => 'team_one');
        const [together] = complianceByRep(deals.map((i) => ({ ...i, deal: { ...i.deal, ownerId: 'per_all' } })));
        const { ownerId: _ownerId, ...figures } = together!;
        expect(team).toMatchObject(figures);
      }),
    );
  });
});
