/**
 * One opportunity's field history, consistent with its current row: a creation change of each of
 * 'stage', 'amount' and 'close_date' (old value null), then stage moves, close-date pushes (and
 * now and then a pull-in) and re-sizings, each change's old value the field's previous new value, the last new value of each
 * field the current one, every change after the creation instant strictly later than the one before
 * (so no two changes of a field share an instant), none after the data's today, and a closed deal's
 * closing stage change on its close date. Values are in their canonical text (src/core/pipeline/tracked-field.ts): stage
 * ids, minor units as decimal integers, ISO dates.
 */
import { fromEpochDay } from '../../src/core/shared/plain-date.ts';
import type { SeededRandom } from '../../src/services/demo/seeded-random.ts';

export interface BenchStage {
  readonly id: string;
  readonly name: string;
  readonly isClosed: boolean;
  readonly isWon: boolean;
  readonly probabilityBps: number;
  readonly forecastCategory: string;
}

/** A sales process as the generator needs it: its open stages in order, and its won and lost stages. */
export interface BenchProcess {
  readonly id: string;
  readonly name: string;
  readonly openStages: readonly BenchStage[];
  readonly won: BenchStage;
  readonly lost: BenchStage;
}

export type DealOutcome = 'won' | 'lost' | 'open';

export interface TimelineInput {
  readonly process: BenchProcess;
  readonly outcome: DealOutcome;
  /** Epoch days. A closed deal closed on `closeDay`; an open one expects to. */
  readonly createdDay: number;
  readonly closeDay: number;
  /** The current amount, integer minor units of the deal's currency. */
  readonly amountMinor: number;
  /** The last day anything happened (the data's today), epoch days. */
  readonly todayDay: number;
}

export type HistoryField = 'stage' | 'amount' | 'close_date';

export interface FieldChangeRow {
  /** ISO UTC instant in `toISOString` form, as the store keeps them. */
  readonly changedAt: string;
  readonly field: HistoryField;
  readonly oldValue: string | null;
  readonly newValue: string;
}

export interface DealTimeline {
  /** The stage the deal is in now. */
  readonly stage: BenchStage;
  /** Oldest first. */
  readonly changes: readonly FieldChangeRow[];
}

const MS_PER_DAY = 86_400_000;
const MS_PER_HOUR = 3_600_000;
const MINUTE = 60_000;

/** Chance an intermediate stage is recorded on the way to the one reached (reps skip a few). */
const KEEP_STAGE = 0.9;
/** How many times the close date was pushed, and how many times the deal was re-sized. */
const PUSHES: readonly (readonly [number, number])[] = [[0, 20], [1, 30], [2, 25], [3, 15], [4, 10]];
const RESIZES: readonly (readonly [number, number])[] = [[0, 10], [1, 30], [2, 35], [3, 25]];
/** Chance the close date was last moved earlier ("pulled in"): a buyer ready sooner. */
const PULL_IN_CHANCE = 0.08;

/** A second on `day` between the given UTC hours (US business hours are roughly 13:00-24:00 UTC). */
function momentOn(random: SeededRandom, day: number, fromHour: number, toHour: number): number {
  return day * MS_PER_DAY + Math.floor((random.between(fromHour, toHour) * MS_PER_HOUR) / 1000) * 1000;
}

/** The stages the deal went through, first to current (as the demo's chooseStagePath, skipping fewer). */
export function stagePath(random: SeededRandom, input: TimelineInput): BenchStage[] {
  const { openStages, won, lost } = input.process;
  const last = openStages.length - 1;
  if (last < 0) throw new RangeError(`${input.process.name} has no open stages`);
  let target: number;
  switch (input.outcome) {
    case 'won':
      target = last;
      break;
    case 'lost':
      // Lost deals mostly die early.
      target = random.weighted(openStages.map((_, index) => [index, (openStages.length - index) ** 1.3] as const));
      break;
    case 'open': {
      const span = Math.max(1, input.closeDay - input.createdDay);
      const progress = Math.min(1, Math.max(0, (input.todayDay - input.createdDay) / span));
      target = Math.min(last, Math.max(0, Math.round(progress * last + random.normal(0, 1))));
      break;
    }
  }
  const start = Math.min(target, random.chance(0.7) ? 0 : 1);
  const path: BenchStage[] = [];
  for (let index = start; index <= target; index += 1) {
    const stage = openStages[index];
    if (stage !== undefined && (index === start || index === target || random.chance(KEEP_STAGE))) path.push(stage);
  }
  if (input.outcome === 'won') path.push(won);
  if (input.outcome === 'lost') path.push(lost);
  return path;
}

/** `count` distinct days in [from, to], ascending; fewer when the range is shorter. */
function distinctDays(random: SeededRandom, from: number, to: number, count: number): number[] {
  const span = to - from + 1;
  if (span <= 0 || count <= 0) return [];
  if (count >= span) return Array.from({ length: span }, (_, i) => from + i);
  const days = new Set<number>();
  while (days.size < count) days.add(random.int(from, to));
  return [...days].sort((a, b) => a - b);
}

interface Event {
  readonly day: number;
  readonly field: HistoryField;
  readonly value: string;
}

/**
 * The earlier close dates, oldest first, and the days each change happened. A push moves the date
 * 2-7 weeks later, on or before the date it moves (no one pushes a date already past). Some deals
 * were last pulled in instead: moved 2-8 weeks earlier, on or before the new date.
 */
