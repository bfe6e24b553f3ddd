/**
 * Dates in the API are ISO calendar dates (YYYY-MM-DD, no time zone) or UTC instants. Calendar
 * dates are formatted in UTC so a close date never shifts by a day with the viewer's time zone.
 */

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });
const instantFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** "Jun 30, 2025" for "2025-06-30" (in the browser's locale); the input as given when it is not a date. */
export function formatDate(isoDate: string | null): string {
  if (isoDate === null || isoDate === '') return '—';
  const time = Date.parse(`${isoDate.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(time) ? isoDate : dateFormat.format(time);
}

/** An instant in the viewer's own time zone, for "when did this happen". */
export function formatInstant(iso: string | null): string {
  if (iso === null || iso === '') return '—';
  const time = Date.parse(iso);
  return Number.isNaN(time) ? iso : instantFormat.format(time);
}

/** Today's date in UTC as YYYY-MM-DD: the server counts "today" in UTC too. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}
