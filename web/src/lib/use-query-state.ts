import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';

/**
 * Table state (page, sort, filters) kept in the URL query string, so a view can be bookmarked and
 * shared and the Back button undoes a filter. Values equal to their default are left out of the URL.
 */
export function useQueryState<K extends string>(
  defaults: Readonly<Record<K, string>>,
): [Readonly<Record<K, string>>, (patch: Partial<Record<K, string>>, options?: { replace?: boolean }) => void] {
  const [params, setParams] = useSearchParams();

  const values = useMemo(() => {
    const result: Record<K, string> = { ...defaults };
    for (const key of Object.keys(defaults) as K[]) {
      const value = params.get(key);
      if (value !== null) result[key] = value;
    }
    return result;
  }, [params, defaults]);

  const update = useCallback(
    (patch: Partial<Record<K, string>>, options?: { replace?: boolean }) => {
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [key, value] of Object.entries(patch) as [K, string | undefined][]) {
            if (value === undefined) continue;
            if (value === '' || value === defaults[key]) next.delete(key);
            else next.set(key, value);
          }
          // Any change but turning the page starts again from the first page of the new result.
          if (!('page' in patch)) next.delete('page');
          return next;
        },
        // Typing in a search box replaces the entry rather than adding one per debounced keystroke.
        { replace: options?.replace ?? false },
      );
    },
    [setParams, defaults],
  );

  return [values, update];
}