function closeDateChanges(random: SeededRandom, input: TimelineInput, endDay: number): { readonly initialClose: number; readonly events: Event[] } {
  const wanted = random.weighted(PUSHES);
  // A pull-in needs a day for it no later than the date it pulls the deal in to.
  const pullDay = random.chance(PULL_IN_CHANCE) && input.createdDay + 1 <= Math.min(endDay, input.closeDay) ? random.int(input.createdDay + 1, Math.min(endDay, input.closeDay)) : null;
  // The date the pushes end on: the current one, or the later one a pull-in moved it from.
  const pushedTo = pullDay === null ? input.closeDay : input.closeDay + random.int(14, 56);
  const lastPushDay = pullDay === null ? Math.min(endDay, input.closeDay - 1) : pullDay - 1;
  const pushDays = distinctDays(random, input.createdDay + 1, lastPushDay, wanted);
  const closes = new Array<number>(pushDays.length + 1);
  closes[pushDays.length] = pushedTo;
  // Backwards from the last pushed date: close i-1 lies in [pushDay i, close i - 1], never empty,
  // because push days are distinct and ascending and the last is before the date it moves.
  for (let i = pushDays.length; i >= 1; i -= 1) {
    const pushDay = pushDays[i - 1] ?? 0;
    const next = closes[i] ?? pushedTo;
    closes[i - 1] = Math.min(next - 1, Math.max(pushDay, next - random.int(14, 49)));
  }
  const events = pushDays.map((day, i): Event => ({ day, field: 'close_date', value: fromEpochDay(closes[i + 1] ?? pushedTo) }));
  if (pullDay !== null) events.push({ day: pullDay, field: 'close_date', value: fromEpochDay(input.closeDay) });
  return { initialClose: closes[0] ?? pushedTo, events };
}

/** Earlier amounts, re-sized by 10-40 % each time in whole hundreds, never equal to the next one. */
function resizes(random: SeededRandom, input: TimelineInput, endDay: number): { readonly initialAmount: number; readonly events: Event[] } {
  const wanted = random.weighted(RESIZES);
  const days = Array.from({ length: wanted }, () => random.int(input.createdDay, endDay)).sort((a, b) => a - b);
  const amounts = new Array<number>(days.length + 1);
  amounts[days.length] = input.amountMinor;
  for (let i = days.length; i >= 1; i -= 1) {
    const next = amounts[i] ?? input.amountMinor;
    const factor = random.chance(0.6) ? random.between(0.6, 0.9) : random.between(1.1, 1.4);
    let earlier = Math.max(1, Math.round((next * factor) / 10_000)) * 10_000;
    if (earlier === next) earlier = next + 10_000;
    amounts[i - 1] = earlier;
  }
  const events = days.map((day, i): Event => ({ day, field: 'amount', value: String(amounts[i + 1] ?? input.amountMinor) }));
  return { initialAmount: amounts[0] ?? input.amountMinor, events };
}

/** Builds the deal's history; see the module comment for what it guarantees. */
export function buildDealTimeline(random: SeededRandom, input: TimelineInput): DealTimeline {
  const { createdDay, closeDay, todayDay, outcome } = input;
  if (closeDay < createdDay) throw new RangeError(`A deal cannot close (day ${closeDay}) before it is created (day ${createdDay})`);
  const closed = outcome !== 'open';
  if (closed && closeDay > todayDay) throw new RangeError(`A deal closed on day ${closeDay} is after today (day ${todayDay})`);
  const path = stagePath(random, input);
  const first = path[0];
  const current = path[path.length - 1];
  if (first === undefined || current === undefined) throw new RangeError('A stage path needs at least one stage');
  const endDay = closed ? closeDay : todayDay;

  // Stage moves between creation and the end; a closed deal's final stage lands on its close date, after everything else.
  const moves = closed ? path.slice(1, -1) : path.slice(1);
  const moveDays = moves.map(() => random.int(createdDay, endDay)).sort((a, b) => a - b);
  const pushes = closeDateChanges(random, input, endDay);
  const sizing = resizes(random, input, endDay);
  const events: Event[] = [...moves.map((stage, i): Event => ({ day: moveDays[i] ?? endDay, field: 'stage', value: stage.id })), ...pushes.events, ...sizing.events];
  // A stable sort: changes of one field on one day keep their order.
  events.sort((a, b) => a.day - b.day);

  const changes: FieldChangeRow[] = [];
  const previous: Record<HistoryField, string | null> = { stage: null, amount: null, close_date: null };
  const record = (at: number, field: HistoryField, value: string): void => {
    changes.push({ changedAt: new Date(at).toISOString(), field, oldValue: previous[field], newValue: value });
    previous[field] = value;
  };
  // Created in the morning (13:00-15:00 UTC); every later change is at least a minute after the one before.
  let at = momentOn(random, createdDay, 13, 15);
  record(at, 'stage', first.id);
  record(at, 'amount', String(sizing.initialAmount));
  record(at, 'close_date', fromEpochDay(pushes.initialClose));
  for (const event of events) {
    at = Math.max(momentOn(random, event.day, 15, 21), at + MINUTE);
    record(at, event.field, event.value);
  }
  if (closed) record(Math.max(momentOn(random, closeDay, 21, 23.9), at + MINUTE), 'stage', current.id);
  return { stage: current, changes };
}
