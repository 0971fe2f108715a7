import { REFERRAL_BUSINESS_STATUSES } from '@linkwell/profiles';
import { statusLabel } from '../caseload/caseload-view';
import { formatDate } from '../dates';
import type { SectionProps } from './CasePage';
import { ErrorSummary } from './ErrorSummary';
import { Section } from './form-parts';
import { latestOfKind, SyncBadge } from './SyncBadge';
import { useAction } from './use-load';

/** How the case closed, in the link worker's words, and whether the closing summary reached the GP. */
export function ClosureSection({ api, view, reload }: SectionProps) {
  const { problems, run } = useAction(reload);
  const closure = view.record.closure;
  if (closure === undefined || closure === null) return null;
  const ending =
    view.record.businessStatus === undefined
      ? statusLabel(view.record.status)
      : REFERRAL_BUSINESS_STATUSES[view.record.businessStatus];
  const summary = latestOfKind(view.details.syncStates, 'summary');
  return (
    <Section title="Closure" id="closure-heading">
      <dl className="nhsuk-summary-list nhsuk-u-font-size-16 nhsuk-u-margin-bottom-3">
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">Closed</dt>
          <dd className="nhsuk-summary-list__value">
            {formatDate(closure.closedAt)}
            {` · ${ending}`}
          </dd>
        </div>
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">What happened</dt>
          <dd className="nhsuk-summary-list__value" style={{ whiteSpace: 'pre-wrap' }}>
            {closure.reason}
          </dd>
        </div>
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">Asked of the GP</dt>
          <dd className="nhsuk-summary-list__value" style={{ whiteSpace: 'pre-wrap' }}>
            {closure.gpActions === undefined ||
            closure.gpActions === null ||
            closure.gpActions === ''
              ? 'Nothing'
              : closure.gpActions}
          </dd>
        </div>
      </dl>
      <p>
        A closing summary is sent to the GP record:{' '}
        <SyncBadge
          shared
          state={summary}
          onRetry={(seq) => run(() => api.retrySync(seq)).then(() => undefined)}
        />
      </p>
      <ErrorSummary problems={problems} />
    </Section>
  );
}
