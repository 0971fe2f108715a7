import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import {
  CONTACT_PREFERENCES,
  REFERRAL_NEEDS,
  referralNeedCoding,
  type ContactPreference,
  type ReferralNeed,
} from '@linkwell/profiles';
import type { ServiceOption } from '../dashboard/services';
import { emptyDraft, type ReferralDraft } from '../referral/draft';
import { useReferralSubmission, type SubmissionDeps } from '../referral/use-referral-submission';
import { CheckboxGroup, ErrorMessage, ErrorSummary, fieldId } from './form-parts';
import { RiskAndCommunication } from './RiskAndCommunication';

const NEED_OPTIONS = REFERRAL_NEEDS.map((need: ReferralNeed) => ({
  value: need,
  label: referralNeedCoding(need).display ?? need,
}));
const CONTACT_OPTIONS = (Object.keys(CONTACT_PREFERENCES) as ContactPreference[]).map((value) => ({
  value,
  label: CONTACT_PREFERENCES[value],
}));

interface ReferralFormProps extends SubmissionDeps {
  readonly services: readonly ServiceOption[];
  /** The service configured for the practice; without one the GP must choose. */
  readonly preferredService?: string;
}

/** The referral a GP completes in under a minute, with the patient already in context. */
export function ReferralForm(props: ReferralFormProps): ReactNode {
  const { services, preferredService } = props;
  const [draft, setDraft] = useState<ReferralDraft>(() => emptyDraft(preferredService));
  const preferred = services.find((s) => s.reference === preferredService);
  const { sending, errors, submit } = useReferralSubmission(props);
  const summary = useRef<HTMLDivElement>(null);
  const set = (change: Partial<ReferralDraft>): void => {
    setDraft((d) => ({ ...d, ...change }));
  };

  useEffect(() => {
    if (Object.keys(errors).length > 0) summary.current?.focus();
  }, [errors]);

  const onSubmit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (await submit(draft)) setDraft(emptyDraft(preferredService));
  };
  const group = (error: string | undefined): string =>
    `nhsuk-form-group${error === undefined ? '' : ' nhsuk-form-group--error'}`;
  const textField = (
    field: 'whatMatters' | 'otherNeeds',
    label: string,
    hint: string,
  ): ReactNode => (
    <div className={group(errors[field])}>
      <label className="nhsuk-label" htmlFor={fieldId(field)}>
        {label}
      </label>
      <div className="nhsuk-hint" id={`${fieldId(field)}-hint`}>
        {hint}
      </div>
      <ErrorMessage id={`${fieldId(field)}-error`} message={errors[field]} />
      <textarea
        className="nhsuk-textarea"
        id={fieldId(field)}
        rows={2}
        aria-describedby={`${fieldId(field)}-hint`}
        value={draft[field]}
        onChange={(e) => {
          set({ [field]: e.target.value });
        }}
      />
    </div>
  );

  return (
    <form noValidate aria-labelledby="refer-title" onSubmit={(e) => void onSubmit(e)}>
      <h2 className="nhsuk-heading-m" id="refer-title">
        Refer to social prescribing
      </h2>
      <ErrorSummary errors={errors} ref={summary} />
      <CheckboxGroup
        field="needs"
        legend="What does the patient need help with?"
        hint="Select all that apply"
        options={NEED_OPTIONS}
        selected={draft.needs}
        error={errors.needs}
        columns
        onChange={(needs) => {
          set({ needs });
        }}
      />
      {textField(
        'otherNeeds',
        'Other needs or context (optional)',
        'Anything the link worker should know',
      )}
      {textField(
        'whatMatters',
        'What matters to the patient (optional)',
        'In their words, if you can',
      )}
      <div className={group(errors.priority)}>
        <fieldset className="nhsuk-fieldset">
          <legend className="nhsuk-fieldset__legend">How soon?</legend>
          <ErrorMessage id={`${fieldId('priority')}-error`} message={errors.priority} />
          <div className="lw-radios lw-radios--inline">
            {(['routine', 'urgent'] as const).map((priority, i) => (
              <div className="lw-radios__item" key={priority}>
                <input
                  className="lw-radios__input"
                  id={i === 0 ? fieldId('priority') : `${fieldId('priority')}-${priority}`}
                  type="radio"
                  name="priority"
                  checked={draft.priority === priority}
                  onChange={() => {
                    set({ priority });
                  }}
                />
                <label
                  className="lw-radios__label"
                  htmlFor={i === 0 ? fieldId('priority') : `${fieldId('priority')}-${priority}`}
                >
                  {priority === 'routine' ? 'Routine' : 'Urgent'}
                </label>
              </div>
            ))}
          </div>
        </fieldset>
      </div>
      <div className={group(errors.service)}>
        <label className="nhsuk-label" htmlFor={fieldId('service')}>
          Link-worker service
        </label>
        {preferred !== undefined && (
          <div className="nhsuk-hint" id={`${fieldId('service')}-hint`}>
            Your practice refers to {preferred.name}
          </div>
        )}
        <ErrorMessage id={`${fieldId('service')}-error`} message={errors.service} />
        <select
          className="nhsuk-select"
          id={fieldId('service')}
          aria-describedby={preferred === undefined ? undefined : `${fieldId('service')}-hint`}
          value={draft.service}
          onChange={(e) => {
            set({ service: e.target.value });
          }}
        >
          <option value="">
            {services.length === 0 ? 'No services found' : 'Choose a service'}
          </option>
          {services.map((s) => (
            <option key={s.reference} value={s.reference}>
              {s.name}
            </option>
          ))}
        </select>
      </div>
      <CheckboxGroup
        field="contactPreferences"
        legend="How would the patient like to be contacted? (optional)"
        hint="Tick in order of preference"
        options={CONTACT_OPTIONS}
        selected={draft.contactPreferences}
        error={errors.contactPreferences}
        columns
        onChange={(contactPreferences) => {
          set({ contactPreferences });
        }}
      />
      <RiskAndCommunication draft={draft} errors={errors} set={set} />
      <CheckboxGroup
        field="consentToShare"
        legend="Consent"
        options={[
          {
            value: 'share',
            label: 'The patient agrees to share this referral with the link-worker service',
          },
          {
            value: 'write-back',
            label: 'The patient agrees that goals and outcomes are written back to this record',
          },
        ]}
        selected={[
          ...(draft.consentToShare ? ['share' as const] : []),
          ...(draft.consentToWriteBack ? ['write-back' as const] : []),
        ]}
        error={errors.consentToShare}
        onChange={(chosen) => {
          set({
            consentToShare: chosen.includes('share'),
            consentToWriteBack: chosen.includes('write-back'),
          });
        }}
      />
      <CheckboxGroup
        field="consentToResearch"
        legend="Research and service evaluation (optional)"
        hint="A separate choice: leave it unticked unless the patient agrees."
        options={[
          {
            value: 'research',
            label:
              'The patient also agrees that their information, with their name and other details that could identify them removed, can be used for research and to check how well the service works',
          },
        ]}
        selected={draft.consentToResearch === true ? ['research' as const] : []}
        onChange={(chosen) => {
          set({ consentToResearch: chosen.includes('research') });
        }}
      />
      <button className="nhsuk-button" type="submit" disabled={sending} aria-disabled={sending}>
        {sending ? 'Sending referral…' : 'Send referral'}
      </button>
    </form>
  );
}
