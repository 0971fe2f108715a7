import { useRef, useState } from 'react';
import type { OnwardReportRequest } from '@linkwell/contracts';
import { formatDate } from '../dates';
import { CheckInOffer } from './CheckInOffer';
import { onwardStateText, PhonedInReport, reportControls } from '../directory/OnwardProgress';
import { ServiceCard, ServiceChoices, ServiceSearchForm } from '../directory/ServiceSearch';
import { capacityWarns } from '../directory/types';
import { useDirectory } from '../directory/use-directory';
import type { SectionProps } from './CasePage';
import { bookingControls } from './BookingForm';
import { ErrorSummary } from './ErrorSummary';
import { check, messageAt, shareRefusalText } from './form-errors';
import { Field, Section, ShareWithGp, useShare } from './form-parts';
import { SyncBadge } from './SyncBadge';
import { useAction } from './use-load';

/** Where the onward referral form takes each field of its request. */
const ONWARD_CONTROLS = {
  service: 'onward-service',
  note: 'onward-note',
  share: 'onward-share',
  confirmCapacity: 'onward-agreed',
} as const;

const ONWARD_OPTIONS = { words: shareRefusalText, controls: ONWARD_CONTROLS };
const CHECK_IN_OPTIONS = { controls: bookingControls('checkin') };

/** Connections to community services: search the directory, weigh capacity, refer, follow up. */
export function OnwardReferrals({
  api,
  view,
  sync,
  reload,
  writeBack,
  canAdd,
}: SectionProps & { canAdd: boolean }) {
  const { busy, problems, run, refuse } = useAction(reload, ONWARD_OPTIONS);
  const booking = useAction(reload, CHECK_IN_OPTIONS);
  /** The service just referred to, while a check-in about it is offered. */
  const [referred, setReferred] = useState<string | undefined>();
  const directory = useDirectory(api, view.record.id);
  const [service, setService] = useState('');
  const noteField = useRef<HTMLInputElement>(null);
  const [note, setNote] = useState('');
  const [agreed, setAgreed] = useState(false);
  const [share, setShare] = useShare(writeBack);
  const services = directory.results;
  const chosen = services.find((s) => s.id === service);
  const warn = capacityWarns(chosen?.capacity);
  const retry = (seq: number): Promise<void> => run(() => api.retrySync(seq)).then(() => undefined);
  const report =
    api.reportOnward === undefined
      ? undefined
      : (id: string, said: OnwardReportRequest) =>
          api.reportOnward?.(id, said) ?? Promise.resolve();
  return (
    <Section title="Onward referrals to community services" id="onward-heading" wide>
      <ErrorSummary problems={problems} />
      {view.record.onwardReferrals.length === 0 ? (
        <p>No onward referrals yet.</p>
      ) : (
        <ul className="nhsuk-list nhsuk-list--bullet">
          {view.record.onwardReferrals.map((o) => (
            <li key={o.id}>
              <strong>{o.serviceName ?? 'A service no longer in the directory'}</strong> ·{' '}
              {formatDate(o.authoredOn)} ·{' '}
              <span data-testid="onward-state">{onwardStateText(o.state, o.stateReason)}</span>
              {o.note === undefined ? null : <> · {o.note}</>}
              <SyncBadge shared={o.shared} state={sync('onward', o.id)} onRetry={retry} />
              {report === undefined ? null : (
                <PhonedInReport
                  id={o.id}
                  state={o.state}
                  busy={busy}
                  problems={problems}
                  refuse={refuse}
                  onReport={(said) => {
                    // A refusal names the report's field (state, reason): this item's controls.
                    void run(() => report(o.id, said), undefined, reportControls(o.id));
                  }}
                />
              )}
            </li>
          ))}
        </ul>
      )}
      {canAdd ? (
        <>
          <ServiceSearchForm
            caseId={view.record.id}
            busy={directory.state === 'loading'}
            onSearch={(q) => void directory.search(q)}
          />
          <p aria-live="polite">
            {directory.state === 'loading'
              ? 'Searching the directory…'
              : directory.state === 'failed'
                ? null
                : `${directory.total} ${directory.total === 1 ? 'service' : 'services'} found${services.length < directory.total ? `, the first ${services.length} shown` : ''}.`}
          </p>
          {directory.state === 'failed' ? (
            <ErrorSummary
              focus={false}
              problems={[
                { message: `The directory could not be searched: ${directory.message ?? ''}` },
              ]}
            />
          ) : null}
          <form
            onSubmit={(e) => {
              e.preventDefault();
              const found = check([
                [service === '', ONWARD_CONTROLS.service, 'Choose a community service'],
                [
                  service !== '' && warn && !agreed,
                  ONWARD_CONTROLS.confirmCapacity,
                  `Tick to confirm ${chosen?.name ?? 'the service'} agreed to take this referral`,
                ],
              ]);
              if (refuse(found)) return;
              void run(
                () =>
                  api.change('POST', view.record.id, 'onward-referrals', {
                    service,
                    share,
                    ...(note.trim() === '' ? {} : { note: note.trim() }),
                    ...(warn ? { confirmCapacity: true } : {}),
                  }),
                () => {
                  setService('');
                  setNote('');
                  setAgreed(false);
                  setReferred(chosen?.name ?? 'the service');
                },
              );
            }}
          >
            <ServiceChoices
              services={services}
              chosen={service}
              loading={directory.state === 'loading'}
              error={messageAt(problems, ONWARD_CONTROLS.service)}
              onChoose={(id) => {
                setService(id);
                setAgreed(false);
                // Chosen, the cursor goes to the note: the next thing to write, if anything.
                noteField.current?.focus();
              }}
            />
            <div
              id="onward-service-detail"
              className={`nhsuk-inset-text${warn ? ' lw-inset--warning' : ''}`}
              aria-live="polite"
            >
              {chosen === undefined ? (
                'Choose a service to see what it offers, where, when and whether it is taking referrals.'
              ) : (
                <ServiceCard service={chosen} />
              )}
            </div>
            {warn && chosen?.capacity !== undefined ? (
              <div className="nhsuk-form-group nhsuk-form-group--error">
                <span className="nhsuk-error-message" role="alert">
                  {chosen.name} is {chosen.capacity.state === 'paused' ? 'paused' : 'closed'}: it
                  may not take this referral.
                </span>
                <label className="nhsuk-label" htmlFor="onward-agreed">
                  <input
                    id="onward-agreed"
                    type="checkbox"
                    checked={agreed}
                    onChange={(e) => {
                      setAgreed(e.target.checked);
                    }}
                  />{' '}
                  The service agreed to take this referral anyway
                </label>
              </div>
            ) : null}
            <Field
              id="onward-note"
              label="Note for the service (optional)"
              error={messageAt(problems, ONWARD_CONTROLS.note)}
            >
              <input
                id="onward-note"
                ref={noteField}
                className="nhsuk-input"
                value={note}
                onChange={(e) => {
                  setNote(e.target.value);
                }}
              />
            </Field>
            <ShareWithGp
              id="onward-share"
              checked={share}
              onChange={setShare}
              writeBack={writeBack}
            />
            <button type="submit" className="nhsuk-button" disabled={busy}>
              Refer to this service
            </button>
          </form>
          <CheckInOffer
            service={referred}
            busy={booking.busy}
            problems={booking.problems}
            refuse={booking.refuse}
            onBook={(request, booked) =>
              booking.run(() => api.change('POST', view.record.id, 'appointments', request), booked)
            }
            onClose={() => {
              setReferred(undefined);
            }}
          />
        </>
      ) : null}
    </Section>
  );
}
