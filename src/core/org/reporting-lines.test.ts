import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { addDays, parsePlainDate, type PlainDate } from '../shared/plain-date.ts';
import {
  changeManager,
  directReportsOn,
  managerOn,
  reportingChainOn,
  subtreeOn,
  validateReportingLines,
  type ReportingLine,
} from './reporting-lines.ts';
import { errorCodeOf } from '../testing/error-code-of.ts';

const d = (value: string): PlainDate => parsePlainDate(value);
const line = (personId: string, managerId: string, validFrom: string, validTo: string | null = null): ReportingLine => ({
  personId,
  managerId,
  validFrom: d(validFrom),
  validTo: validTo === null ? null : d(validTo),
});

// top <- vp <- (mgr1 <- ann, bob), (mgr2 <- cat); ann moves from mgr1 to mgr2 on 2025-04-01.
const ORG: readonly ReportingLine[] = [
  line('vp', 'top', '2024-01-01'),
  line('mgr1', 'vp', '2024-01-01'),
  line('mgr2', 'vp', '2024-06-01'),
  line('ann', 'mgr1', '2024-01-01', '2025-04-01'),
  line('ann', 'mgr2', '2025-04-01'),
  line('bob', 'mgr1', '2024-01-01'),
  line('cat', 'mgr2', '2024-06-01', '2025-01-01'),
];

describe('managerOn', () => {
  it.each([
    ['ann', '2025-03-31', 'mgr1'],
    ['ann', '2025-04-01', 'mgr2'],
    ['cat', '2024-12-31', 'mgr2'],
    ['cat', '2025-01-01', null],
    ['mgr2', '2024-05-31', null],
    ['top', '2025-01-01', null],
    ['nobody', '2025-01-01', null],
  ])('gives %s on %s the manager %s (validFrom inclusive, validTo exclusive)', (personId, date, manager) => {
    expect(managerOn(ORG, personId, d(date))).toBe(manager);
  });
});

describe('directReportsOn', () => {
  it('lists the people reporting to a manager that day, sorted', () => {
    expect(directReportsOn(ORG, 'mgr1', d('2025-03-31'))).toEqual(['ann', 'bob']);
    expect(directReportsOn(ORG, 'mgr1', d('2025-04-01'))).toEqual(['bob']);
    expect(directReportsOn(ORG, 'mgr2', d('2025-04-01'))).toEqual(['ann']);
    expect(directReportsOn(ORG, 'ann', d('2025-04-01'))).toEqual([]);
  });
});

describe('subtreeOn', () => {
  it('lists everyone below a manager at any depth, sorted, without the manager', () => {
    expect(subtreeOn(ORG, 'top', d('2024-07-01'))).toEqual(['ann', 'bob', 'cat', 'mgr1', 'mgr2', 'vp']);
    expect(subtreeOn(ORG, 'vp', d('2024-03-01'))).toEqual(['ann', 'bob', 'mgr1']);
    expect(subtreeOn(ORG, 'mgr2', d('2025-06-01'))).toEqual(['ann']);
    expect(subtreeOn(ORG, 'bob', d('2025-06-01'))).toEqual([]);
  });
});

describe('reportingChainOn', () => {
  it('climbs from the manager to the top', () => {
    expect(reportingChainOn(ORG, 'ann', d('2025-03-31'))).toEqual(['mgr1', 'vp', 'top']);
    expect(reportingChainOn(ORG, 'ann', d('2025-04-01'))).toEqual(['mgr2', 'vp', 'top']);
    expect(reportingChainOn(ORG, 'top', d('2025-04-01'))).toEqual([]);
  });

  it('refuses to climb a cycle rather than loop', () => {
    const cyclic = [line('a', 'b', '2025-01-01'), line('b', 'a', '2025-01-01')];
    expect(errorCodeOf(() => reportingChainOn(cyclic, 'a', d('2025-01-01')))).toBe('invalid_reporting_line');
    expect(errorCodeOf(() => subtreeOn(cyclic, 'a', d('2025-01-01')))).toBe('invalid_reporting_line');
  });
});

