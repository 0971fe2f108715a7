import { REFERRAL_BUSINESS_STATUSES } from '@linkwell/profiles';
import type { StatusStep } from '@linkwell/contracts';
import { statusLabel } from '../caseload/caseload-view';
import { formatDateTime } from '../dates';
import type { SectionProps } from './CasePage';
import { Section } from './form-parts';

/** One step in words: the status when it changed, and the stage. */
export function stepLabel(step: StatusStep, previous: StatusStep | undefined): string {
  if (step.status === 'requested') return 'Referral received';
  const stage =
    step.businessStatus === undefined || step.businessStatus === null
      ? undefined
      : REFERRAL_BUSINESS_STATUSES[step.businessStatus];
  if (previous?.status === step.status && stage !== undefined) return stage;
  return stage === undefined ? statusLabel(step.status) : `${statusLabel(step.status)} · ${stage}`;
}

/** The steps the case has been through, oldest first, each with its date and who made it. */
export function CaseTimeline({ view, people }: SectionProps) {
  const history = view.record.statusHistory ?? [];
  // The adapter records changes; the referral's arrival is when the case was received.
  const steps: readonly StatusStep[] =
    history[0]?.status === 'requested'
      ? history
      : [{ status: 'requested', at: view.record.receivedAt }, ...history];
  return (
    <Section title="Case timeline" id="timeline-heading">
      <ol className="lw-timeline">
        {steps.map((step, i) => (
          <li key={`${step.at}-${String(i)}`}>
            <span className="nhsuk-u-secondary-text-colour nhsuk-u-font-size-16">
              {formatDateTime(step.at)}
            </span>{' '}
            <strong>{stepLabel(step, steps[i - 1])}</strong>
            {step.by === undefined || step.by === null ? null : (
              <> · by {people.nameOf(step.by, step.by).replace(/^You$/, 'you')}</>
            )}
          </li>
        ))}
      </ol>
    </Section>
  );
}
