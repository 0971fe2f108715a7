import { useEffect, useState } from 'react';
import type { LinkWorkerApi } from '../api/api-client';
import { formatDateTime } from '../dates';
import type { DirectoryImport } from './types';

const POLL_MS = 500;
const REFUSALS_SHOWN = 20;

function counts(run: DirectoryImport): string {
  return (
    `${run.seen} services read: ${run.created} new, ${run.updated} updated, ` +
    `${run.unchanged} unchanged, ${run.inactivated} no longer in the feed, ` +
    `${run.refused.length} refused`
  );
}

/**
 * The manager's import of the community directory from its Open Referral UK feed: start one now
 * (the schedule runs on its own), watch its progress page by page, and see what was refused and why.
 */
export function DirectoryImportPanel({ api }: { api: LinkWorkerApi }) {
  const [run, setRun] = useState<DirectoryImport | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const failed = (error: unknown): void => {
    setProblem(error instanceof Error ? error.message : String(error));
  };
  useEffect(() => {
    if (run?.state !== 'running') return;
    const timer = setTimeout(() => {
      api
        .get<DirectoryImport>(`directory/import/${encodeURIComponent(run.id)}`)
        .then(setRun, failed);
    }, POLL_MS);
    return () => {
      clearTimeout(timer);
    };
  }, [api, run]);
  const pages =
    run?.totalPages === undefined ? undefined : Math.min(run.pagesRead / run.totalPages, 1);
  return (
    <section className="lw-insights__section" aria-labelledby="directory-import">
      <h2 className="nhsuk-heading-m" id="directory-import">
        Community directory
      </h2>
      <p>
        The directory is imported from the area&apos;s Open Referral UK feed on a schedule; import
        it now after the feed has changed.
      </p>
      <button
        type="button"
        className="nhsuk-button nhsuk-button--secondary"
        disabled={run?.state === 'running'}
        onClick={() => {
          setProblem(undefined);
          api.post<DirectoryImport>('directory/import', {}).then(setRun, failed);
        }}
      >
        Import the directory now
      </button>
      <div aria-live="polite">
        {run === undefined ? null : run.state === 'running' ? (
          <p>
            <label htmlFor="directory-import-progress">Importing {run.feedName}: </label>
            {pages === undefined ? (
              <progress id="directory-import-progress" />
            ) : (
              <progress id="directory-import-progress" max={1} value={pages} />
            )}{' '}
            page {run.pagesRead}
            {run.totalPages === undefined ? '' : ` of ${run.totalPages}`}; {counts(run)}.
          </p>
        ) : run.state === 'failed' ? (
          <p className="lw-problem">
            The import stopped: {run.error ?? 'the feed could not be read'}. Nothing already
            imported was lost; try again later.
          </p>
        ) : (
          <p>
            Imported {run.feedName} at {formatDateTime(run.finishedAt)}: {counts(run)}.
          </p>
        )}
        {run === undefined || run.refused.length === 0 ? null : (
          <details className="nhsuk-details">
            <summary className="nhsuk-details__summary">
              <span className="nhsuk-details__summary-text">Why records were refused</span>
            </summary>
            <div className="nhsuk-details__text">
              <ul className="nhsuk-list nhsuk-list--bullet">
                {run.refused.slice(0, REFUSALS_SHOWN).map((r, i) => (
                  <li key={r.id ?? `refused-${i}`}>
                    {r.id ?? 'A record without an id'}: {r.reasons.join('; ')}
                  </li>
                ))}
              </ul>
              {run.refused.length > REFUSALS_SHOWN ? (
                <p>and {run.refused.length - REFUSALS_SHOWN} more.</p>
              ) : null}
            </div>
          </details>
        )}
        {problem === undefined ? null : (
          <p className="lw-problem" role="alert">
            {problem}
          </p>
        )}
      </div>
    </section>
  );
}
