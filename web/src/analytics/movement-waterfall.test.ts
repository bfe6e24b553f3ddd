import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { waterfallSteps, type MovementAmounts } from './movement-waterfall.ts';

const AMOUNTS: MovementAmounts = { starting: 1000, created: 300, pulledIn: 50, restored: 20, pushedOut: 200, amountChanged: -30, won: 400, lost: 100, removed: 40, ending: 600 };

describe('waterfallSteps', () => {
  it('runs from starting through each bucket to ending, in the waterfall order', () => {
    expect(waterfallSteps(AMOUNTS).map((step) => step.id)).toEqual(['starting', 'created', 'pulledIn', 'restored', 'pushedOut', 'amountChanged', 'won', 'lost', 'removed', 'ending']);
  });

  it('draws outflows as falls and a negative amount change as a fall', () => {
    const kinds = Object.fromEntries(waterfallSteps(AMOUNTS).map((step) => [step.id, step.kind]));
    expect(kinds).toMatchObject({ created: 'increase', pushedOut: 'decrease', amountChanged: 'decrease', won: 'decrease', removed: 'decrease' });
  });

  it('ends the last bucket where the movement’s ending stands, for any movement that reconciles', () => {
    const amount = fc.integer({ min: 0, max: 1_000_000_000 });
    fc.assert(
      fc.property(amount, amount, amount, amount, amount, fc.integer({ min: -1_000_000, max: 1_000_000 }), amount, amount, amount, (starting, created, pulledIn, restored, pushedOut, amountChanged, won, lost, removed) => {
        const ending = starting + created + pulledIn + restored - pushedOut + amountChanged - won - lost - removed;
        const steps = waterfallSteps({ starting, created, pulledIn, restored, pushedOut, amountChanged, won, lost, removed, ending });
        expect(steps.at(-2)?.after).toBe(ending);
        expect(steps.at(-1)?.after).toBe(ending);
      }),
    );
  });

  it('drills each step down to its own bucket, the two totals to the pipeline at either end', () => {
    expect(waterfallSteps(AMOUNTS).every((step) => step.bucket === step.id)).toBe(true);
  });
});
