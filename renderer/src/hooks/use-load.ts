import { useCallback, useEffect, useRef, useState } from 'react';

import { errorMessage } from '../bridge';

export type Loaded<T> =
  | { status: 'loading'; value: T | null; error: null }
  | { status: 'ready'; value: T; error: null }
  | { status: 'error'; value: T | null; error: string };

/**
 * Runs `load` on mount and whenever `deps` change; `reload` runs it again. A stale answer
 * (from before the last change) is dropped, so a slow call never overwrites a newer one.
 */
export function useLoad<T>(
  load: () => Promise<T>,
  deps: readonly unknown[],
): Loaded<T> & { reload: () => void } {
  const [state, setState] = useState<Loaded<T>>({ status: 'loading', value: null, error: null });
  const generation = useRef(0);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    const current = ++generation.current;
    setState((previous) => ({ status: 'loading', value: previous.value, error: null }));
    load().then(
      (value) => {
        if (current === generation.current) setState({ status: 'ready', value, error: null });
      },
      (error: unknown) => {
        if (current === generation.current) {
          setState((previous) => ({
            status: 'error',
            value: previous.value,
            error: errorMessage(error),
          }));
        }
      },
    );
    // `load` is a new function every render; `deps` say when it means something new.
  }, [...deps, tick]);

  const reload = useCallback(() => setTick((value) => value + 1), []);
  return { ...state, reload };
}
