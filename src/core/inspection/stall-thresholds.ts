import { DomainError } from '../shared/domain-error.ts';
import { invalidInspectionRules, rulesForProcess, type InspectionConfig } from './inspection-rules.ts';

/** One completed stay of a deal in a stage: it entered the stage and later left it for another. */
export interface CompletedStageStay {
  readonly processId: string;
  readonly stageId: string;
  /** Whole days spent in the stage before leaving it (entry day to exit day). */
  readonly days: number;
}

/** How long deals of a process usually stay in a stage, at the process's stalled percentile. */
export interface StallThreshold {
  readonly processId: string;
  readonly stageId: string;
  /** The percentile it was computed at, 50..99. */
  readonly percentile: number;
  /** The nearest-rank percentile of the stays, in whole days: that share of deals left within it. */
  readonly days: number;
  /** Completed stays it was computed from. */
  readonly samples: number;
}

/** Thresholds by process id, then by stage id. A stage with too few stays has no entry. */
export type StallThresholds = ReadonlyMap<string, ReadonlyMap<string, StallThreshold>>;

/**
 * Below five stays a percentile says little: with nearest rank, the 80th percentile of four or
 * fewer stays is the longest of them, so one slow deal of the past would set the bar for all.
 */
export const DEFAULT_MIN_STALL_SAMPLES = 5;

/**
 * The p-th percentile of values by the nearest-rank method: sort ascending and take the value at
 * rank ⌈p/100 × n⌉ (1-based). The result is always one of the values (never an interpolation), so
 * it reads as "p % of deals left the stage within this many days", and needs no rounding.
 * Example: [2, 4, 5, 7, 9, 12, 15, 21, 30, 41] at p = 80 is rank ⌈8⌉ = 8, that is 21 days.
 * Null when there are no values.
 */
export function nearestRankPercentile(values: readonly number[], percentile: number): number | null {
  if (!(percentile > 0 && percentile <= 100)) {
    throw invalidInspectionRules(`A percentile must be above 0 and at most 100, got ${percentile}`, { percentile });
  }
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  // For a whole p, p × n is a whole number and p × n / 100 is exact whenever it is whole, so ceil never overshoots a rank.
  const rank = Math.ceil((percentile * sorted.length) / 100);
  return sorted[rank - 1] ?? null;
}

/**
 * Stall thresholds for every (process, stage) with at least `minSamples` completed stays, each
 * at the stalled percentile of its process's rules. A process whose stalled rule is switched off
 * gets none. A stage with fewer stays gets none either, so the stalled warning does not fire
 * there: better no warning than one set by a handful of past deals (see DEFAULT_MIN_STALL_SAMPLES).
 * Stays still open are not given here: their length is not known yet.
 */
export function calculateStallThresholds(
  stays: readonly CompletedStageStay[],
  config: InspectionConfig,
  minSamples: number = DEFAULT_MIN_STALL_SAMPLES,
): StallThresholds {
  if (!Number.isSafeInteger(minSamples) || minSamples < 1) {
    throw invalidInspectionRules(`The minimum number of stays for a stall threshold must be a whole number of 1 or more, got ${minSamples}`, {
      minSamples,
    });
  }
  const daysByStage = new Map<string, Map<string, number[]>>();
  for (const stay of stays) {
    if (!Number.isSafeInteger(stay.days) || stay.days < 0) {
      throw new DomainError('invalid_opportunity', `A stay in stage ${stay.stageId} lasted ${stay.days} days, which is not a whole number of 0 or more`, {
        ...stay,
      });
    }
    const byStage = daysByStage.get(stay.processId) ?? new Map<string, number[]>();
    daysByStage.set(stay.processId, byStage);
    const days = byStage.get(stay.stageId) ?? [];
    byStage.set(stay.stageId, days);
    days.push(stay.days);
  }
  const thresholds = new Map<string, Map<string, StallThreshold>>();
  for (const [processId, byStage] of daysByStage) {
    const percentile = rulesForProcess(config, processId).stalledPercentile;
    if (percentile === null) continue;
    const forProcess = new Map<string, StallThreshold>();
    for (const [stageId, days] of byStage) {
      const thresholdDays = nearestRankPercentile(days, percentile);
      if (days.length < minSamples || thresholdDays === null) continue;
      forProcess.set(stageId, { processId, stageId, percentile, days: thresholdDays, samples: days.length });
    }
    if (forProcess.size > 0) thresholds.set(processId, forProcess);
  }
  return thresholds;
}

/** The threshold of a stage, or null when it has none (too few stays, or the rule is off). */
export function stallThresholdOf(thresholds: StallThresholds, processId: string, stageId: string): StallThreshold | null {
  return thresholds.get(processId)?.get(stageId) ?? null;
}
