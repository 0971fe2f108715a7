import { useCallback, useState } from 'react';
import type { LinkWorkerApi } from '../api/api-client';
import type { HeldReferral } from '@linkwell/contracts';
import { formatDateTime } from '../dates';
import { useLoad } from './use-load';

/** Referrals the adapter would not take on, with the reason each is held (no patient data). */
export function HeldReferrals({ api }: { api: LinkWorkerApi }) {
  // An adapter without the endpoint, or a failure, shows nothing rather than blocking the caseload.
  const load = useCallback(
    () => api.heldReferrals().catch((): readonly HeldReferral[] => []),
    [api],
  );
  const [state, reload] = useLoad(load);
  const [problem, setProblem] = useState<string | undefined>();
  if (state.kind !== 'ready' || state.value.length === 0) return null;
  const dismiss = (taskId: string): void => {
    setProblem(undefined);
    api
      .dismissHeldReferral(taskId)
      .then(reload)
      .catch((error: unknown) => {
        setProblem(error instanceof Error ? error.message : 'The hold could not be set aside.');
      });
  };
  const held = state.value;
  return (
    <section className="nhsuk-inset-text lw-inset--warning" aria-labelledby="held-heading">
      <h2 className="nhsuk-heading-s" id="held-heading">
        {held.length} {held.length === 1 ? 'referral' : 'referrals'} held for review
      </h2>
      <p>
        These came from the GP record but did not become cases, for the reason given. Ask the
        practice to check them.
      </p>
      <ul className="nhsuk-list nhsuk-list--bullet">
        {held.map((h) => (
          <li key={h.taskId}>
            {h.reason}{' '}
            <span className="nhsuk-u-secondary-text-colour nhsuk-u-font-size-16">
              (first seen {formatDateTime(h.firstSeen)})
            </span>{' '}
            <button
              type="button"
              className="nhsuk-button nhsuk-button--secondary"
              onClick={() => {
                dismiss(h.taskId);
              }}
            >
              Reviewed: set aside
            </button>
          </li>
        ))}
      </ul>
      {problem !== undefined && (
        <p className="nhsuk-error-message" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}
