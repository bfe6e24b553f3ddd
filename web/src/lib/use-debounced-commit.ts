import { useEffect, useRef } from 'react';

/**
 * Calls `callback(value)` once `value` has stayed the same for `delayMs` and differs from
 * `committed` (what the caller already acted on), e.g. a search box that queries the server only
 * when typing pauses.
 */
export function useDebouncedCommit(value: string, committed: string, callback: (value: string) => void, delayMs = 300): void {
  const latest = useRef(callback);
  useEffect(() => {
    latest.current = callback;
  });
  useEffect(() => {
    if (value === committed) return;
    const timer = setTimeout(() => latest.current(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, committed, delayMs]);
}
