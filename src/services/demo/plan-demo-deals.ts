import type { DemoAccount, DemoSegment } from './generate-demo-accounts.ts';
import type { SeededRandom } from './seeded-random.ts';

export type DemoDealType = 'New Business' | 'Expansion' | 'Renewal';
export type DemoOutcome = 'won' | 'lost' | 'open';

/** One deal's life in outline: who, what kind, when it started and closes (epoch days), how it ends. */
export interface DemoDealPlan {
  readonly account: DemoAccount;
  readonly type: DemoDealType;
  readonly createdDay: number;
  /** The close date now: the day it closed, or (open deals) the expected close date. */
  readonly closeDay: number;
  readonly outcome: DemoOutcome;
  /** The deal's size in US dollars as a float; it becomes money only once, rounded, in its own currency. */
  readonly sizeUsd: number;
}

interface SegmentProfile {
  /** New-business attempts per year while the account is a prospect. */
  readonly attemptsPerYear: number;
  readonly medianCycleDays: number;
  readonly medianSizeUsd: number;
  readonly winRate: number;
}

// Larger buyers take longer, spend more and are worked harder, and each attempt is less likely to win.
const SEGMENTS: Readonly<Record<DemoSegment, SegmentProfile>> = {
  SMB: { attemptsPerYear: 3.4, medianCycleDays: 32, medianSizeUsd: 12_000, winRate: 0.28 },
  'Mid-Market': { attemptsPerYear: 4.6, medianCycleDays: 65, medianSizeUsd: 46_000, winRate: 0.24 },
  Enterprise: { attemptsPerYear: 5.8, medianCycleDays: 115, medianSizeUsd: 160_000, winRate: 0.2 },
};

const YEAR = 365;
const RENEWAL_WIN_RATE = 0.82;
const EXPANSION_WIN_RATE = 0.42;
const EXPANSIONS_PER_YEAR = 2.1;
/** A third of prospects fit the product well and win far more often; together they give a 20-30 % win rate. */
const GOOD_FIT_SHARE = 0.35;
const GOOD_FIT_WIN_FACTOR = 1.8;
const POOR_FIT_WIN_FACTOR = 0.65;
/** Share of accounts already customers before the three years of history (renewals start at once). */
const EXISTING_CUSTOMER_SHARE = 0.4;

// Seasonality, January first. More deals are opened from September to November and buyers spend
// remaining budget before the year ends, so Q4 (December above all) closes the most bookings.
const CREATED_MONTH_WEIGHT = [0.85, 0.9, 1, 0.9, 0.95, 1, 0.85, 0.9, 1.1, 1.2, 1.1, 0.75] as const;
const WIN_FACTOR_BY_CLOSE_MONTH = [0.92, 0.92, 0.95, 0.92, 0.92, 0.95, 0.9, 0.9, 0.95, 1.05, 1.1, 1.35] as const;
const ANNIVERSARY_MONTH_WEIGHT = [0.7, 0.7, 0.9, 0.7, 0.7, 0.9, 0.6, 0.7, 1, 1.1, 1.2, 1.9] as const;

function monthOf(day: number): number {
  return new Date(day * 86_400_000).getUTCMonth();
}

function yearOf(day: number): number {
  return new Date(day * 86_400_000).getUTCFullYear();
}

function epochDay(year: number, monthIndex: number, dayOfMonth: number): number {
  return Math.round(Date.UTC(year, monthIndex, dayOfMonth) / 86_400_000);
}

/** The last day of the calendar quarter holding `day`. */
function quarterEnd(day: number): number {
  const month = monthOf(day);
  return epochDay(yearOf(day), month - (month % 3) + 3, 0);
}

/**
 * Deals are planned account by account: a prospect sees new-business attempts until one is won;
 * a customer then renews every year (or churns) and sometimes expands. Renewals therefore inherit
 * the Q4 weight of the wins they follow. Only deals created inside the history window are kept.
 */
export class DemoDealPlanner {
  private readonly deals: DemoDealPlan[] = [];

  constructor(
    private readonly random: SeededRandom,
    private readonly windowStartDay: number,
    private readonly todayDay: number,
  ) {}

  planAccount(account: DemoAccount): void {
    if (account.createdDay < this.windowStartDay - YEAR && this.random.chance(EXISTING_CUSTOMER_SHARE)) {
      const profile = SEGMENTS[account.segment];
      const month = this.random.weighted(ANNIVERSARY_MONTH_WEIGHT.map((w, m) => [m, w] as const));
      let anniversary = epochDay(yearOf(this.windowStartDay), month, this.random.int(1, 28));
      if (anniversary < this.windowStartDay) anniversary += YEAR;
      const since = Math.max(account.createdDay, anniversary - YEAR);
      this.planCustomer(account, since, anniversary, this.random.logNormal(profile.medianSizeUsd, 0.6));
      return;
    }
    this.planProspect(account);
  }

  plans(): readonly DemoDealPlan[] {
    return this.deals;
  }

