import { DomainError } from '../shared/domain-error.ts';
import type { PlainDate } from '../shared/plain-date.ts';
import { divideHalfUp, safeMinor } from '../metrics/metric-arithmetic.ts';
import { WARNING_KINDS, type WarningKind } from './inspection-rules.ts';
import type { DealWarning, InspectedDeal } from './deal-warnings.ts';

/** What the compliance figures read of an inspected deal (a DealInspection is one). */
export interface ComplianceInput {
  readonly deal: Pick<InspectedDeal, 'id' | 'ownerId' | 'amountMinor'>;
  readonly warnings: readonly Pick<DealWarning, 'kind'>[];
}

/** Deals that raised each kind of warning (a deal raises each kind at most once). */
export type WarningCounts = Readonly<Record<WarningKind, number>>;

/** Compliance figures of one group of open deals: a rep's, or a team's. */
export interface ComplianceFigures {
  readonly openCount: number;
  /** Σ open amount, integer minor units; deals without an amount add nothing, nor do negative ones. */
  readonly openAmountMinor: number;
  /** Deals with no warning. */
  readonly cleanCount: number;
  /** Σ amount of the deals with no warning, in the same units; never above openAmountMinor. */
  readonly cleanAmountMinor: number;
  /**
   * Share of the open pipeline without warnings, 0..10000 bps: clean amount / open amount rounded
   * half-up; by count (clean deals / open deals) when the open amount is 0; null with no deals.
   */
  readonly scoreBps: number | null;
  readonly warningCounts: WarningCounts;
}

export interface RepCompliance extends ComplianceFigures {
  readonly ownerId: string;
}

export interface TeamCompliance extends ComplianceFigures {
  /** Null gathers the reps with no team, so the teams' figures add up to the whole. */
  readonly teamId: string | null;
  readonly repCount: number;
}

export interface ComplianceTrendPoint {
  readonly asOf: PlainDate;
  /** Null when the rep had no open deals on that date. */
  readonly scoreBps: number | null;
}

export interface RepComplianceTrend {
  readonly ownerId: string;
  /** One point per inspection date, oldest first. */
  readonly points: readonly ComplianceTrendPoint[];
}

const FULL_BPS = 10_000n;

/**
 * The compliance score from a group's sums. Weighted by amount, so one clean large deal counts for
 * more than several small ones with warnings; by count when the group's deals carry no amount.
 */
export function complianceScoreBps(figures: Pick<ComplianceFigures, 'openCount' | 'cleanCount' | 'openAmountMinor' | 'cleanAmountMinor'>): number | null {
  if (figures.openCount === 0) return null;
  if (figures.openAmountMinor > 0) {
    return Number(divideHalfUp(BigInt(figures.cleanAmountMinor) * FULL_BPS, BigInt(figures.openAmountMinor)));
  }
  return Number(divideHalfUp(BigInt(figures.cleanCount) * FULL_BPS, BigInt(figures.openCount)));
}

function noWarnings(): Record<WarningKind, number> {
  return Object.fromEntries(WARNING_KINDS.map((k) => [k.id, 0])) as Record<WarningKind, number>;
}

interface Totals {
  openCount: number;
  openAmount: bigint;
  cleanCount: number;
  cleanAmount: bigint;
  readonly warningCounts: Record<WarningKind, number>;
}

function emptyTotals(): Totals {
  return { openCount: 0, openAmount: 0n, cleanCount: 0, cleanAmount: 0n, warningCounts: noWarnings() };
}

function figuresOf(totals: Totals, context: string): ComplianceFigures {
  const sums = {
    openCount: totals.openCount,
    openAmountMinor: safeMinor(totals.openAmount, context),
    cleanCount: totals.cleanCount,
    cleanAmountMinor: safeMinor(totals.cleanAmount, context),
  };
  return { ...sums, scoreBps: complianceScoreBps(sums), warningCounts: { ...totals.warningCounts } };
}

/**
 * The amount a deal weighs in the score. A negative amount (a credit) is not pipeline a rep can
 * keep clean or let slip, and counting it would let the clean amount exceed the open amount.
 */
