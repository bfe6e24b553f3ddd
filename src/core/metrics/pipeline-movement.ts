import { DomainError } from '../shared/domain-error.ts';
import type { CurrencyCode } from '../shared/currency.ts';
import { addDays, isPlainDate, type PlainDate } from '../shared/plain-date.ts';
import type { ForecastCategory } from '../pipeline/forecast-category.ts';
import { endOfDay } from '../pipeline/opportunity-history.ts';

/**
 * Pipeline movement: how the pipeline for one close window got from its value at one instant to
 * its value at a later one, deal by deal, reconciling to the minor unit.
 *
 * Period. Two instants, `startAt` < `endAt`; the engine is given each deal as it stood at both
 * (it never reads a clock or a history itself). With dates, the project's "as of a date"
 * convention applies: the pipeline as of D is the pipeline at the end of D in UTC
 * (`endOfDay(D)`, D 23:59:59.999Z), so movement "from as of A to as of B" covers the changes
 * after the end of A up to and including the end of B (`movementInstants`). For a calendar range
 * [from, to] inclusive, pass the day before `from` as A.
 *
 * Pipeline. The pipeline at an instant is every deal that, at that instant, is open, not in the
 * Omitted forecast category (Omitted sits outside the forecast, see forecast-category.ts) and has
 * a close date in the target window [windowFrom, windowTo] (the fiscal period the pipeline is
 * for), each at its amount at that instant. A deal without an amount counts 0.
 *
 * Movement. Only the two ends are compared: what a deal did between them (pushed out and pulled
 * back in, an amount raised and lowered) is not seen. Every deal falls into one case:
 * - in the pipeline at both ends: `amountChanged` = end amount − start amount (possibly 0);
 *   a deal pushed out and pulled back within the period is such a deal;
 * - in at the start, out at the end, in this order of precedence:
 *   - gone at the end (deleted, or no longer visible): `removed` takes the start amount;
 *   - won or lost by the end: `won` / `lost` take the closed (end) amount and `amountChanged`
 *     the end − start difference, so "won" is what was booked; closing wins over any close date,
 *     so a deal won early with a close date before the window is won, not pushed out;
 *   - moved to Omitted: `removed` takes the start amount;
 *   - close date moved out of the window, later or earlier: `pushedOut` takes the start amount
 *     (an amount change on a deal that left the window is not a change to this pipeline);
 * - out at the start, in at the end, at the end amount:
 *   - did not exist at the start: `created`;
 *   - existed Omitted or closed at the start (restored, reopened): `restored`;
 *   - existed open outside the window: `pulledIn`;
 * - out at both ends, but passed through: it was not closed at the start (absent or open) and is
 *   closed at the end with a close date in the window. It enters as above (`created`, `restored`
 *   or `pulledIn`) and leaves as `won` / `lost`, both at the end amount, so it nets to 0 yet
 *   shows, e.g., a deal created and won within the period;
 * - any other deal never touched this pipeline and has no line.
 *
 * Identity, for the whole and for every deal line:
 *   ending = starting + created + pulledIn + restored − pushedOut + amountChanged − won − lost − removed
 * Outflows (pushedOut, won, lost, removed) are the amounts that left, subtracted; amountChanged is
 * signed. All amounts are integer minor units of the one currency the caller converted them to.
 *
 * Slices (by owner, team, …) use a key read from each end's state. A deal whose key changed while
 * in the pipeline at the start is first transferred at its start amount (`transferredOut` of the
 * start key, `transferredIn` of the end key); all its movement is then booked to its end key (its
 * start key when it is gone at the end). So each slice's starting and ending are that key's true
 * pipeline at each instant, each slice reconciles with the transfers added, and slices sum to the
 * whole (transfers cancel).
 */

export type DealOutcome = 'open' | 'won' | 'lost';

