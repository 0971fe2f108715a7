import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../api/api-client';
import { problemsOf, type FieldControls, type FormProblems } from './form-errors';

export type Loaded<T> =
  | { readonly kind: 'loading' }
  | { readonly kind: 'failed'; readonly message: string }
  | { readonly kind: 'ready'; readonly value: T };

/** Loads on mount and on `reload()`; keeps showing the last value while reloading. */
export function useLoad<T>(load: () => Promise<T>): [Loaded<T>, () => Promise<void>] {
  const [state, setState] = useState<Loaded<T>>({ kind: 'loading' });
  const reload = useCallback(async () => {
    try {
      const value = await load();
      setState({ kind: 'ready', value });
    } catch (error) {
      setState({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  }, [load]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return [state, reload];
}

/**
 * Runs a change and reports when it is busy. A refusal becomes the form's problems: in the
 * adapter's words (`words` may add what to do next), against the control its field names
 * (`controls`, with `within` for one call: a form repeated per item names its own controls).
 * `refuse` shows the form's own checks instead of sending.
 */
export function useAction(
  after: () => Promise<void>,
  options: {
    readonly words?: (failure: unknown) => string;
    readonly controls?: FieldControls;
  } = {},
) {
  const { words, controls } = options;
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<FormProblems>([]);
  const run = useCallback(
    async (
      change: () => Promise<void>,
      saved?: () => void,
      within?: FieldControls,
    ): Promise<boolean> => {
      setBusy(true);
      setProblems([]);
      try {
        await change();
        // Clear the form as soon as the change is kept, before the refresh, so typing is never lost.
        saved?.();
        await after();
        return true;
      } catch (failure) {
        setProblems(
          problemsOf(failure, within === undefined ? controls : { ...controls, ...within }, words),
        );
        // A 409 means the case moved on (someone else got there first, consent changed): show it.
        if (failure instanceof ApiError && failure.status === 409)
          await after().catch(() => undefined);
        return false;
      } finally {
        setBusy(false);
      }
    },
    [after, words, controls],
  );
  /** Shows `found` (the form's own checks) and says whether the form may be sent. */
  const refuse = useCallback((found: FormProblems): boolean => {
    setProblems(found);
    return found.length > 0;
  }, []);
  return { busy, problems, run, refuse };
}
