import { useState } from 'react';
import type { OnwardReportRequest } from '@linkwell/contracts';
import {
  ONWARD_REFERRAL_NEXT,
  ONWARD_REFERRAL_STATES,
  type OnwardReferralState,
} from '@linkwell/profiles';
import { check, messageAt, type FormProblems } from '../components/form-errors';
import { Field } from '../components/form-parts';

/** What the community service reported, in words (from profiles, as the adapter records it). */
const stateWords = (state: string): string =>
  state in ONWARD_REFERRAL_STATES
    ? ONWARD_REFERRAL_STATES[state as OnwardReferralState].display
    : state;

export function onwardStateText(state: string | undefined, reason: string | undefined): string {
  const text = stateWords(state ?? 'awaiting-reply');
  return reason === undefined ? text : `${text}: ${reason}`;
}

/** The ids of one report form's controls: where its problems are shown and linked. */
export const reportControls = (id: string) =>
  ({ state: `report-${id}`, reason: `report-reason-${id}` }) as const;

/** For when the service phones: the link worker records what it said. */
export function PhonedInReport({
  id,
  state,
  busy,
  problems,
  refuse,
  onReport,
}: {
  id: string;
  state: string | undefined;
  busy: boolean;
  /** What to fix, against this form's controls (`reportControls(id)`). */
  problems: FormProblems;
  refuse: (problems: FormProblems) => boolean;
  onReport: (report: OnwardReportRequest) => void;
}) {
  // A state this app does not know (a newer adapter's) offers nothing to record.
  const next =
    (ONWARD_REFERRAL_NEXT as Partial<Record<string, readonly OnwardReferralState[]>>)[
      state ?? 'awaiting-reply'
    ] ?? [];
  const [chosen, setChosen] = useState<OnwardReferralState | ''>('');
  const [reason, setReason] = useState('');
  if (next.length === 0) return null;
  const controls = reportControls(id);
  const needsReason = chosen === 'declined' || chosen === 'did-not-attend';
  return (
    <form
      className="lw-inline-form"
      aria-label="What the service told you"
      onSubmit={(e) => {
        e.preventDefault();
        const found = check([
          [chosen === '', controls.state, 'Choose what the service told you'],
          [
            needsReason && reason.trim() === '',
            controls.reason,
            chosen === 'declined'
              ? 'Say why the service declined'
              : 'Say why the person did not attend',
          ],
        ]);
        if (refuse(found) || chosen === '') return;
        onReport({ state: chosen, ...(reason.trim() === '' ? {} : { reason: reason.trim() }) });
        setChosen('');
        setReason('');
      }}
    >
      <Field
        id={controls.state}
        label="The service told me"
        error={messageAt(problems, controls.state)}
      >
        <select
          id={controls.state}
          className="nhsuk-select"
          value={chosen}
          onChange={(e) => {
            setChosen(e.target.value as OnwardReferralState | '');
          }}
        >
          <option value="">Choose</option>
          {next.map((s) => (
            <option key={s} value={s}>
              {stateWords(s)}
            </option>
          ))}
        </select>
      </Field>
      {needsReason ? (
        <Field id={controls.reason} label="Why" error={messageAt(problems, controls.reason)}>
          <input
            id={controls.reason}
            className="nhsuk-input"
            value={reason}
            onChange={(e) => {
              setReason(e.target.value);
            }}
          />
        </Field>
      ) : null}
      <button type="submit" className="nhsuk-button nhsuk-button--secondary" disabled={busy}>
        Record
      </button>
    </form>
  );
}
