import { useState } from 'react';
import type { CaseConsent } from '@linkwell/contracts';
import { isWithdrawn } from '../consent/write-back';
import { formatDate } from '../dates';
import type { SectionProps } from './CasePage';
import { ErrorSummary } from './ErrorSummary';
import { Section } from './form-parts';
import { latestOfKind, SyncBadge } from './SyncBadge';
import { useAction } from './use-load';

const agreed = (yes: boolean): React.ReactNode =>
  yes ? (
    <span className="nhsuk-tag nhsuk-tag--green">Agreed</span>
  ) : (
    <span className="nhsuk-tag nhsuk-tag--grey">Not agreed</span>
  );

function Withdrawal({ consent, name }: { consent: CaseConsent; name: string }) {
  return (
    <div className="nhsuk-inset-text lw-inset--warning" role="status">
      <strong>
        Consent withdrawn on {formatDate(consent.withdrawnAt)} by {name}: nothing more is written
        back to the GP record
      </strong>
      <span style={{ display: 'block' }}>What is already in the GP record stays there.</span>
    </div>
  );
}

/**
 * Research use of the person's de-identified information: a separate choice the link worker can
 * record or withdraw while the consent to share stands (in its row of the summary, to keep the
 * panel short on a phone).
 */
function ResearchChoice({
  consent,
  busy,
  record,
  by,
}: {
  consent: CaseConsent;
  busy: boolean;
  record: (permitted: boolean) => void;
  by: (name: string | undefined) => string;
}) {
  const permitted = consent.research === true;
  return (
    <>
      {consent.researchChangedAt === undefined ? null : (
        <span className="nhsuk-hint">
          {' '}
          (recorded on {formatDate(consent.researchChangedAt)} by {by(consent.researchChangedBy)})
        </span>
      )}{' '}
      <button
        type="button"
        className="lw-link-button"
        disabled={busy}
        onClick={() => {
          record(!permitted);
        }}
      >
        {permitted
          ? 'Record that they no longer agree to research use'
          : 'Record that they agree to research use'}
      </button>
    </>
  );
}

/** What the person agreed to, who recorded it and when; the link worker can record a withdrawal. */
export function ConsentPanel({ api, view, reload, people }: SectionProps) {
  const { busy, problems, run } = useAction(reload);
  const [confirming, setConfirming] = useState(false);
  const consent = view.record.consent ?? null;
  if (consent === null) {
    return (
      <Section title="Consent" id="consent-heading">
        <p>
          No consent came with this referral. Nothing is written back to the GP record beyond the
          referral’s status.
        </p>
      </Section>
    );
  }
  const withdrawn = isWithdrawn(consent);
  const withdrawal = latestOfKind(view.details.syncStates, 'consent');
  const by = (name: string | undefined): string =>
    name === undefined ? 'someone not named' : people.nameOf(name, name).replace(/^You$/, 'you');
  return (
    <Section title="Consent" id="consent-heading">
      <dl className="nhsuk-summary-list nhsuk-u-font-size-16 nhsuk-u-margin-bottom-3">
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">Share the referral with this service</dt>
          <dd className="nhsuk-summary-list__value">{agreed(consent.shareWithService)}</dd>
        </div>
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">
            Write goals and outcomes back to the GP record
          </dt>
          <dd className="nhsuk-summary-list__value">
            {withdrawn && consent.writeBack ? (
              <span className="nhsuk-tag nhsuk-tag--red">Withdrawn</span>
            ) : (
              agreed(consent.writeBack)
            )}
          </dd>
        </div>
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">
            Use their information, without anything that identifies them, for research and service
            evaluation
          </dt>
          <dd className="nhsuk-summary-list__value">
            {agreed(consent.research === true)}
            {withdrawn || !consent.shareWithService ? null : (
              <ResearchChoice
                consent={consent}
                busy={busy}
                by={by}
                record={(permitted) =>
                  void run(() =>
                    api.change('PUT', view.record.id, 'consent/research', { permitted }),
                  )
                }
              />
            )}
          </dd>
        </div>
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">Recorded</dt>
          <dd className="nhsuk-summary-list__value">
            {formatDate(consent.recordedAt)} by {by(consent.recordedBy)}
          </dd>
        </div>
      </dl>
      {withdrawn ? <Withdrawal consent={consent} name={by(consent.withdrawnBy)} /> : null}
      {withdrawn && withdrawal !== undefined ? (
        <p>
          The withdrawal in the GP record:{' '}
          <SyncBadge
            shared
            state={withdrawal}
            onRetry={(seq) => run(() => api.retrySync(seq)).then(() => undefined)}
          />
        </p>
      ) : null}
      {withdrawn ? null : confirming ? (
        <div className="nhsuk-inset-text" role="group" aria-labelledby="withdraw-confirm">
          <p id="withdraw-confirm">
            <strong>Has the person told you they withdraw their consent?</strong> From now on
            nothing more is written back to the GP record, and the GP record is told of the
            withdrawal. What is already there stays.
          </p>
          <button
            type="button"
            className="nhsuk-button nhsuk-button--warning"
            disabled={busy}
            onClick={() =>
              void run(
                () => api.change('POST', view.record.id, 'consent/withdraw', {}),
                () => {
                  setConfirming(false);
                },
              )
            }
          >
            Yes, record the withdrawal
          </button>{' '}
          <button
            type="button"
            className="nhsuk-button nhsuk-button--secondary"
            disabled={busy}
            onClick={() => {
              setConfirming(false);
            }}
          >
            Cancel
          </button>
        </div>
      ) : (
        <button
          type="button"
          className="nhsuk-button nhsuk-button--secondary"
          onClick={() => {
            setConfirming(true);
          }}
        >
          Record withdrawal of consent
        </button>
      )}
      <ErrorSummary problems={problems} />
    </Section>
  );
}
