import { useState } from 'react';
import { Field } from '../components/form-parts';

/** What the community service reported, and what it may report next (adapter: onward-progress.ts). */
export const ONWARD_STATE_TEXT: Record<string, string> = {
  'awaiting-reply': 'Awaiting reply',
  accepted: 'Accepted',
  declined: 'Declined',
  'first-attended': 'First attended',
  completed: 'Completed',
  'did-not-attend': 'Did not attend',
};

const NEXT: Record<string, readonly string[]> = {
  'awaiting-reply': ['accepted', 'declined'],
  accepted: ['first-attended', 'did-not-attend', 'declined'],
  'first-attended': ['completed', 'did-not-attend'],
};

export function onwardStateText(state: string | undefined, reason: string | undefined): string {
  const text = ONWARD_STATE_TEXT[state ?? 'awaiting-reply'] ?? state ?? 'Awaiting reply';
  return reason === undefined ? text : `${text}: ${reason}`;
}

/** For when the service phones: the link worker records what it said. */
export function PhonedInReport({
  id,
  state,
  busy,
  onReport,
}: {
  id: string;
  state: string | undefined;
  busy: boolean;
  onReport: (state: string, reason: string | undefined) => void;
}) {
  const next = NEXT[state ?? 'awaiting-reply'] ?? [];
  const [chosen, setChosen] = useState('');
  const [reason, setReason] = useState('');
  if (next.length === 0) return null;
  const needsReason = chosen === 'declined' || chosen === 'did-not-attend';
  return (
    <form
      className="lw-inline-form"
      aria-label="What the service told you"
      onSubmit={(e) => {
        e.preventDefault();
        if (chosen === '') return;
        onReport(chosen, reason.trim() === '' ? undefined : reason.trim());
        setChosen('');
        setReason('');
      }}
    >
      <Field id={`report-${id}`} label="The service told me">
        <select
          id={`report-${id}`}
          className="nhsuk-select"
          value={chosen}
          onChange={(e) => {
            setChosen(e.target.value);
          }}
        >
          <option value="">Choose</option>
          {next.map((s) => (
            <option key={s} value={s}>
              {ONWARD_STATE_TEXT[s]}
            </option>
          ))}
        </select>
      </Field>
      {needsReason ? (
        <Field id={`report-reason-${id}`} label="Why">
          <input
            id={`report-reason-${id}`}
            className="nhsuk-input"
            value={reason}
            onChange={(e) => {
              setReason(e.target.value);
            }}
          />
        </Field>
      ) : null}
      <button
        type="submit"
        className="nhsuk-button nhsuk-button--secondary"
        disabled={busy || chosen === '' || (needsReason && reason.trim() === '')}
      >
        Record
      </button>
    </form>
  );
}
