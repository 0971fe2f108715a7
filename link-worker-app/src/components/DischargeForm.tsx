import { DISCHARGE_OUTCOMES } from '@linkwell/contracts';
import { useState } from 'react';
import { Choices, Field } from './form-parts';

const DISCHARGE = DISCHARGE_OUTCOMES;

export interface DischargeRequest {
  readonly outcome: keyof typeof DISCHARGE;
  /** What happened: kept with the case and sent to the GP in the closing summary. */
  readonly reason: string;
  readonly gpActions?: string;
}

/** Closing the case: how it ends, what happened (required) and anything the GP is asked to do. */
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
  const missing = reason.trim() === '';
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setTried(true);
        if (!(outcome in DISCHARGE) || missing) return;
        onDischarge({
          outcome: outcome as DischargeRequest['outcome'],
          reason: reason.trim(),
          ...(gpActions.trim() === '' ? {} : { gpActions: gpActions.trim() }),
        });
      }}
    >
      <h3 className="lw-heading-s">Close the case</h3>
      <Field id="discharge-outcome" label="How the case ends">
        <Choices
          id="discharge-outcome"
          value={outcome}
          onChange={setOutcome}
          options={DISCHARGE}
          placeholder="Choose how the case ends"
        />
      </Field>
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
