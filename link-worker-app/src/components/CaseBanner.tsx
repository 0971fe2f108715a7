import { formatDate } from '../dates';
import type { SectionProps } from './CasePage';

/**
 * What the worker should see on every section of the case: who holds it and when it is next due.
 * Other facts that must never be missed (risks, say) belong here too.
 */
export function CaseBanner({ view, people }: SectionProps) {
  const { record, details } = view;
  return (
    <p className="lw-case-banner" aria-label="Case summary">
      <span>
        Held by{' '}
        {record.assignedTo === undefined
          ? 'nobody yet'
          : people.nameOf(record.assignedTo, record.assignedToName)}
      </span>
      {details.nextFollowUp === null ? null : (
        <span>Next follow-up {formatDate(details.nextFollowUp)}</span>
      )}
      {details.referral?.priority === undefined ||
      details.referral.priority === 'routine' ? null : (
        <span className="nhsuk-tag nhsuk-tag--red">{details.referral.priority}</span>
      )}
    </p>
  );
}
