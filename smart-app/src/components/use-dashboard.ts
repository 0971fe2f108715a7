import { useCallback, useEffect, useState } from 'react';
import { hasChanged } from '../fhir/change-probe';
import { loadDashboard, type Dashboard } from '../fhir/load-dashboard';
import { problemOf, type Problem } from '../smart/problems';
import type { PageSignals } from '../smart/page-signals';
import type { SmartClient } from '../smart/smart-client';

export type Load =
  | { readonly kind: 'loading'; readonly previous?: Dashboard }
  | { readonly kind: 'ready'; readonly dashboard: Dashboard }
  | { readonly kind: 'problem'; readonly problem: Problem };

export interface DashboardState {
  readonly load: Load;
  /** Reads the dashboard again, showing that it is loading. */
  readonly reload: () => void;
  /** Reads the dashboard again in the background (after a change the app made itself). */
  readonly refresh: () => void;
  readonly fail: (problem: Problem) => void;
}

/** The default pace of the change probe while the page is on screen. */
export const LIVE_UPDATE_MS = 15_000;

/**
 * The dashboard, kept current while the app is open: every `intervalMs` (and when the page is
 * shown again or gains focus) one small batch of counts asks whether anything changed after the
 * newest update seen; only then is the dashboard batch read again. Nothing runs while hidden.
 */
export function useDashboard(
  client: SmartClient,
  page: PageSignals,
  intervalMs: number = LIVE_UPDATE_MS,
): DashboardState {
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [reloads, setReloads] = useState(0);
  const [refreshes, setRefreshes] = useState(0);

  useEffect(() => {
    // Aborting on cleanup means StrictMode's second effect run never leaves two loads racing.
    const controller = new AbortController();
    setLoad((current) => ({
      kind: 'loading',
      ...(current.kind === 'ready' ? { previous: current.dashboard } : {}),
    }));
    loadDashboard(client, controller.signal).then(
      (dashboard) => {
        setLoad({ kind: 'ready', dashboard });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setLoad({ kind: 'problem', problem: problemOf(error) });
      },
    );
    return () => {
      controller.abort();
    };
  }, [client, reloads]);

  const dashboard = load.kind === 'ready' ? load.dashboard : undefined;
  useEffect(() => {
    if (dashboard === undefined) return;
    const controller = new AbortController();
    const aborted = (): boolean => controller.signal.aborted;
    let timer: ReturnType<typeof setInterval> | undefined;
    const sleep = (): void => {
      clearInterval(timer);
      timer = undefined;
    };
    // `done` once this dashboard has been replaced: its probes (from the old `since`) would only
    // find the same change again before React swaps in the new dashboard.
    let [busy, done] = [false, false];
    const reread = async (): Promise<void> => {
      if (busy || done || page.hidden()) return;
      busy = true;
      try {
        const { patientId, since } = dashboard;
        if (!(await hasChanged(client, patientId, since, controller.signal)) || aborted()) return;
        const next = await loadDashboard(client, controller.signal);
        if (aborted()) return;
        done = true;
        sleep();
        setLoad({ kind: 'ready', dashboard: next });
      } catch (error) {
        // A missed probe is tried again on the next tick; only an ended session stops the app.
        const problem = problemOf(error);
        if (!aborted() && problem.kind === 'session-expired') setLoad({ kind: 'problem', problem });
      } finally {
        busy = false;
      }
    };
    const wake = (): void => {
      if (done) return;
      timer ??= setInterval(() => void reread(), intervalMs);
      void reread();
    };
    if (!page.hidden()) timer = setInterval(() => void reread(), intervalMs);
    const unwatch = page.watch(wake, sleep);
    return () => {
      sleep();
      unwatch();
      controller.abort();
    };
  }, [client, page, intervalMs, dashboard]);

  useEffect(() => {
    if (refreshes === 0) return;
    const controller = new AbortController();
    loadDashboard(client, controller.signal).then(
      (next) => {
        setLoad({ kind: 'ready', dashboard: next });
      },
      (error: unknown) => {
        const problem = problemOf(error);
        if (!controller.signal.aborted && problem.kind === 'session-expired') {
          setLoad({ kind: 'problem', problem });
        }
      },
    );
    return () => {
      controller.abort();
    };
  }, [client, refreshes]);

  const reload = useCallback(() => {
    setReloads((n) => n + 1);
  }, []);
  const refresh = useCallback(() => {
    setRefreshes((n) => n + 1);
  }, []);
  const fail = useCallback((problem: Problem) => {
    setLoad({ kind: 'problem', problem });
  }, []);
  return { load, reload, refresh, fail };
}
