import { DomainError } from '../shared/domain-error.ts';
import { daysBetween } from '../shared/plain-date.ts';
import { assertPeriod, isInPeriod, type MetricOpportunity, type MetricPeriod, type StageEntry } from './metric-input.ts';
import { meanOfIntegers, median, ratioOrNull } from './metric-arithmetic.ts';

export interface StageConversion {
  readonly stageId: string;
  /** Opportunities that entered the stage during the period. */
  readonly entered: number;
  /** Of those, how many later entered any stage further down the process. */
  readonly advanced: number;
  /** advanced ÷ entered, 0..1; null when none entered. */
  readonly rate: number | null;
}

export interface TimeInStage {
  readonly stageId: string;
  /** Completed stays: the opportunity entered the stage and later moved to another one. */
  readonly stays: number;
  readonly medianDays: number | null;
  readonly meanDays: number | null;
}

function stageIndex(stages: readonly string[]): ReadonlyMap<string, number> {
  const index = new Map<string, number>();
  stages.forEach((id, position) => {
    if (index.has(id)) throw new DomainError('invalid_stage', `Stage ${id} appears twice in the stage order`, { stageId: id });
    index.set(id, position);
  });
  return index;
}

/**
 * The history of the given opportunities only (so a slice's history follows its deals), grouped
 * by opportunity and sorted by date, then by stage order, then by stage id: a fixed order, so the
 * order the entries arrive in never changes a result.
 */
function entriesByOpportunity(
  opportunities: readonly MetricOpportunity[],
  history: readonly StageEntry[],
  order: ReadonlyMap<string, number>,
): ReadonlyMap<string, StageEntry[]> {
  const ids = new Set(opportunities.map((o) => o.id));
  const grouped = new Map<string, StageEntry[]>();
  for (const entry of history) {
    if (!ids.has(entry.opportunityId)) continue;
    const list = grouped.get(entry.opportunityId) ?? [];
    list.push(entry);
    grouped.set(entry.opportunityId, list);
  }
  const rank = (e: StageEntry): number => order.get(e.stageId) ?? Number.MAX_SAFE_INTEGER;
  for (const list of grouped.values()) {
    list.sort((a, b) => (a.enteredAt !== b.enteredAt ? (a.enteredAt < b.enteredAt ? -1 : 1) : rank(a) - rank(b) || (a.stageId < b.stageId ? -1 : a.stageId > b.stageId ? 1 : 0)));
  }
  return grouped;
}

/**
 * Stage-to-stage conversion, one row per stage of `stages` (the process's stages in order, e.g.
 * Prospecting … Closed Won). An opportunity counts as entered when it has an entry for the stage
 * dated in the period (several entries count once), and as advanced when it has an entry for a
 * stage later in the order on or after its first entry into this one in the period. Skipping a
 * stage counts as advancing from the stage it left; a stage never entered is not in its cohort.
 * Stages not in `stages` (e.g. Closed Lost) are ignored, so a loss is never an advance.
 */
export function calculateStageConversion(
  opportunities: readonly MetricOpportunity[],
  period: MetricPeriod,
  history: readonly StageEntry[],
  stages: readonly string[],
): StageConversion[] {
  assertPeriod(period);
  const order = stageIndex(stages);
  const grouped = entriesByOpportunity(opportunities, history, order);
  return stages.map((stageId, position) => {
    let entered = 0;
    let advanced = 0;
    for (const entries of grouped.values()) {
      const first = entries.find((e) => e.stageId === stageId && isInPeriod(period, e.enteredAt));
      if (first === undefined) continue;
      entered += 1;
      if (entries.some((e) => (order.get(e.stageId) ?? -1) > position && e.enteredAt >= first.enteredAt)) advanced += 1;
    }
    return { stageId, entered, advanced, rate: ratioOrNull(advanced, entered) };
  });
}

/**
 * Days spent in each stage, over completed stays that ended (the opportunity entered its next
 * stage) during the period. A stay runs from the day of its entry to the day of the next entry
 * of the same opportunity, in whole days. Stays still open at the as-of point are left out: their
 * length is not known yet, and counting them to date would shorten the figures for young deals.
 */
export function calculateTimeInStage(
  opportunities: readonly MetricOpportunity[],
  period: MetricPeriod,
  history: readonly StageEntry[],
  stages: readonly string[],
): TimeInStage[] {
  assertPeriod(period);
  const order = stageIndex(stages);
  const days = new Map<string, number[]>(stages.map((id) => [id, []]));
  for (const entries of entriesByOpportunity(opportunities, history, order).values()) {
    entries.forEach((entry, i) => {
      const next = entries[i + 1];
      const list = days.get(entry.stageId);
      if (next === undefined || list === undefined || !isInPeriod(period, next.enteredAt)) return;
      list.push(daysBetween(entry.enteredAt, next.enteredAt));
    });
  }
  return stages.map((stageId) => {
    const values = days.get(stageId) ?? [];
    return { stageId, stays: values.length, medianDays: median(values), meanDays: meanOfIntegers(values) };
  });
}
