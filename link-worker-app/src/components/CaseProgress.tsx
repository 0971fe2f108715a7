import { useState } from 'react';
import {
  ACTIVE_TASK_STATUSES,
  REFERRAL_BUSINESS_STATUSES,
  REFERRAL_STATUS_REASONS,
} from '@linkwell/profiles';
import { formatDate } from '../dates';
import type { SectionProps } from './CasePage';
import { Choices, Field, Refusal, Section } from './form-parts';
import { DischargeForm } from './DischargeForm';
import { SyncBadge } from './SyncBadge';
import { useAction } from './use-load';

const WORKING_STAGES = Object.fromEntries(
  Object.entries(REFERRAL_BUSINESS_STATUSES).filter(
    ([code]) => !['discharged', 'did-not-engage', 'declined'].includes(code),
  ),
);

/** Accept or reject a new referral; then stage, next follow-up and discharge. */
export function CaseProgress({ api, view, sync, reload, people }: SectionProps) {
  const { record, details } = view;
  const { busy, error, run } = useAction(reload);
  const [reason, setReason] = useState('');
  const [followUp, setFollowUp] = useState(details.nextFollowUp ?? '');
  const change = (method: 'POST' | 'PUT', path: string, body?: object) => () =>
    api.change(method, record.id, path, body);
  const open = (ACTIVE_TASK_STATUSES as readonly string[]).includes(record.status);

  return (
    <Section title="Progress" id="progress-heading">
      <p>
        Status shared with the GP:{' '}
        <SyncBadge
          shared
          state={sync('task', record.id)}
          onRetry={(seq) => run(() => api.retrySync(seq)).then(() => undefined)}
        />
      </p>
      <p>
        Case held by:{' '}
        {record.assignedTo === undefined
          ? 'nobody yet'
          : people.nameOf(record.assignedTo, record.assignedToName)}
      </p>
      {record.statusReason === undefined ? null : (
        <p>
          Reason:{' '}
          {(REFERRAL_STATUS_REASONS as Partial<Record<string, string>>)[record.statusReason] ??
            record.statusReason}
        </p>
      )}
      <Refusal message={error} />
      {record.status === 'requested' ? (
        <>
          <button
            type="button"
            className="nhsuk-button"
            disabled={busy}
            onClick={() => void run(change('POST', 'accept'))}
          >
            Accept referral
          </button>
          <form
            className="lw-inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              if (reason !== '') void run(change('POST', 'reject', { reason }));
            }}
          >
            <Field id="reject-reason" label="Reason for not accepting">
              <Choices
                id="reject-reason"
                value={reason}
                onChange={setReason}
                options={REFERRAL_STATUS_REASONS}
                placeholder="Choose a reason"
              />
            </Field>
            <button
              type="submit"
              className="nhsuk-button nhsuk-button--secondary"
              disabled={busy || reason === ''}
            >
              Reject referral
            </button>
          </form>
        </>
      ) : null}
      {open ? (
        <>
          <Field id="stage" label="Stage">
            <Choices
              id="stage"
              value={record.businessStatus ?? 'awaiting-contact'}
              options={WORKING_STAGES}
              onChange={(businessStatus) =>
                void run(change('PUT', 'business-status', { businessStatus }))
              }
            />
          </Field>
          <form
            className="lw-inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              void run(change('PUT', 'follow-up', { due: followUp === '' ? null : followUp }));
            }}
          >
            <Field
              id="follow-up"
              label="Next follow-up"
              hint={`Now: ${formatDate(details.nextFollowUp ?? undefined)}`}
            >
              <input
                id="follow-up"
                className="nhsuk-input"
                type="date"
                value={followUp}
                onChange={(e) => {
                  setFollowUp(e.target.value);
                }}
                aria-describedby="follow-up-hint"
              />
            </Field>
            <button type="submit" className="nhsuk-button nhsuk-button--secondary" disabled={busy}>
              Save follow-up
            </button>
          </form>
          <DischargeForm
            busy={busy}
            onDischarge={(request) => void run(change('POST', 'discharge', request))}
          />
        </>
      ) : null}
    </Section>
  );
}
