import { useCallback, useEffect, useState } from 'react';

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

/** Runs a change, shows the adapter's words when it is refused, and reports when it is busy. */
export function useAction(after: () => Promise<void>) {
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
        setError(failure instanceof Error ? failure.message : String(failure));
        return false;
      } finally {
        setBusy(false);
      }
    },
    [after],
  );
  return { busy, error, run };
}
