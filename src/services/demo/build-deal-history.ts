import type { OpportunityHistoryRecord } from '../../import/records.ts';
import type { StageDefinition } from '../../core/pipeline/default-processes.ts';
import { money, type Money } from '../../core/shared/money.ts';
import { fromEpochDay } from '../../core/shared/plain-date.ts';
import type { DemoOutcome } from './plan-demo-deals.ts';
import type { SeededRandom } from './seeded-random.ts';

const MS_PER_DAY = 86_400_000;
const MS_PER_HOUR = 3_600_000;

/**
 * The stages a deal went through, first to current. Deals start at the first or second stage and
 * skip some on the way; lost deals mostly die early; an open deal has reached a stage in line with
 * how far it has come from its created date towards its close date (`progress`, 0-1).
 */
export function chooseStagePath(
  random: SeededRandom,
  stages: readonly StageDefinition[],
  outcome: DemoOutcome,
  progress: number,
): StageDefinition[] {
  const open = stages.filter((s) => !s.isClosed);
  const won = stages.find((s) => s.isWon);
  const lost = stages.find((s) => s.isClosed && !s.isWon);
  if (open.length === 0 || won === undefined || lost === undefined) {
    throw new RangeError('A sales process needs open, won and lost stages');
  }
  const last = open.length - 1;
  let target: number;
  switch (outcome) {
    case 'won':
      target = last;
      break;
    case 'lost':
      target = random.weighted(open.map((_, index) => [index, (open.length - index) ** 1.3] as const));
      break;
    case 'open':
      target = Math.min(last, Math.max(0, Math.round(progress * last + random.normal(0, 1))));
      break;
  }
  const start = Math.min(target, random.chance(0.7) ? 0 : 1);
  const path: StageDefinition[] = [];
  for (let index = start; index <= target; index += 1) {
    const stage = open[index];
    if (stage === undefined) continue;
    // Reps skip stages; the first, the one reached, and (for wins) the last open stage usually show.
    const keep = index === start || index === target || random.chance(0.55);
    if (keep) path.push(stage);
  }
  if (outcome === 'won') path.push(won);
  if (outcome === 'lost') path.push(lost);
  return path;
}

export interface DealHistoryInput {
  readonly opportunityExternalId: string;
  readonly path: readonly StageDefinition[];
  readonly outcome: DemoOutcome;
  readonly createdDay: number;
  readonly closeDay: number;
  readonly amount: Money;
  readonly todayDay: number;
  /** Chance the close date was pushed at least once. */
  readonly pushChance: number;
}

export interface DealHistory {
  /** Full-state rows, oldest first; the last equals the opportunity as it stands. */
  readonly rows: readonly Omit<OpportunityHistoryRecord, 'externalId'>[];
  readonly pushes: number;
}

interface Change {
  readonly at: number;
  readonly stage?: StageDefinition;
  readonly amount?: Money;
  readonly closeDay?: number;
}

/** A moment on `day` between the given UTC hours (US business hours are roughly 13:00-24:00 UTC). */
function momentOn(random: SeededRandom, day: number, fromHour: number, toHour: number): number {
  return day * MS_PER_DAY + Math.floor(random.between(fromHour, toHour) * MS_PER_HOUR / 1000) * 1000;
}

/** Distinct-enough earlier close dates, newest last: each push moved the date 2-7 weeks later. */
function earlierCloseDays(random: SeededRandom, input: DealHistoryInput): number[] {
  const { createdDay, closeDay, todayDay } = input;
  if (!random.chance(input.pushChance) || todayDay - createdDay < 2) return [];
  const wanted = random.weighted([[1, 65], [2, 25], [3, 10]] as const);
  const earlier: number[] = [];
  let next = closeDay;
  for (let i = 0; i < wanted; i += 1) {
    const previous = next - random.int(14, 49);
    if (previous < createdDay + 7) break;
    earlier.unshift(previous);
    next = previous;
  }
  return earlier;
}

/**
 * The deal's OpportunityHistory: a row when it was created, then one per change of stage, amount or
 * close date, each holding the full state after the change. Pushes happen on or before the date
 * they move, and never after today; a closed deal's last row is its closing on the close date.
 */
export function buildDealHistory(random: SeededRandom, input: DealHistoryInput): DealHistory {
  const { path, outcome, createdDay, closeDay, amount, todayDay } = input;
  const first = path[0];
  if (first === undefined) throw new RangeError('A stage path needs at least one stage');
  const closed = outcome !== 'open';
  const endDay = closed ? closeDay : todayDay;
  const changes: Change[] = [];

  // Stage moves between creation and the end; a closed deal's final stage lands on its close date.
  const openMoves = closed ? path.slice(1, -1) : path.slice(1);
  const moveDays = openMoves.map(() => random.int(createdDay, endDay)).sort((a, b) => a - b);
  let movedAt = 0;
  openMoves.forEach((stage, index) => {
    // Moves on the same day keep their order: each is at least a minute after the one before.
    movedAt = Math.max(momentOn(random, moveDays[index] ?? endDay, 15, 21), movedAt + 60_000);
    changes.push({ at: movedAt, stage });
  });

  const earlier = earlierCloseDays(random, input);
  let pushedAt = createdDay;
  let pushMoment = 0;
  earlier.forEach((pushedDate, index) => {
    const upper = Math.min(pushedDate, todayDay);
    const lower = Math.max(createdDay + 1, Math.min(pushedDate - 30, todayDay - 20), pushedAt);
    pushedAt = lower <= upper ? random.int(lower, upper) : Math.min(upper, Math.max(pushedAt, createdDay + 1));
    pushMoment = Math.max(momentOn(random, pushedAt, 15, 21), pushMoment + 60_000);
    changes.push({ at: pushMoment, closeDay: earlier[index + 1] ?? closeDay });
  });

  let initialAmount = amount;
  if (random.chance(0.22) && endDay > createdDay) {
    // The first estimate differed: re-sized once the buyer's needs were known (whole hundreds).
    const factor = random.chance(0.6) ? random.between(1.1, 1.4) : random.between(0.65, 0.9);
    const hundreds = Math.max(1, Math.round((amount.minor * factor) / 10_000));
    initialAmount = money(hundreds * 10_000, amount.currency);
    if (initialAmount.minor !== amount.minor) {
      changes.push({ at: momentOn(random, random.int(createdDay, endDay - 1), 15, 21), amount });
    }
  }

  changes.sort((a, b) => a.at - b.at);
  const finalStage = path[path.length - 1];
  if (closed && finalStage !== undefined) {
    const lastAt = changes[changes.length - 1]?.at ?? 0;
    changes.push({ at: Math.max(momentOn(random, closeDay, 21, 23.99), lastAt + 60_000), stage: finalStage });
  }
  const rows: Omit<OpportunityHistoryRecord, 'externalId'>[] = [];
  let state = { stage: first, amount: initialAmount, closeDay: earlier[0] ?? closeDay };
  const emit = (at: number): void => {
    rows.push({
      opportunityRef: { externalId: input.opportunityExternalId },
      changedAt: new Date(at).toISOString(),
      stageName: state.stage.name,
      amount: state.amount,
      closeDate: fromEpochDay(state.closeDay),
      forecastCategory: state.stage.forecastCategory,
    });
  };
  emit(momentOn(random, createdDay, 13, 15));
  for (const change of changes) {
    state = {
      stage: change.stage ?? state.stage,
      amount: change.amount ?? state.amount,
      closeDay: change.closeDay ?? state.closeDay,
    };
    emit(change.at);
  }
  return { rows, pushes: earlier.length };
}
