import type { PlainDate } from '../../core/shared/plain-date.ts';

/** Today's date in UTC: the "as of today" every scope and default asOf is read at. */
export function todayUtc(now: Date = new Date()): PlainDate {
  return now.toISOString().slice(0, 10) as PlainDate;
}
