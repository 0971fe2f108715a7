import type { ReactNode } from 'react';
import { formatDate } from '../dates';
import type { TimelineStep } from '../dashboard/timeline';

const STATE_WORDS: Record<TimelineStep['state'], string> = {
  done: 'done',
  current: 'current step',
  stopped: 'stopped',
};

/** The referral's progress: the steps that happened, each with its date. */
export function StatusTimeline({ steps }: { readonly steps: readonly TimelineStep[] }): ReactNode {
  return (
    <ol className="lw-timeline">
      {steps.map((step) => (
        <li
          key={step.key}
          className={`lw-timeline__step lw-timeline__step--${step.state}`}
          aria-current={step.state === 'current' ? 'step' : undefined}
        >
          <span className="lw-timeline__label">{step.label}</span>
          <span className="nhsuk-u-visually-hidden"> ({STATE_WORDS[step.state]})</span>
          {step.date !== undefined && (
            <span className="lw-timeline__date"> {formatDate(step.date)}</span>
          )}
          {step.by !== undefined && <span className="lw-timeline__by"> by {step.by}</span>}
          {step.note !== undefined && (
            <span className="lw-timeline__note">Reason: {step.note}</span>
          )}
        </li>
      ))}
    </ol>
  );
}
