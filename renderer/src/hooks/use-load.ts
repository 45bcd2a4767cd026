import { useCallback, useEffect, useMemo, useState } from 'react';
import { asBridgeError, type BridgeError } from '../bridge';

export interface Loaded<T> {
  data: T | undefined;
  error: BridgeError | null;
  loading: boolean;
  reload: () => void;
}

/**
 * Runs `load` (a `useCallback` naming what it depends on) whenever it changes, and again on `reload`.
 * The previous data stays visible while a new answer is on its way (no flicker after an edit); an
 * answer that arrives after a newer request started is dropped.
 */
export function useLoad<T>(load: () => Promise<T>): Loaded<T> {
  const [tick, setTick] = useState(0);
  const request = useMemo(() => ({ load, tick }), [load, tick]);
  const [state, setState] = useState<{ data: T | undefined; error: BridgeError | null; answered: unknown }>({ data: undefined, error: null, answered: null });

  useEffect(() => {
    let current = true;
    request.load().then(
      (data) => {
        if (current) setState({ data, error: null, answered: request });
      },
      (e: unknown) => {
        if (current) setState({ data: undefined, error: asBridgeError(e), answered: request });
      },
    );
    return () => {
      current = false;
    };
  }, [request]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data: state.data, error: state.error, loading: state.answered !== request, reload };
}
