import { DISCHARGE_OUTCOMES } from '@linkwell/contracts';
import { useState } from 'react';
import { Field } from './form-parts';
import { choicesOf, RadioGroup } from './RadioGroup';

const DISCHARGE = DISCHARGE_OUTCOMES;

export interface DischargeRequest {
  readonly outcome: keyof typeof DISCHARGE;
  /** What happened: kept with the case and sent to the GP in the closing summary. */
  readonly reason: string;
  readonly gpActions?: string;
}

/**
 * Closing the case: how it ends, what happened (required) and anything the GP is asked to do, then
 * a confirmation before anything is sent.
 */
export function DischargeForm({
  busy,
  onDischarge,
}: {
  busy: boolean;
  onDischarge: (request: DischargeRequest) => void;
}) {
  const [outcome, setOutcome] = useState('');
  const [reason, setReason] = useState('');
  const [gpActions, setGpActions] = useState('');
  const [tried, setTried] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const missing = reason.trim() === '';
  if (confirming && outcome in DISCHARGE) {
    return (
      <div
        className="lw-inset lw-inset--warning"
        role="alertdialog"
        aria-labelledby="discharge-confirm"
      >
        <h3 className="lw-heading-s" id="discharge-confirm">
          Close the case as “{DISCHARGE[outcome as DischargeRequest['outcome']]}”?
        </h3>
        <p>
          The case closes for the whole team and a closing summary with what happened goes to the GP
          record. It cannot be reopened here.
        </p>
        <div className="lw-button-row">
          <button
            type="button"
            className="lw-button lw-button--warning"
            disabled={busy}
            onClick={() => {
              onDischarge({
                outcome: outcome as DischargeRequest['outcome'],
                reason: reason.trim(),
                ...(gpActions.trim() === '' ? {} : { gpActions: gpActions.trim() }),
              });
            }}
          >
            Yes, close the case
          </button>
          <button
            type="button"
            className="lw-button lw-button--secondary"
            onClick={() => {
              setConfirming(false);
            }}
          >
            No, go back
          </button>
        </div>
      </div>
    );
  }
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setTried(true);
        if (!(outcome in DISCHARGE) || missing) return;
        setConfirming(true);
      }}
    >
      <h3 className="lw-heading-s">Close the case</h3>
      <RadioGroup
        name="discharge-outcome"
        legend="How the case ends"
        small
        choices={choicesOf(DISCHARGE)}
        value={outcome}
        onChange={setOutcome}
      />
      <Field
        id="discharge-reason"
        label="What happened"
        hint="Kept with the case and sent to the GP in the closing summary."
        error={tried && missing ? 'Say what happened before closing the case' : undefined}
      >
        <textarea
          id="discharge-reason"
          className="lw-textarea"
          rows={3}
          required
          aria-required="true"
          aria-describedby="discharge-reason-hint"
          aria-invalid={tried && missing}
          value={reason}
          onChange={(e) => {
            setReason(e.target.value);
          }}
        />
      </Field>
      <Field id="discharge-gp-actions" label="Anything the GP is asked to do (optional)">
        <textarea
          id="discharge-gp-actions"
          className="lw-textarea"
          rows={2}
          value={gpActions}
          onChange={(e) => {
            setGpActions(e.target.value);
          }}
        />
      </Field>
      <button
        type="submit"
        className="lw-button lw-button--secondary"
        disabled={busy || outcome === ''}
      >
        Discharge
      </button>
    </form>
  );
}