function weightOf(inspection: ComplianceInput): bigint {
  const amount = inspection.deal.amountMinor;
  if (amount === null || amount <= 0) return 0n;
  if (!Number.isSafeInteger(amount)) {
    throw new DomainError('invalid_money', `${inspection.deal.id}: ${amount} is not a whole number of minor units`, { id: inspection.deal.id });
  }
  return BigInt(amount);
}

/**
 * Compliance per rep (deal owner) over inspected open deals, sorted by owner id. Each rep's score
 * is the share of their open amount on deals without any warning.
 */
export function complianceByRep(inspections: readonly ComplianceInput[]): RepCompliance[] {
  const seen = new Set<string>();
  const byOwner = new Map<string, Totals>();
  for (const inspection of inspections) {
    const { id, ownerId } = inspection.deal;
    if (seen.has(id)) throw new DomainError('invalid_opportunity', `Opportunity ${id} is given twice`, { id });
    seen.add(id);
    const totals = byOwner.get(ownerId) ?? emptyTotals();
    byOwner.set(ownerId, totals);
    const weight = weightOf(inspection);
    totals.openCount += 1;
    totals.openAmount += weight;
    if (inspection.warnings.length === 0) {
      totals.cleanCount += 1;
      totals.cleanAmount += weight;
    }
    for (const kind of new Set(inspection.warnings.map((w) => w.kind))) totals.warningCounts[kind] += 1;
  }
  return [...byOwner.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([ownerId, totals]) => ({ ownerId, ...figuresOf(totals, `compliance of ${ownerId}`) }));
}

/**
 * Compliance per team from the reps' figures. The score comes from the summed amounts (or counts),
 * not from an average of the reps' scores, so a rep with a large pipeline weighs more than one
 * with a small one, exactly as if the team's deals were scored together. Sorted by team id, the
 * reps without a team (teamId null) last.
 */
export function complianceByTeam(reps: readonly RepCompliance[], teamOf: (ownerId: string) => string | null): TeamCompliance[] {
  const byTeam = new Map<string | null, { totals: Totals; repCount: number }>();
  for (const rep of reps) {
    const teamId = teamOf(rep.ownerId);
    const team = byTeam.get(teamId) ?? { totals: emptyTotals(), repCount: 0 };
    byTeam.set(teamId, team);
    team.repCount += 1;
    team.totals.openCount += rep.openCount;
    team.totals.openAmount += BigInt(rep.openAmountMinor);
    team.totals.cleanCount += rep.cleanCount;
    team.totals.cleanAmount += BigInt(rep.cleanAmountMinor);
    for (const kind of WARNING_KINDS) team.totals.warningCounts[kind.id] += rep.warningCounts[kind.id];
  }
  const order = (a: string | null, b: string | null): number => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1);
  return [...byTeam.entries()]
    .sort(([a], [b]) => order(a, b))
    .map(([teamId, team]) => ({ teamId, repCount: team.repCount, ...figuresOf(team.totals, `compliance of team ${teamId ?? '(none)'}`) }));
}

/**
 * Each rep's score over several inspections, oldest first: one point per inspection date for every
 * rep seen on any of them, null where the rep had no open deals, so the series line up for a chart.
 * Reps sorted by owner id.
 */
export function complianceTrend(points: readonly { readonly asOf: PlainDate; readonly deals: readonly ComplianceInput[] }[]): RepComplianceTrend[] {
  const dates = new Set<PlainDate>();
  for (const point of points) {
    if (dates.has(point.asOf)) throw new DomainError('invalid_date', `Two inspections are dated ${point.asOf}`, { asOf: point.asOf });
    dates.add(point.asOf);
  }
  const sorted = [...points].sort((a, b) => (a.asOf < b.asOf ? -1 : 1));
  const scores = sorted.map((point) => new Map(complianceByRep(point.deals).map((rep) => [rep.ownerId, rep.scoreBps])));
  const owners = [...new Set(scores.flatMap((byOwner) => [...byOwner.keys()]))].sort();
  return owners.map((ownerId) => ({
    ownerId,
    points: sorted.map((point, i) => ({ asOf: point.asOf, scoreBps: scores[i]?.get(ownerId) ?? null })),
  }));
}
