import { useEffect, useState } from 'react';
import type { LinkWorkerApi } from '../api/api-client';
import type { ExportKind, ExportStatus } from '@linkwell/contracts';

const KINDS: readonly { kind: ExportKind; label: string; file: string; hint: string }[] = [
  {
    kind: 'csv',
    label: 'Minimum dataset (CSV)',
    file: 'linkwell-minimum-dataset.csv',
    hint: 'One row per case, for the service and NHS returns.',
  },
  {
    kind: 'ndjson',
    label: 'Minimum dataset (FHIR NDJSON)',
    file: 'linkwell-minimum-dataset.ndjson',
    hint: 'EpisodeOfCare and outcome Observations, one resource per line.',
  },
  {
    kind: 'research',
    label: 'Research extract (CSV)',
    file: 'linkwell-research-extract.csv',
    hint: 'Pseudonymised, and only people who agreed to research use and whose consent stands.',
  },
];

/** The manager's exports: start one for the current filter, watch it, download it when done. */
export function ExportsPanel({ api, query }: { api: LinkWorkerApi; query: string }) {
  const [job, setJob] = useState<ExportStatus | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  useEffect(() => {
    if (job?.status !== 'running' || api.exportStatus === undefined) return;
    const timer = setTimeout(() => {
      void api.exportStatus?.(job.id).then(setJob, (error: unknown) => {
        setProblem(error instanceof Error ? error.message : String(error));
      });
    }, 300);
    return () => {
      clearTimeout(timer);
    };
  }, [api, job]);
  if (api.startExport === undefined) return null;
  const chosen = KINDS.find((k) => k.kind === job?.kind);
  return (
    <section className="lw-insights__section" aria-labelledby="exports">
      <h2 className="nhsuk-heading-m" id="exports">
        Exports
      </h2>
      <p>
        For the cases in the current filter. The data dictionary of each is at{' '}
        <code>/api/exports/data-dictionary.csv?for=service</code> and <code>?for=research</code>.
      </p>
      <div className="lw-inline-form">
        {KINDS.map((k) => (
          <button
            key={k.kind}
            type="button"
            className="nhsuk-button nhsuk-button--secondary"
            disabled={job?.status === 'running'}
            title={k.hint}
            onClick={() => {
              setProblem(undefined);
              void api.startExport?.(k.kind, query).then(setJob, (error: unknown) => {
                setProblem(error instanceof Error ? error.message : String(error));
              });
            }}
          >
            {k.label}
          </button>
        ))}
      </div>
      <div aria-live="polite">
        {job === undefined ? null : job.status === 'running' ? (
          <p>
            <label htmlFor="export-progress">{chosen?.label} in progress: </label>
            <progress id="export-progress" max={1} value={job.progress} /> {job.rows} of {job.total}{' '}
            cases
          </p>
        ) : job.status === 'failed' ? (
          <p className="lw-problem">
            The export failed; try again, and tell the service&apos;s IT contact if it fails again.
          </p>
        ) : (
          <p>
            {chosen?.label} is ready: {job.rows} cases.{' '}
            <button
              type="button"
              className="nhsuk-button"
              onClick={() => {
                void api.downloadExport?.(job.id).then((blob) => {
                  const url = URL.createObjectURL(blob);
                  const link = document.createElement('a');
                  link.href = url;
                  link.download = chosen?.file ?? 'linkwell-export';
                  link.click();
                  URL.revokeObjectURL(url);
                });
              }}
            >
              Download
            </button>
          </p>
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