/** A deal as it stood at one instant, its amount already converted to the movement's currency. */
export interface DealPoint {
  readonly outcome: DealOutcome;
  /** Integer minor units in the movement's currency; null (no amount) counts 0. */
  readonly amountMinor: number | null;
  readonly closeDate: PlainDate;
  readonly forecastCategory: ForecastCategory;
  readonly ownerId: string | null;
}

/** One deal at both ends of the period; null where it did not exist (or is gone). */
export interface DealEnds<P extends DealPoint = DealPoint> {
  readonly opportunityId: string;
  readonly start: P | null;
  readonly end: P | null;
}

/** The close dates the pipeline is for, both days included. */
export interface CloseWindow {
  readonly from: PlainDate;
  readonly to: PlainDate;
}

export interface MovementOptions {
  readonly window: CloseWindow;
  readonly currency: CurrencyCode;
}

export const MOVEMENT_BUCKETS = ['created', 'pulledIn', 'restored', 'pushedOut', 'amountChanged', 'won', 'lost', 'removed'] as const;
export type MovementBucket = (typeof MOVEMENT_BUCKETS)[number];

/** Integer minor units per bucket: inflows and outflows as magnitudes, amountChanged signed. */
export type MovementAmounts = Readonly<Record<MovementBucket, number>>;

export interface DealMovement extends MovementAmounts {
  readonly opportunityId: string;
  /** The deal's amount in the pipeline at the start (0 when it was not in it). */
  readonly starting: number;
  readonly ending: number;
  /** The buckets the deal was classified into, in the order it moved through them. */
  readonly buckets: readonly MovementBucket[];
}

export interface PipelineMovement extends MovementAmounts {
  readonly currency: CurrencyCode;
  readonly starting: number;
  readonly ending: number;
  /** One line per deal that was in the pipeline at either end or moved through it, by opportunity id. */
  readonly deals: readonly DealMovement[];
}

export interface SliceDealMovement extends DealMovement {
  readonly transferredIn: number;
  readonly transferredOut: number;
}

export interface MovementSlice extends MovementAmounts {
  readonly key: string;
  readonly starting: number;
  readonly ending: number;
  readonly transferredIn: number;
  readonly transferredOut: number;
  readonly deals: readonly SliceDealMovement[];
}

export interface SlicedPipelineMovement {
  readonly total: PipelineMovement;
  /** By key, in key order. */
  readonly slices: readonly MovementSlice[];
}

/** The instants compared for movement from "as of `startAsOf`" to "as of `endAsOf`" (ends of day, UTC). */
export function movementInstants(startAsOf: PlainDate, endAsOf: PlainDate): { startAt: string; endAt: string } {
  assertDate(startAsOf);
  assertDate(endAsOf);
  if (startAsOf > endAsOf) {
    throw new DomainError('invalid_period', `Movement must start on or before it ends (${startAsOf} is after ${endAsOf})`, { startAsOf, endAsOf });
  }
  return { startAt: endOfDay(startAsOf), endAt: endOfDay(endAsOf) };
}

/** The instants for a calendar range of days, both included: from the end of the day before `from`. */
export function movementInstantsForRange(from: PlainDate, to: PlainDate): { startAt: string; endAt: string } {
  assertDate(from);
  return movementInstants(addDays(from, -1), to);
}

/** A stage's outcome, from the flags every stage carries. */
export function dealOutcome(stage: { readonly isClosed: boolean; readonly isWon: boolean }): DealOutcome {
  if (!stage.isClosed) return 'open';
  return stage.isWon ? 'won' : 'lost';
}

export function inWindow(date: PlainDate, window: CloseWindow): boolean {
  return date >= window.from && date <= window.to;
}

/** Whether the deal at this point counts in the window's pipeline: open, not Omitted, closing in the window. */
export function inPipeline(point: DealPoint | null, window: CloseWindow): boolean {
  return point !== null && point.outcome === 'open' && point.forecastCategory !== 'omitted' && inWindow(point.closeDate, window);
}