describe('changeManager', () => {
  it('closes the open line at the change date and opens a new one', () => {
    const next = changeManager(ORG, 'bob', 'mgr2', d('2025-07-01'));
    expect(next).toContainEqual(line('bob', 'mgr1', '2024-01-01', '2025-07-01'));
    expect(next).toContainEqual(line('bob', 'mgr2', '2025-07-01'));
    expect(next).toHaveLength(ORG.length + 1);
    expect(managerOn(next, 'bob', d('2025-06-30'))).toBe('mgr1');
    expect(managerOn(next, 'bob', d('2025-07-01'))).toBe('mgr2');
  });

  it('leaves the input list untouched', () => {
    const before = JSON.stringify(ORG);
    changeManager(ORG, 'bob', 'mgr2', d('2025-07-01'));
    expect(JSON.stringify(ORG)).toBe(before);
  });

  it('replaces a line changed on its own start date instead of leaving an empty one', () => {
    const next = changeManager(ORG, 'ann', 'vp', d('2025-04-01'));
    expect(next.filter((l) => l.personId === 'ann')).toEqual([line('ann', 'mgr1', '2024-01-01', '2025-04-01'), line('ann', 'vp', '2025-04-01')]);
  });

  it('undoes a change on its own start date by reopening the previous line', () => {
    const next = changeManager(ORG, 'ann', 'mgr1', d('2025-04-01'));
    expect(next.filter((l) => l.personId === 'ann')).toEqual([line('ann', 'mgr1', '2024-01-01')]);
  });

  it('closes the line without a new one when the new manager is nobody', () => {
    const next = changeManager(ORG, 'vp', null, d('2025-01-01'));
    expect(next).toContainEqual(line('vp', 'top', '2024-01-01', '2025-01-01'));
    expect(managerOn(next, 'vp', d('2025-01-01'))).toBeNull();
  });

  it('opens a first line for someone with none', () => {
    const next = changeManager(ORG, 'dan', 'mgr1', d('2025-02-01'));
    expect(directReportsOn(next, 'mgr1', d('2025-02-01'))).toEqual(['ann', 'bob', 'dan']);
  });

  it('reopens a line for someone whose last line was closed', () => {
    const next = changeManager(ORG, 'cat', 'mgr1', d('2025-02-01'));
    expect(managerOn(next, 'cat', d('2025-01-15'))).toBeNull();
    expect(managerOn(next, 'cat', d('2025-02-01'))).toBe('mgr1');
  });

  it('returns the same lines when the manager does not change', () => {
    expect(changeManager(ORG, 'bob', 'mgr1', d('2025-07-01'))).toEqual(ORG);
  });

  it('refuses a change dated before the open line starts', () => {
    expect(errorCodeOf(() => changeManager(ORG, 'ann', 'vp', d('2025-03-01')))).toBe('invalid_reporting_line');
  });

  it('refuses a first line that overlaps a closed one', () => {
    expect(errorCodeOf(() => changeManager(ORG, 'cat', 'mgr1', d('2024-12-01')))).toBe('invalid_reporting_line');
  });

  it('refuses a change that would make a cycle', () => {
    expect(errorCodeOf(() => changeManager(ORG, 'vp', 'ann', d('2025-05-01')))).toBe('invalid_reporting_line');
    expect(errorCodeOf(() => changeManager(ORG, 'bob', 'bob', d('2025-05-01')))).toBe('invalid_reporting_line');
  });
});

