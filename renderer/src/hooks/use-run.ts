import { useCallback, useState } from 'react';
import { asBridgeError, type BridgeError } from '../bridge';

/**
 * The busy and error state of a screen's bridge work, written once: `run(what, work)` clears the last
 * error, marks `what` busy (so its button can say "Menyimpan…" and the others wait), turns a failure into
 * the core's Indonesian message for ErrorNote, and ends busy whatever happened.
 */
export function useRun<K extends string>(): {
  busy: K | null;
  error: BridgeError | null;
  setError: (e: BridgeError | null) => void;
  run: (what: K, work: () => Promise<void>) => Promise<void>;
} {
  const [busy, setBusy] = useState<K | null>(null);
  const [error, setError] = useState<BridgeError | null>(null);
  const run = useCallback(async (what: K, work: () => Promise<void>) => {
    setError(null);
    setBusy(what);
    try {
      await work();
    } catch (e) {
      setError(asBridgeError(e));
    } finally {
      setBusy(null);
    }
  }, []);
  return { busy, error, setError, run };
}

/**
 * `useRun` for a form with one action (most dialogs): `busy` is a plain flag for the Dialog's button.
 * A validation message found before the call goes through `setError` with a BridgeError.
 */
export function useSubmit(): {
  busy: boolean;
  error: BridgeError | null;
  setError: (e: BridgeError | null) => void;
  submit: (work: () => Promise<void>) => Promise<void>;
} {
  const { busy, error, setError, run } = useRun<'submit'>();
  const submit = useCallback((work: () => Promise<void>) => run('submit', work), [run]);
  return { busy: busy !== null, error, setError, submit };
}
