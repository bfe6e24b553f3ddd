import { useCallback, useEffect, useState } from 'react';
import { getJson } from './http-client.ts';

export type LoadStatus = 'loading' | 'ready' | 'error';

export interface ApiResource<T> {
  readonly status: LoadStatus;
  /** The last answer received; kept while the next one loads so tables do not flicker. */
  readonly data: T | undefined;
  readonly error: unknown;
  /** Loads the same path again (after a change was saved, or from a "Try again" button). */
  readonly reload: () => void;
  /** Shows an answer obtained otherwise, e.g. the record a PATCH returned. */
  readonly replace: (data: T) => void;
}

/**
 * GETs `path` whenever it changes (null: nothing to load yet). A newer path cancels the older
 * request, so an answer that arrives late never overwrites the one for what is on screen.
 */
export function useApi<T>(path: string | null): ApiResource<T> {
  const [state, setState] = useState<{ status: LoadStatus; data: T | undefined; error: unknown }>({
    status: 'loading',
    data: undefined,
    error: null,
  });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    if (path === null) return;
    const controller = new AbortController();
    setState((previous) => ({ status: 'loading', data: previous.data, error: null }));
    getJson<T>(path, controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ status: 'ready', data, error: null });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState((previous) => ({ status: 'error', data: previous.data, error }));
      },
    );
    return () => controller.abort();
  }, [path, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const replace = useCallback((data: T) => setState({ status: 'ready', data, error: null }), []);
  return { ...state, reload, replace };
}
