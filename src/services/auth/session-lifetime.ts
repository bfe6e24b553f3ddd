/** How long a sign-in session lasts: whichever limit comes first ends it. */

/** A session unused for 12 hours ends (the idle limit slides with every use). */
export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;

/** A session ends 7 days after sign-in however busy it is. */
export const SESSION_ABSOLUTE_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Last use (of a session or an API token) is written at most once a minute, so a burst of reads
 * does not turn every request into a write.
 */
export const LAST_USE_RESOLUTION_MS = 60 * 1000;

export function plusMs(at: Date, ms: number): Date {
  return new Date(at.getTime() + ms);
}
