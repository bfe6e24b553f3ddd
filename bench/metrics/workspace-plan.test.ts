import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toEpochDay, type PlainDate } from '../../src/core/shared/plain-date.ts';
import { SeededRandom } from '../../src/services/demo/seeded-random.ts';
import { benchId, dailyCreationCounts, planAccounts, planPeople, SEGMENTS } from './workspace-plan.ts';

describe('benchId', () => {
  it('has the store id shape: the prefix and 26 base32 characters', () => {
    expect(benchId('opp', 1)).toMatch(/^opp_[0-9A-HJKMNP-TV-Z]{26}$/);
  });

  it('sorts as text in the order of its sequence numbers', () => {
    fc.assert(
      fc.property(fc.nat({ max: 2 ** 40 }), fc.nat({ max: 2 ** 40 }), (a, b) => {
        fc.pre(a !== b);
        expect(benchId('ofh', a) < benchId('ofh', b)).toBe(a < b);
      }),
    );
  });
});

describe('planPeople', () => {
  const people = planPeople();
  const byId = new Map(people.map((p) => [p.id, p]));
  const depthOf = (id: string): number => {
    const manager = byId.get(id)?.managerId ?? null;
    return manager === null ? 1 : 1 + depthOf(manager);
  };

  it('is a tree of 300 people under one head of sales', () => {
    expect(people).toHaveLength(300);
    expect(people.filter((p) => p.managerId === null).map((p) => p.level)).toEqual(['executive']);
    for (const person of people) if (person.managerId !== null) expect(byId.has(person.managerId)).toBe(true);
  });

  it('puts every rep four levels down, under a front-line manager', () => {
    for (const rep of people.filter((p) => p.level === 'rep')) {
      expect(depthOf(rep.id)).toBe(4);
      expect(byId.get(rep.managerId ?? '')?.level).toBe('manager');
    }
  });
});

describe('planAccounts', () => {
  const reps = planPeople().filter((p) => p.level === 'rep');

  it('gives each account a unique name, a US state, a segment and one of the reps', () => {
    const accounts = planAccounts(new SeededRandom(3), 2_000, reps);
    expect(new Set(accounts.map((a) => a.name)).size).toBe(accounts.length);
    const repIds = new Set(reps.map((r) => r.id));
    for (const account of accounts) {
      expect(account.state).toMatch(/^[A-Z]{2}$/);
      expect(SEGMENTS).toContain(account.segment);
      expect(repIds.has(account.ownerId)).toBe(true);
    }
  });

  it('draws mostly SMB accounts and fewest Enterprise ones', () => {
    const accounts = planAccounts(new SeededRandom(4), 5_000, reps);
    const count = (segment: string) => accounts.filter((a) => a.segment === segment).length;
    expect(count('SMB')).toBeGreaterThan(count('Mid-Market'));
    expect(count('Mid-Market')).toBeGreaterThan(count('Enterprise'));
  });
});

describe('dailyCreationCounts', () => {
  const first = '2023-01-01' as PlainDate;
  const last = '2026-11-20' as PlainDate;

  it('covers every day from the first to the last and sums to the total exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3_000_000 }), (total) => {
        const counts = dailyCreationCounts(first, last, total);
        expect(counts).toHaveLength(toEpochDay(last) - toEpochDay(first) + 1);
        expect(counts[0]?.day).toBe(toEpochDay(first));
        expect(counts.reduce((sum, c) => sum + c.count, 0)).toBe(total);
        expect(counts.every((c) => c.count >= 0)).toBe(true);
      }),
    );
  });

  it('creates more deals in the last month than in the first: the company grows', () => {
    const counts = dailyCreationCounts(first, last, 1_000_000);
    const sum = (slice: typeof counts) => slice.reduce((s, c) => s + c.count, 0);
    expect(sum(counts.slice(-30))).toBeGreaterThan(1.5 * sum(counts.slice(0, 30)));
  });
});