describe('validateReportingLines', () => {
  it('accepts a consistent organisation', () => {
    expect(() => validateReportingLines(ORG)).not.toThrow();
    expect(() => validateReportingLines([])).not.toThrow();
  });

  it.each([
    ['a line ending before it starts', [line('a', 'b', '2025-02-01', '2025-01-01')]],
    ['a line ending the day it starts', [line('a', 'b', '2025-02-01', '2025-02-01')]],
    ['a person managing themselves', [line('a', 'a', '2025-01-01')]],
    ['a person without an id', [line('', 'a', '2025-01-01')]],
    ['a date that is not a date', [{ personId: 'a', managerId: 'b', validFrom: '2025-02-30' as PlainDate, validTo: null }]],
    ['two open lines of one person', [line('a', 'b', '2025-01-01'), line('a', 'c', '2025-03-01')]],
    ['two overlapping closed lines', [line('a', 'b', '2025-01-01', '2025-03-02'), line('a', 'c', '2025-03-01', '2025-06-01')]],
    ['a cycle from the first day', [line('a', 'b', '2025-01-01'), line('b', 'c', '2025-01-01'), line('c', 'a', '2025-01-01')]],
    [
      'a cycle only while two lines overlap in time',
      [line('a', 'b', '2025-01-01', '2025-03-01'), line('b', 'a', '2025-02-01', '2025-04-01')],
    ],
  ])('refuses %s', (_, lines) => {
    expect(errorCodeOf(() => validateReportingLines(lines))).toBe('invalid_reporting_line');
  });

  it('accepts two people managing each other in turn, never on the same day', () => {
    const swap = [line('a', 'b', '2025-01-01', '2025-03-01'), line('b', 'a', '2025-03-01')];
    expect(() => validateReportingLines(swap)).not.toThrow();
  });

  it('finds a cycle exactly when one exists on some day', () => {
    const people = ['a', 'b', 'c', 'd'];
    const base = d('2025-01-01');
    // Per person, consecutive lines over days 0..30 with random managers: no overlaps, maybe cycles.
    const personLines = (personId: string) =>
      fc
        .array(fc.record({ gap: fc.nat(3), length: fc.integer({ min: 1, max: 8 }), managerId: fc.constantFrom(...people.filter((p) => p !== personId)) }), { maxLength: 3 })
        .map((segments) => {
          let day = 0;
          return segments.map(({ gap, length, managerId }) => {
            day += gap;
            const validFrom = addDays(base, day);
            day += length;
            return { personId, managerId, validFrom, validTo: addDays(base, day) };
          });
        });
    fc.assert(
      fc.property(fc.tuple(...people.map(personLines)), (perPerson) => {
        const lines = perPerson.flat();
        let cyclic = false;
        for (let day = 0; day <= 40 && !cyclic; day += 1) {
          const date = addDays(base, day);
          for (const person of people) {
            const seen = new Set([person]);
            for (let m = managerOn(lines, person, date); m !== null; m = managerOn(lines, m, date)) {
              if (seen.has(m)) {
                cyclic = true;
                break;
              }
              seen.add(m);
            }
          }
        }
        expect(errorCodeOf(() => validateReportingLines(lines))).toBe(cyclic ? 'invalid_reporting_line' : undefined);
      }),
    );
  });
});

describe('properties of a random organisation', () => {
  // Person i only ever reports to someone with a lower index, so the organisation has no cycle.
  const SIZE = 12;
  const people = Array.from({ length: SIZE }, (_, i) => `p${String(i).padStart(2, '0')}`);
  const base = d('2025-01-01');
  const anyOrg = fc
    .array(fc.tuple(fc.integer({ min: 1, max: SIZE - 1 }), fc.nat(), fc.integer({ min: 0, max: 90 })), { maxLength: 40 })
    .map((changes) => {
      let lines: ReportingLine[] = people.slice(1).map((personId, i) => ({ personId, managerId: people[i]!, validFrom: base, validTo: null }));
      for (const [person, pick, day] of [...changes].sort((a, b) => a[2] - b[2])) {
        const managerId = people[pick % person]!;
        const open = lines.find((l) => l.personId === people[person] && l.validTo === null);
        if (open !== undefined && open.validFrom <= addDays(base, day)) lines = changeManager(lines, people[person]!, managerId, addDays(base, day));
      }
      return lines;
    });

  it('keeps the manager out of their own subtree and puts them in every member\'s chain', () => {
    fc.assert(
      fc.property(anyOrg, fc.constantFrom(...people), fc.integer({ min: 0, max: 100 }), (lines, manager, day) => {
        const date = addDays(base, day);
        const subtree = subtreeOn(lines, manager, date);
        expect(subtree).not.toContain(manager);
        for (const member of subtree) expect(reportingChainOn(lines, member, date)).toContain(manager);
        for (const report of directReportsOn(lines, manager, date)) expect(subtree).toContain(report);
      }),
    );
  });

  it('puts everyone whose chain contains the manager in the manager\'s subtree', () => {
    fc.assert(
      fc.property(anyOrg, fc.constantFrom(...people), fc.integer({ min: 0, max: 100 }), (lines, manager, day) => {
        const date = addDays(base, day);
        const below = people.filter((p) => reportingChainOn(lines, p, date).includes(manager));
        expect(subtreeOn(lines, manager, date)).toEqual(below);
      }),
    );
  });
});
