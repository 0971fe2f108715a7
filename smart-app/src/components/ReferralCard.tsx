import type { ReactNode } from 'react';
import { formatDate } from '../dates';
import type { ReferralView } from '../dashboard/referral-view';
import { ClosingLetterView } from './ClosingLetterView';
import { ConsentPanel, type WithdrawalDeps } from './ConsentPanel';
import { OutcomeChart } from './OutcomeChart';
import { StatusTimeline } from './StatusTimeline';

const ACTIVE_GOAL = new Set(['proposed', 'planned', 'accepted', 'active', 'on-hold']);

interface ReferralCardProps {
  readonly referral: ReferralView;
  /** How the GP records a consent withdrawal; absent when the app cannot tell who the GP is. */
  readonly withdrawal?: WithdrawalDeps;
}

/** One referral and everything that came back from the link-worker service. */
export function ReferralCard({ referral, withdrawal }: ReferralCardProps): ReactNode {
  const titleId = `referral-${referral.id}-title`;
  return (
    <article className="nhsuk-card nhsuk-u-margin-bottom-5" aria-labelledby={titleId}>
      <div className="nhsuk-card__content">
        <h3 className="nhsuk-card__heading nhsuk-heading-s" id={titleId}>
          Referral to {referral.service}
          <span className="nhsuk-u-secondary-text-colour nhsuk-u-font-weight-normal">
            {' '}
            sent {formatDate(referral.authoredOn)}
          </span>
        </h3>
        <p className="nhsuk-u-margin-bottom-2">
          <strong className="nhsuk-tag">{referral.status}</strong>
          {referral.priority === 'urgent' && (
            <>
              {' '}
              <strong className="nhsuk-tag nhsuk-tag--red">Urgent</strong>
            </>
          )}
        </p>
        <p>For: {referral.needs.join(', ')}</p>
        {referral.caseHolder !== undefined && (
          <p>
            Link worker: <strong>{referral.caseHolder}</strong>
          </p>
        )}
        {referral.letters.length > 0 && (
          <>
            <h4 className="nhsuk-heading-xs">Message back from the link-worker service</h4>
            {referral.letters.map((letter) => (
              <ClosingLetterView key={letter.id} letter={letter} />
            ))}
          </>
        )}
        <h4 className="nhsuk-heading-xs">Progress</h4>
        <StatusTimeline steps={referral.timeline} />
        <h4 className="nhsuk-heading-xs">Goals, in the patient's words</h4>
        {referral.goals.length === 0 ? (
          <p className="nhsuk-hint">No goals shared yet.</p>
        ) : (
          <ul className="lw-goals">
            {referral.goals.map((goal) => (
              <li key={goal.id} className="lw-goals__item">
                <q className="lw-goals__words">{goal.words}</q>
                <span
                  className={`nhsuk-tag${ACTIVE_GOAL.has(goal.lifecycle) ? '' : ' nhsuk-tag--grey'}`}
                >
                  {goal.progress}
                </span>
                {goal.target !== undefined && (
                  <span className="lw-goals__target">Target: {goal.target}</span>
                )}
              </li>
            ))}
          </ul>
        )}
        <h4 className="nhsuk-heading-xs">Outcome measures</h4>
        {referral.measures.length === 0 ? (
          <p className="nhsuk-hint">No outcome measures shared yet.</p>
        ) : (
          <div className="lw-charts">
            {referral.measures.map((series) => (
              <OutcomeChart key={series.measure} series={series} />
            ))}
          </div>
        )}
        <h4 className="nhsuk-heading-xs">Connected to</h4>
        {referral.onward.length === 0 ? (
          <p className="nhsuk-hint">No community services yet.</p>
        ) : (
          <ul className="nhsuk-list nhsuk-list--bullet">
            {referral.onward.map((onward) => (
              <li key={onward.id}>
                {onward.service}{' '}
                <span className="nhsuk-hint">
                  (
                  {onward.reported === undefined
                    ? onward.status === 'completed'
                      ? 'completed'
                      : 'referred'
                    : `${onward.reported}, referred`}{' '}
                  {formatDate(onward.authoredOn)})
                </span>
              </li>
            ))}
          </ul>
        )}
        {referral.consent !== undefined && (
          <ConsentPanel
            consent={referral.consent}
            referralId={referral.id}
            {...(withdrawal === undefined ? {} : { withdrawal })}
          />
        )}
      </div>
    </article>
  );
}
