import { useState, type ReactNode } from 'react';
import type { NamedReference } from '@linkwell/profiles';
import { recordWithdrawal } from '../consent/withdraw-consent';
import type { ConsentView } from '../dashboard/consent-view';
import { formatDate } from '../dates';
import { problemOf, type Problem } from '../smart/problems';
import type { SmartClient } from '../smart/smart-client';

/** What the GP needs to record a withdrawal; absent when the app cannot tell who the GP is. */
export interface WithdrawalDeps {
  readonly client: SmartClient;
  readonly gp: NamedReference;
  readonly now: () => string;
  /** The Consent changed (or turned out to have changed): read the dashboard again. */
  readonly onChanged: () => void;
  readonly onProblem: (problem: Problem) => void;
}

type Step = 'idle' | 'confirming' | 'sending';

const yesNo = (agreed: boolean): string => (agreed ? 'yes' : 'no');

function recorded(at: string | undefined, by: string | undefined): string {
  if (at === undefined) return 'on a date not recorded';
  return by === undefined ? `on ${formatDate(at)}` : `on ${formatDate(at)} by ${by}`;
}

/** The sentence both apps show once consent is withdrawn. */
export function withdrawnSentence(consent: ConsentView): string {
  const { withdrawnAt, withdrawnBy } = consent.state;
  const by = withdrawnBy === undefined ? '' : ` by ${withdrawnBy}`;
  return `Consent withdrawn on ${formatDate(withdrawnAt)}${by}: no further goals or outcomes will be written back`;
}

function failure(error: unknown, deps: WithdrawalDeps): string | undefined {
  const problem = problemOf(error);
  const status = (error as { status?: unknown } | null)?.status;
  if (status === 409 || status === 412) {
    deps.onChanged();
    return 'The consent was changed by someone else since you opened this page. It has been read again: check it, then record the withdrawal again if it is still needed.';
  }
  if (problem.kind === 'session-expired') {
    deps.onProblem(problem);
    return undefined;
  }
  return `The withdrawal was not recorded: ${problem.detail ?? 'the record system did not answer'}. Try again.`;
}

/** What the patient agreed to, who recorded it, and the GP's way to record a withdrawal. */
export function ConsentPanel({
  consent,
  withdrawal,
  referralId,
}: {
  readonly consent: ConsentView;
  readonly withdrawal?: WithdrawalDeps;
  readonly referralId: string;
}): ReactNode {
  const [step, setStep] = useState<Step>('idle');
  const [error, setError] = useState<string | undefined>();
  const { state } = consent;
  const withdrawn = state.withdrawnAt !== undefined;
  const titleId = `consent-${referralId}-title`;

  const withdraw = async (deps: WithdrawalDeps): Promise<void> => {
    setStep('sending');
    setError(undefined);
    try {
      await recordWithdrawal(deps.client, consent, { date: deps.now(), by: deps.gp });
      deps.onChanged();
    } catch (caught) {
      setError(failure(caught, deps));
    } finally {
      setStep('idle');
    }
  };

  return (
    <section className="lw-consent" aria-labelledby={titleId}>
      <h4 className="nhsuk-heading-xs" id={titleId}>
        Consent
      </h4>
      {withdrawn && (
        <p className="nhsuk-inset-text" role="status">
          {withdrawnSentence(consent)}
        </p>
      )}
      <ul className="nhsuk-list nhsuk-list--bullet">
        <li>
          Share the referral with the link-worker service:{' '}
          <strong>{withdrawn ? 'withdrawn' : yesNo(state.shareWithService)}</strong>
        </li>
        <li>
          Write goals and outcomes back to this record:{' '}
          <strong>{withdrawn ? 'withdrawn' : yesNo(state.writeBack)}</strong>
        </li>
        <li>
          Research and service evaluation, without anything that identifies them:{' '}
          <strong>{withdrawn ? 'withdrawn' : yesNo(state.research)}</strong>
        </li>
        <li>Recorded {recorded(state.recordedAt, state.recordedBy)}</li>
      </ul>
      {error !== undefined && (
        <p className="nhsuk-error-message" role="alert">
          {error}
        </p>
      )}
      {!withdrawn && state.status === 'active' && withdrawal !== undefined && (
        <WithdrawControls
          step={step}
          onStart={() => {
            setStep('confirming');
          }}
          onCancel={() => {
            setStep('idle');
          }}
          onConfirm={() => void withdraw(withdrawal)}
        />
      )}
    </section>
  );
}

function WithdrawControls(props: {
  readonly step: Step;
  readonly onStart: () => void;
  readonly onCancel: () => void;
  readonly onConfirm: () => void;
}): ReactNode {
  if (props.step === 'idle') {
    return (
      <button
        className="nhsuk-button nhsuk-button--secondary"
        type="button"
        onClick={props.onStart}
      >
        Record that the patient withdrew consent
      </button>
    );
  }
  const sending = props.step === 'sending';
  return (
    <div className="nhsuk-inset-text">
      <p>
        From now on no further goals or outcomes will be written back, and the link-worker service
        will see that consent was withdrawn. Nothing already in the record is deleted.
      </p>
      <button className="nhsuk-button" type="button" disabled={sending} onClick={props.onConfirm}>
        {sending ? 'Recording withdrawal…' : 'Record withdrawal of consent'}
      </button>{' '}
      <button
        className="nhsuk-button nhsuk-button--secondary"
        type="button"
        disabled={sending}
        onClick={props.onCancel}
      >
        Cancel
      </button>
    </div>
  );
}
