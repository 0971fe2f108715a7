import { useState } from 'react';
import {
  ACTIVE_TASK_STATUSES,
  REFERRAL_BUSINESS_STATUSES,
  REFERRAL_STATUS_REASONS,
} from '@linkwell/profiles';
import { formatDate } from '../dates';
import type { SectionProps } from './CasePage';
import { DISCHARGE_CONTROLS, DischargeForm } from './DischargeForm';
import { ErrorSummary } from './ErrorSummary';
import { check, messageAt } from './form-errors';
import { Choices, Field, Section } from './form-parts';
import { SyncBadge } from './SyncBadge';
import { useAction } from './use-load';

/** Where the accept, stage and follow-up forms take each field of their requests. */
const PROGRESS_CONTROLS = {
  reason: 'reject-reason',
  businessStatus: 'stage',
  due: 'follow-up',
} as const;

const PROGRESS_OPTIONS = { controls: PROGRESS_CONTROLS };
const DISCHARGE_OPTIONS = { controls: DISCHARGE_CONTROLS };

const WORKING_STAGES = Object.fromEntries(
  Object.entries(REFERRAL_BUSINESS_STATUSES).filter(
    ([code]) => !['discharged', 'did-not-engage', 'declined'].includes(code),
  ),
);

/** Accept or reject a new referral; then stage, next follow-up and discharge. */
export function CaseProgress({ api, view, sync, reload, people }: SectionProps) {
  const { record, details } = view;
  const { busy, problems, run, refuse } = useAction(reload, PROGRESS_OPTIONS);
  const closing = useAction(reload, DISCHARGE_OPTIONS);
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
      <ErrorSummary problems={problems} />
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
              const found = check([
                [
                  reason === '',
                  PROGRESS_CONTROLS.reason,
                  'Choose why the referral is not accepted',
                ],
              ]);
              if (!refuse(found)) void run(change('POST', 'reject', { reason }));
            }}
          >
            <Field
              id="reject-reason"
              label="Reason for not accepting"
              error={messageAt(problems, PROGRESS_CONTROLS.reason)}
            >
              <Choices
                id="reject-reason"
                value={reason}
                onChange={setReason}
                options={REFERRAL_STATUS_REASONS}
                placeholder="Choose a reason"
              />
            </Field>
            <button type="submit" className="nhsuk-button nhsuk-button--secondary" disabled={busy}>
              Reject referral
            </button>
          </form>
        </>
      ) : null}
      {open ? (
        <>
          <Field
            id="stage"
            label="Stage"
            error={messageAt(problems, PROGRESS_CONTROLS.businessStatus)}
          >
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
              error={messageAt(problems, PROGRESS_CONTROLS.due)}
            >
              <input
                id="follow-up"
                className="nhsuk-input"
                type="date"
                value={followUp}
                onChange={(e) => {
                  setFollowUp(e.target.value);
                }}
              />
            </Field>
            <button type="submit" className="nhsuk-button nhsuk-button--secondary" disabled={busy}>
              Save follow-up
            </button>
          </form>
          <DischargeForm
            busy={closing.busy}
            problems={closing.problems}
            refuse={closing.refuse}
            onDischarge={(request) => void closing.run(change('POST', 'discharge', request))}
          />
        </>
      ) : null}
    </Section>
  );
}
