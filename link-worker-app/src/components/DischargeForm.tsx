import { DISCHARGE_OUTCOMES, type DischargeRequest } from '@linkwell/contracts';
import { useEffect, useRef, useState } from 'react';
import { ErrorSummary } from './ErrorSummary';
import { check, messageAt, type FieldControls, type FormProblems } from './form-errors';
import { Field } from './form-parts';

/** Where the discharge form takes each field of its request. */
export const DISCHARGE_CONTROLS: FieldControls = {
  reason: 'discharge-reason',
  gpActions: 'discharge-gp-actions',
  outcome: 'discharge-outcome',
};

const DISCHARGE = DISCHARGE_OUTCOMES;

/**
 * Closing the case: what happened (required) and anything the GP is asked to do, then how it
 * ends (one button each), then a confirmation before anything is sent.
 */
export function DischargeForm({
  busy,
  problems,
  refuse,
  onDischarge,
}: {
  busy: boolean;
  /** What to fix: the form's own checks (through `refuse`) and the adapter's refusals. */
  problems: FormProblems;
  refuse: (problems: FormProblems) => boolean;
  onDischarge: (request: DischargeRequest) => void;
}) {
  const [outcome, setOutcome] = useState('');
  const [reason, setReason] = useState('');
  const [gpActions, setGpActions] = useState('');
  const [confirming, setConfirming] = useState(false);
  const dialog = useRef<HTMLDivElement>(null);
  // The button pressed is gone once the confirmation shows: the focus goes to its question.
  useEffect(() => {
    if (confirming) dialog.current?.focus();
  }, [confirming]);
  const missing = reason.trim() === '';
  if (confirming && outcome in DISCHARGE) {
    return (
      <div
        className="nhsuk-inset-text lw-inset--warning"
        role="alertdialog"
        aria-labelledby="discharge-confirm"
        tabIndex={-1}
        ref={dialog}
      >
        <ErrorSummary problems={problems} />
        <h3 className="nhsuk-heading-s" id="discharge-confirm">
          Close the case as “{DISCHARGE[outcome as DischargeRequest['outcome']]}”?
        </h3>
        <p>
          The case closes for the whole team and a closing summary with what happened goes to the GP
          record. It cannot be reopened here.
        </p>
        <div className="lw-button-row">
          <button
            type="button"
            className="nhsuk-button nhsuk-button--warning"
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
            className="nhsuk-button nhsuk-button--secondary"
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
  const choose = (chosen: string): void => {
    setOutcome(chosen);
    const found = check([
      [missing, 'discharge-reason', 'Say what happened before closing the case'],
    ]);
    if (!refuse(found)) setConfirming(true);
  };
  return (
    <div className="lw-discharge">
      <h3 className="nhsuk-heading-s">Close the case</h3>
      <ErrorSummary problems={problems} />
      <Field
        id="discharge-reason"
        label="What happened"
        hint="Kept with the case and sent to the GP in the closing summary."
        error={messageAt(problems, 'discharge-reason')}
      >
        <textarea
          id="discharge-reason"
          className="nhsuk-textarea"
          rows={3}
          required
          aria-required="true"
          value={reason}
          onChange={(e) => {
            setReason(e.target.value);
          }}
        />
      </Field>
      <Field
        id="discharge-gp-actions"
        label="Anything the GP is asked to do (optional)"
        error={messageAt(problems, 'discharge-gp-actions')}
      >
        <textarea
          id="discharge-gp-actions"
          className="nhsuk-textarea"
          rows={2}
          value={gpActions}
          onChange={(e) => {
            setGpActions(e.target.value);
          }}
        />
      </Field>
      {/* One press per way the case can end; the confirmation follows before anything is sent. */}
      <p className="nhsuk-label" id="discharge-outcome-label">
        How the case ends
      </p>
      <div
        id="discharge-outcome"
        tabIndex={-1}
        className="lw-button-row"
        role="group"
        aria-labelledby="discharge-outcome-label"
      >
        {Object.entries(DISCHARGE).map(([code, words]) => (
          <button
            key={code}
            type="button"
            className="nhsuk-button nhsuk-button--secondary"
            disabled={busy}
            onClick={() => {
              choose(code);
            }}
          >
            {words}
          </button>
        ))}
      </div>
    </div>
  );
}