/** created + pulledIn + restored − pushedOut + amountChanged − won − lost − removed: ending − starting. */
export function netMovement(amounts: MovementAmounts): number {
  return checked(
    amounts.created + amounts.pulledIn + amounts.restored - amounts.pushedOut + amounts.amountChanged - amounts.won - amounts.lost - amounts.removed,
    'net movement',
  );
}

/** The movement of the window's pipeline between two instants, given each deal at both. */
export function pipelineMovement(deals: readonly DealEnds[], options: MovementOptions): PipelineMovement {
  assertWindow(options.window);
  const lines = classifyAll(deals, options.window);
  return { currency: options.currency, ...sumLines(lines), deals: lines };
}

/**
 * The movement, whole and sliced by a key read from each end's state (`(p) => p.ownerId ?? ''` for
 * owners). Each slice reconciles with its transfers; slices sum to the whole.
 */
export function pipelineMovementBy<P extends DealPoint>(deals: readonly DealEnds<P>[], options: MovementOptions, keyOf: (point: P) => string): SlicedPipelineMovement {
  assertWindow(options.window);
  const lines = classifyAll(deals, options.window);
  const byId = new Map(deals.map((deal) => [deal.opportunityId, deal]));
  const bySlice = new Map<string, SliceDealMovement[]>();
  const add = (key: string, line: SliceDealMovement): void => {
    const list = bySlice.get(key);
    if (list === undefined) bySlice.set(key, [line]);
    else list.push(line);
  };
  for (const line of lines) {
    const deal = byId.get(line.opportunityId);
    if (deal === undefined) throw new Error(`No deal for line ${line.opportunityId}`);
    const startKey = deal.start === null ? null : keyOf(deal.start);
    const endKey = deal.end === null ? null : keyOf(deal.end);
    // classifyAll gives a line only to deals with at least one end, so one of the keys is set.
    const home = endKey ?? startKey ?? '';
    if (startKey !== null && startKey !== home && inPipeline(deal.start, options.window)) {
      add(startKey, { ...emptyLine(line.opportunityId), starting: line.starting, transferredIn: 0, transferredOut: line.starting });
      add(home, { ...line, starting: 0, transferredIn: line.starting, transferredOut: 0 });
    } else {
      add(home, { ...line, transferredIn: 0, transferredOut: 0 });
    }
  }
  const slices = [...bySlice.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, sliceLines]): MovementSlice => {
      const totals = sumLines(sliceLines);
      return {
        key,
        ...totals,
        transferredIn: sumOf(sliceLines, (l) => l.transferredIn),
        transferredOut: sumOf(sliceLines, (l) => l.transferredOut),
        deals: sliceLines,
      };
    });
  return { total: { currency: options.currency, ...sumLines(lines), deals: lines }, slices };
}

function classifyAll<P extends DealPoint>(deals: readonly DealEnds<P>[], window: CloseWindow): DealMovement[] {
  const seen = new Set<string>();
  const lines: DealMovement[] = [];
  for (const deal of deals) {
    if (seen.has(deal.opportunityId)) {
      throw new DomainError('invalid_opportunity', `Opportunity ${deal.opportunityId} is given twice`, { opportunityId: deal.opportunityId });
    }
    seen.add(deal.opportunityId);
    const line = classifyDeal(deal, window);
    if (line !== null) lines.push(line);
  }
  return lines.sort((a, b) => (a.opportunityId < b.opportunityId ? -1 : a.opportunityId > b.opportunityId ? 1 : 0));
}

