import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../api/api-client';

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
 * Runs a change, shows the adapter's words when it is refused (`words` may add what to do next),
 * and reports when it is busy.
 */
export function useAction(
  after: () => Promise<void>,
  words: (failure: unknown) => string = refusalText,
) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const run = useCallback(
    async (change: () => Promise<void>, saved?: () => void): Promise<boolean> => {
      setBusy(true);
      setError(undefined);
      try {
        await change();
        // Clear the form as soon as the change is kept, before the refresh, so typing is never lost.
        saved?.();
        await after();
        return true;
      } catch (failure) {
        setError(words(failure));
        // A 409 means the case moved on (someone else got there first, consent changed): show it.
        if (failure instanceof ApiError && failure.status === 409)
          await after().catch(() => undefined);
        return false;
      } finally {
        setBusy(false);
      }
    },
    [after, words],
  );
  return { busy, error, run };
}

/** The adapter's words. */
export const refusalText = (failure: unknown): string =>
  failure instanceof Error ? failure.message : String(failure);

/** For a form with a share box: a 409 `no-consent` says what to do next. */
export function shareRefusalText(failure: unknown): string {
  if (failure instanceof ApiError && failure.code === 'no-consent') {
    const words = /[.!?]$/.test(failure.message) ? failure.message : `${failure.message}.`;
    return `Not saved: ${words} The share box now follows the person’s consent: save again to keep this with your service only.`;
  }
  return refusalText(failure);
}