  /**
   * New-business attempts arrive as a seasonal Poisson process and may overlap (different teams
   * of the prospect evaluate separately). The first win makes the account a customer: no new
   * attempt starts after it closes, and the customer's renewals and expansions follow from it.
   */
  private planProspect(account: DemoAccount): void {
    const profile = SEGMENTS[account.segment];
    // Fit varies: a good-fit prospect converts within a few tries; a poor fit keeps losing deals.
    const fit = this.random.chance(GOOD_FIT_SHARE) ? GOOD_FIT_WIN_FACTOR : POOR_FIT_WIN_FACTOR;
    const maxWeight = Math.max(...CREATED_MONTH_WEIGHT);
    let firstWin: { closeDay: number; sizeUsd: number } | null = null;
    for (let day = Math.max(account.createdDay, this.windowStartDay); ; ) {
      day += Math.max(1, Math.round(this.random.exponential(YEAR / profile.attemptsPerYear)));
      if (day > this.todayDay || (firstWin !== null && day >= firstWin.closeDay)) break;
      // Thinning: a uniform stream of candidate days, kept in proportion to the month's weight.
      if (!this.random.chance((CREATED_MONTH_WEIGHT[monthOf(day)] ?? 1) / maxWeight)) continue;
      const cycle = Math.max(7, Math.round(this.random.logNormal(profile.medianCycleDays, 0.55)));
      const closeDay = this.bunchCloseDay(day, day + cycle);
      const decemberBonus = monthOf(closeDay) === 11 ? 1.15 : 1;
      const sizeUsd = this.random.logNormal(profile.medianSizeUsd, 0.6) * decemberBonus;
      if (closeDay > this.todayDay) {
        this.add(account, 'New Business', day, closeDay, 'open', sizeUsd);
        continue;
      }
      const won = this.random.chance(profile.winRate * fit * (WIN_FACTOR_BY_CLOSE_MONTH[monthOf(closeDay)] ?? 1));
      this.add(account, 'New Business', day, closeDay, won ? 'won' : 'lost', sizeUsd);
      if (won && (firstWin === null || closeDay < firstWin.closeDay)) firstWin = { closeDay, sizeUsd };
    }
    if (firstWin !== null) this.planCustomer(account, firstWin.closeDay, firstWin.closeDay + YEAR, firstWin.sizeUsd);
  }

  /** Renewals on each anniversary until one is lost or lies beyond today; expansions in between. */
  private planCustomer(account: DemoAccount, since: number, firstAnniversary: number, annualValueUsd: number): void {
    const profile = SEGMENTS[account.segment];
    let annualValue = annualValueUsd;
    let periodStart = since;
    for (let anniversary = firstAnniversary; ; anniversary += YEAR) {
      annualValue += this.planExpansions(account, periodStart, anniversary, annualValue, profile);
      const createdDay = anniversary - this.random.int(75, 120);
      if (createdDay > this.todayDay) return;
      // Renewals close near the anniversary; some run late while the paperwork catches up.
      const slip = this.random.chance(0.15) ? this.random.int(10, 45) : this.random.int(-14, 7);
      let closeDay = Math.max(createdDay + 7, anniversary + slip);
      const sizeUsd = annualValue * this.random.between(0.95, 1.08);
      if (closeDay > this.todayDay) {
        closeDay = this.clampOpenCloseDay(closeDay);
        this.add(account, 'Renewal', createdDay, closeDay, 'open', sizeUsd);
        return;
      }
      const won = this.random.chance(RENEWAL_WIN_RATE);
      this.add(account, 'Renewal', createdDay, closeDay, won ? 'won' : 'lost', sizeUsd);
      if (!won) return;
      annualValue = sizeUsd;
      periodStart = anniversary;
    }
  }

  /** Expansion deals created in [from, to); returns the annual value the won ones add. */
  private planExpansions(account: DemoAccount, from: number, to: number, annualValue: number, profile: SegmentProfile): number {
    let added = 0;
    for (let day = from; ; ) {
      day += Math.max(1, Math.round(this.random.exponential(YEAR / EXPANSIONS_PER_YEAR)));
      if (day >= to - 30 || day > this.todayDay) return added;
      const cycle = Math.max(7, Math.round(this.random.logNormal(profile.medianCycleDays * 0.6, 0.5)));
      const closeDay = this.bunchCloseDay(day, day + cycle);
      const sizeUsd = annualValue * Math.min(1.5, this.random.logNormal(0.3, 0.5));
      if (closeDay > this.todayDay) {
        this.add(account, 'Expansion', day, closeDay, 'open', sizeUsd);
        continue;
      }
      const won = this.random.chance(EXPANSION_WIN_RATE * (WIN_FACTOR_BY_CLOSE_MONTH[monthOf(closeDay)] ?? 1));
      this.add(account, 'Expansion', day, closeDay, won ? 'won' : 'lost', sizeUsd);
      if (won && closeDay < to) added += sizeUsd;
    }
  }

  /**
   * End-of-period pressure: some deals due early in January are signed before the year ends, and
   * some are dragged to the last fortnight of their quarter. Open deals keep a close date within
   * the next two quarters.
   */
  private bunchCloseDay(createdDay: number, naturalCloseDay: number): number {
    let closeDay = naturalCloseDay;
    if (monthOf(closeDay) === 0 && this.random.chance(0.4)) {
      const pulled = epochDay(yearOf(closeDay) - 1, 11, 31) - this.random.int(0, 12);
      if (pulled >= createdDay + 7) closeDay = pulled;
    } else if (this.random.chance(0.3)) {
      closeDay = Math.max(closeDay, quarterEnd(closeDay) - this.random.int(0, 13));
    }
    return closeDay > this.todayDay ? this.clampOpenCloseDay(closeDay) : closeDay;
  }

  private clampOpenCloseDay(closeDay: number): number {
    return Math.min(this.todayDay + 183, Math.max(this.todayDay + 3, closeDay));
  }

  private add(account: DemoAccount, type: DemoDealType, createdDay: number, closeDay: number, outcome: DemoOutcome, sizeUsd: number): void {
    if (createdDay < this.windowStartDay) return;
    this.deals.push({ account, type, createdDay, closeDay, outcome, sizeUsd });
  }
}
