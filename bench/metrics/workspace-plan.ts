/**
 * The shape of the benchmark's workspace, drawn from a seed: the sales organisation (a 4-level
 * reporting tree), the accounts and how many opportunities were created on each day. Pure: the
 * same seed and scale give the same plan, whichever engine it is written to.
 */
import { toEpochDay, type PlainDate } from '../../src/core/shared/plain-date.ts';
import { DEMO_INDUSTRIES, composeUniqueCompanyName } from '../../src/services/demo/compose-company-name.ts';
import type { SeededRandom } from '../../src/services/demo/seeded-random.ts';
import { US_STATES } from '../../src/services/demo/us-states.ts';

/** Full size: 1,000,000 opportunities on 50,000 accounts, owned by 264 reps. */
export const FULL_SIZE = { opportunities: 1_000_000, accounts: 50_000 } as const;

/** The first and last creation days of the generated opportunities; the last is the data's "today". */
export const FIRST_CREATED: PlainDate = '2023-01-01' as PlainDate;
export const DATA_TODAY: PlainDate = '2026-11-20' as PlainDate;

export const SEGMENTS = ['SMB', 'Mid-Market', 'Enterprise'] as const;
export type Segment = (typeof SEGMENTS)[number];
const SEGMENT_WEIGHTS: readonly (readonly [Segment, number])[] = [['SMB', 60], ['Mid-Market', 30], ['Enterprise', 10]];

/** Ten industries, the demo company's most common ones. */
export const INDUSTRIES = DEMO_INDUSTRIES.slice(0, 10);

// Crockford base32, as the store's own ids use (src/store/new-id.ts).
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const ID_BODY_LENGTH = 26;

/**
 * A deterministic id of the store's shape and length (`opp_` and 26 base32 characters): the
 * sequence number, zero-padded, so ids sort in the order rows are written, as the store's
 * time-ordered ids do for an import.
 */
export function benchId(prefix: string, sequence: number): string {
  if (!Number.isSafeInteger(sequence) || sequence < 0) throw new RangeError(`Sequence ${sequence} is not a non-negative integer`);
  let body = '';
  let rest = sequence;
  do {
    body = (ALPHABET[rest % 32] ?? '0') + body;
    rest = Math.floor(rest / 32);
  } while (rest > 0);
  return `${prefix}_${body.padStart(ID_BODY_LENGTH, '0')}`;
}

/** An 18-character id in the form of a Salesforce record id (key prefix, then the sequence): what an import would carry. */
export function salesforceStyleId(keyPrefix: string, sequence: number): string {
  return `${keyPrefix}BM${String(sequence).padStart(18 - keyPrefix.length - 2, '0')}`;
}

export type JobLevel = 'executive' | 'director' | 'manager' | 'rep';

export interface PlannedPerson {
  readonly id: string;
  readonly name: string;
  readonly level: JobLevel;
  /** The manager's id; null for the head of sales. */
  readonly managerId: string | null;
}

export interface PlannedAccount {
  readonly id: string;
  readonly externalId: string;
  readonly name: string;
  readonly state: string;
  readonly segment: Segment;
  readonly industry: string;
  /** The rep who works the account: every opportunity on it is theirs. */
  readonly ownerId: string;
}

const DIRECTORS = 5;
const MANAGERS_PER_DIRECTOR = 6;
const REPS = 264;

/**
 * The sales organisation: a head of sales, 5 directors, 6 front-line managers under each and 264
 * reps spread over the 30 managers (8-9 each): 300 people, 4 levels.
 */
export function planPeople(): PlannedPerson[] {
  const people: PlannedPerson[] = [];
  const add = (level: JobLevel, managerId: string | null): string => {
    const id = benchId('per', people.length + 1);
    const title = { executive: 'Head of Sales', director: 'Sales Director', manager: 'Sales Manager', rep: 'Account Executive' }[level];
    people.push({ id, name: `${title} ${people.length + 1}`, level, managerId });
    return id;
  };
  const head = add('executive', null);
  const managers: string[] = [];
  for (let d = 0; d < DIRECTORS; d += 1) {
    const director = add('director', head);
    for (let m = 0; m < MANAGERS_PER_DIRECTOR; m += 1) managers.push(add('manager', director));
  }
  for (let r = 0; r < REPS; r += 1) add('rep', managers[r % managers.length] ?? head);
  return people;
}

/** Accounts in proportion to each state's population, 60/30/10 SMB/Mid-Market/Enterprise, ten industries, each worked by one rep. */
export function planAccounts(random: SeededRandom, count: number, reps: readonly PlannedPerson[]): PlannedAccount[] {
  if (reps.length === 0) throw new RangeError('Accounts need at least one rep to own them');
  const stateWeights = US_STATES.map((s) => [s.code, s.populationThousands] as const);
  const industryWeights = INDUSTRIES.map((i) => [i, i.weight] as const);
  const taken = new Set<string>();
  const accounts: PlannedAccount[] = [];
  for (let n = 1; n <= count; n += 1) {
    const state = random.weighted(stateWeights);
    const industry = random.weighted(industryWeights);
    accounts.push({
      id: benchId('acct', n),
      externalId: salesforceStyleId('001', n),
      name: composeUniqueCompanyName(random, industry, state, taken),
      state,
      segment: random.weighted(SEGMENT_WEIGHTS),
      industry: industry.name,
      ownerId: random.pick(reps).id,
    });
  }
  return accounts;
}

/**
 * How many opportunities were created on each day from `first` to `last` (both included), growing
 * linearly from 1x to 1.8x over the span (a company that grows), summing to exactly `total`: each
 * day takes the whole part of its share plus the carried fraction.
 */
export function dailyCreationCounts(first: PlainDate, last: PlainDate, total: number): { readonly day: number; readonly count: number }[] {
  const firstDay = toEpochDay(first);
  const days = toEpochDay(last) - firstDay + 1;
  if (days < 1) throw new RangeError(`${last} is before ${first}`);
  const weight = (i: number): number => 1 + (0.8 * i) / Math.max(1, days - 1);
  let weightSum = 0;
  for (let i = 0; i < days; i += 1) weightSum += weight(i);
  const counts: { day: number; count: number }[] = [];
  let given = 0;
  let cumulative = 0;
  for (let i = 0; i < days; i += 1) {
    cumulative += weight(i);
    // Rounding the running total (not each day) keeps the sum exact and each day within one of its share.
    const upTo = i === days - 1 ? total : Math.round((total * cumulative) / weightSum);
    counts.push({ day: firstDay + i, count: upTo - given });
    given = upTo;
  }
  return counts;
}