/** One deal's line per the rules in the module comment, or null when it never touched the pipeline. */
export function classifyDeal(deal: DealEnds, window: CloseWindow): DealMovement | null {
  const { opportunityId, start, end } = deal;
  const startIn = inPipeline(start, window);
  const endIn = inPipeline(end, window);
  const line = emptyLine(opportunityId);
  const startAmount = start === null ? 0 : amountOf(start, opportunityId);
  const endAmount = end === null ? 0 : amountOf(end, opportunityId);

  if (startIn && endIn) {
    return { ...line, starting: startAmount, ending: endAmount, amountChanged: checked(endAmount - startAmount, 'amount change'), buckets: ['amountChanged'] };
  }
  if (startIn) {
    const leaving = { ...line, starting: startAmount };
    if (end === null) return { ...leaving, removed: startAmount, buckets: ['removed'] };
    if (end.outcome !== 'open') {
      const closed = end.outcome === 'won' ? 'won' : 'lost';
      return { ...leaving, amountChanged: checked(endAmount - startAmount, 'amount change'), [closed]: endAmount, buckets: ['amountChanged', closed] };
    }
    if (end.forecastCategory === 'omitted') return { ...leaving, removed: startAmount, buckets: ['removed'] };
    return { ...leaving, pushedOut: startAmount, buckets: ['pushedOut'] };
  }
  if (endIn && end !== null) {
    const entry = entryBucket(start);
    return { ...line, ending: endAmount, [entry]: endAmount, buckets: [entry] };
  }
  const passedThrough = end !== null && end.outcome !== 'open' && inWindow(end.closeDate, window) && (start === null || start.outcome === 'open');
  if (passedThrough) {
    const entry = entryBucket(start);
    const closed = end.outcome === 'won' ? 'won' : 'lost';
    return { ...line, [entry]: endAmount, [closed]: endAmount, buckets: [entry, closed] };
  }
  return null;
}

/** How a deal not in the pipeline at the start came into it. */
function entryBucket(start: DealPoint | null): 'created' | 'restored' | 'pulledIn' {
  if (start === null) return 'created';
  if (start.outcome !== 'open' || start.forecastCategory === 'omitted') return 'restored';
  return 'pulledIn';
}

function emptyLine(opportunityId: string): DealMovement {
  return { opportunityId, starting: 0, ending: 0, created: 0, pulledIn: 0, restored: 0, pushedOut: 0, amountChanged: 0, won: 0, lost: 0, removed: 0, buckets: [] };
}

function sumLines(lines: readonly DealMovement[]): MovementAmounts & { starting: number; ending: number } {
  const totals = { starting: sumOf(lines, (l) => l.starting), ending: sumOf(lines, (l) => l.ending) };
  const amounts = Object.fromEntries(MOVEMENT_BUCKETS.map((bucket) => [bucket, sumOf(lines, (l) => l[bucket])])) as Record<MovementBucket, number>;
  return { ...totals, ...amounts };
}

function sumOf<T>(items: readonly T[], pick: (item: T) => number): number {
  let total = 0;
  for (const item of items) total = checked(total + pick(item), 'pipeline total');
  return total;
}

function amountOf(point: DealPoint, opportunityId: string): number {
  const amount = point.amountMinor ?? 0;
  if (!Number.isSafeInteger(amount)) {
    throw new DomainError('invalid_money', `Opportunity ${opportunityId} has amount ${amount}, not a whole number of minor units`, { opportunityId, amount });
  }
  return amount;
}

/** Sums of safe integers are exact only while they stay safe: refuse rather than round. */
function checked(value: number, context: string): number {
  if (!Number.isSafeInteger(value)) throw new DomainError('invalid_money', `${context}: ${value} minor units is outside the safe range`);
  return value;
}

function assertDate(date: string): void {
  if (!isPlainDate(date)) throw new DomainError('invalid_date', `"${date}" is not a date in YYYY-MM-DD form`, { date });
}

function assertWindow(window: CloseWindow): void {
  assertDate(window.from);
  assertDate(window.to);
  if (window.from > window.to) {
    throw new DomainError('invalid_period', `The close window must start on or before it ends (${window.from} is after ${window.to})`, { ...window });
  }
}
