import { useState, type ReactNode } from 'react';
import {
  COMMON_LANGUAGES,
  COMMUNICATION_ADJUSTMENTS,
  COMMUNICATION_ADJUSTMENT_CODES,
  RISK_TYPES,
  RISK_TYPE_CODES,
  type RiskType,
} from '@linkwell/profiles';
import {
  NO_COMMUNICATION_NEEDS,
  type FieldErrors,
  type ReferralDraft,
  type RiskDraft,
} from '../referral/draft';
import { CheckboxGroup, ErrorMessage, fieldId } from './form-parts';

const ADJUSTMENT_OPTIONS = COMMUNICATION_ADJUSTMENT_CODES.map((value) => ({
  value,
  label: COMMUNICATION_ADJUSTMENTS[value],
}));

const DETAIL_HINT: Record<RiskType, string> = {
  'lone-working': 'What should someone visiting alone know? (optional)',
  'safeguarding-adult': 'The concern, and any safeguarding referral made (optional)',
  'safeguarding-child': 'The concern, and any safeguarding referral made (optional)',
  'other-agency': 'Which agencies, and who to contact',
  'other-risk': 'What the risk is',
};

/** The referral's risk and safeguarding information and the patient's communication needs. */
export function RiskAndCommunication({
  draft,
  errors,
  set,
}: {
  draft: ReferralDraft;
  errors: FieldErrors;
  set: (change: Partial<ReferralDraft>) => void;
}): ReactNode {
  const risks = draft.risks ?? [];
  const communication = draft.communication ?? NO_COMMUNICATION_NEEDS;
  const [open, setOpen] = useState(false);
  // Shown on demand (and whenever something in it needs fixing): most referrals carry neither.
  if (!open && errors.risks === undefined && errors.communication === undefined) {
    return (
      <div className="nhsuk-form-group">
        <button
          type="button"
          className="nhsuk-button nhsuk-button--secondary"
          aria-expanded="false"
          onClick={() => {
            setOpen(true);
          }}
        >
          Add risk, safeguarding or communication needs
        </button>
      </div>
    );
  }
  const setRisk = (type: RiskType, next: RiskDraft | undefined): void => {
    const others = risks.filter((r) => r.type !== type);
    set({ risks: next === undefined ? others : [...others, next] });
  };
  const setCommunication = (change: Partial<typeof communication>): void => {
    set({ communication: { ...communication, ...change } });
  };
  const riskError = `${fieldId('risks')}-error`;
  return (
    <>
      <div
        className={`nhsuk-form-group${errors.risks === undefined ? '' : ' nhsuk-form-group--error'}`}
      >
        <fieldset className="nhsuk-fieldset" aria-describedby={riskError}>
          <legend className="nhsuk-fieldset__legend">Risk and safeguarding (optional)</legend>
          <div className="nhsuk-hint">
            Link workers often meet people alone. Tick any that apply.
          </div>
          <ErrorMessage id={riskError} message={errors.risks} />
          <div className="nhsuk-checkboxes">
            {RISK_TYPE_CODES.map((type, i) => {
              const risk = risks.find((r) => r.type === type);
              const id = i === 0 ? fieldId('risks') : `${fieldId('risks')}-${type}`;
              return (
                <div className="nhsuk-checkboxes__item" key={type}>
                  <input
                    className="nhsuk-checkboxes__input"
                    id={id}
                    type="checkbox"
                    checked={risk !== undefined}
                    onChange={() => {
                      setRisk(type, risk === undefined ? { type, detail: '' } : undefined);
                    }}
                  />
                  <label className="nhsuk-checkboxes__label" htmlFor={id}>
                    {RISK_TYPES[type]}
                  </label>
                  {risk === undefined ? null : (
                    <div className="nhsuk-inset-text">
                      <label className="nhsuk-label" htmlFor={`${id}-detail`}>
                        {DETAIL_HINT[type]}
                      </label>
                      <input
                        className="nhsuk-input"
                        id={`${id}-detail`}
                        maxLength={500}
                        value={risk.detail}
                        onChange={(e) => {
                          setRisk(type, { type, detail: e.target.value });
                        }}
                      />
                    </div>
                  )}
                </div>
              );
            })}
          </div>
        </fieldset>
      </div>
      <div
        className={`nhsuk-form-group${errors.communication === undefined ? '' : ' nhsuk-form-group--error'}`}
      >
        <fieldset className="nhsuk-fieldset">
          <legend className="nhsuk-fieldset__legend">Communication needs (optional)</legend>
          <ErrorMessage id={`${fieldId('communication')}-error`} message={errors.communication} />
          <label className="nhsuk-label" htmlFor={fieldId('communication')}>
            Preferred language
          </label>
          <select
            id={fieldId('communication')}
            className="nhsuk-select"
            value={communication.language}
            onChange={(e) => {
              setCommunication({ language: e.target.value });
            }}
          >
            <option value="">Not said</option>
            {Object.entries(COMMON_LANGUAGES).map(([code, name]) => (
              <option key={code} value={code}>
                {name}
              </option>
            ))}
          </select>
          <div className="nhsuk-checkboxes">
            <div className="nhsuk-checkboxes__item">
              <input
                className="nhsuk-checkboxes__input"
                id="field-interpreter"
                type="checkbox"
                checked={communication.interpreterNeeded}
                onChange={(e) => {
                  setCommunication({ interpreterNeeded: e.target.checked });
                }}
              />
              <label className="nhsuk-checkboxes__label" htmlFor="field-interpreter">
                An interpreter is needed
              </label>
            </div>
          </div>
        </fieldset>
        <CheckboxGroup
          field="adjustments"
          legend="Adjustments to how we communicate"
          options={ADJUSTMENT_OPTIONS}
          selected={communication.adjustments}
          columns
          onChange={(adjustments) => {
            setCommunication({ adjustments });
          }}
        />
        <label className="nhsuk-label" htmlFor="field-communication-detail">
          Anything else about communicating with the patient
        </label>
        <input
          className="nhsuk-input"
          id="field-communication-detail"
          maxLength={500}
          value={communication.detail}
          onChange={(e) => {
            setCommunication({ detail: e.target.value });
          }}
        />
      </div>
    </>
  );
}
