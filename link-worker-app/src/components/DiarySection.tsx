import { useCallback, useState } from 'react';
import type { AppointmentOutcome as Outcome, DiaryAppointment } from '@linkwell/contracts';
import { formatDate } from '../dates';
import { appointmentLine, instantOf, STATUS_WORDS } from '../diary/appointments';
import { BookingForm, bookingControls } from './BookingForm';
import type { SectionProps } from './CasePage';
import { ErrorSummary } from './ErrorSummary';
import { Field, Section } from './form-parts';
import { Loading } from './SessionScreens';
import { useAction, useLoad } from './use-load';

/** How a booked meeting went, as its buttons say it. */
const OUTCOME_BUTTONS: readonly (readonly [Outcome, string])[] = [
  ['attended', 'Attended'],
  ['did-not-attend', 'Did not attend'],
  ['cancelled', 'Cancel'],
];

function Booked({
  appointment,
  busy,
  onOutcome,
  onMove,
}: {
  appointment: DiaryAppointment;
  busy: boolean;
  onOutcome: (outcome: Outcome) => void;
  onMove: (start: string) => void;
}) {
  const [moving, setMoving] = useState(false);
  const [when, setWhen] = useState('');
  const id = `move-${appointment.id}`;
  return (
    <li>
      <strong>{formatDate(appointment.start)}</strong> {appointmentLine(appointment)}
      <div className="lw-button-row">
        {OUTCOME_BUTTONS.map(([outcome, label]) => (
          <button
            key={outcome}
            type="button"
            className="nhsuk-button nhsuk-button--secondary"
            disabled={busy}
            onClick={() => {
              onOutcome(outcome);
            }}
          >
            {label}
          </button>
        ))}
        <button
          type="button"
          className="lw-link-button"
          aria-expanded={moving}
          aria-controls={id}
          onClick={() => {
            setMoving(!moving);
          }}
        >
          Move
        </button>
      </div>
      {moving ? (
        <form
          id={id}
          className="lw-inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            const start = instantOf(when);
            if (start !== undefined) onMove(start);
          }}
        >
          <Field id={`${id}-when`} label="New date and time">
            <input
              id={`${id}-when`}
              className="nhsuk-input"
              type="datetime-local"
              value={when}
              onChange={(e) => {
                setWhen(e.target.value);
              }}
            />
          </Field>
          <button
            type="submit"
            className="nhsuk-button"
            disabled={busy || instantOf(when) === undefined}
          >
            Move it
          </button>
        </form>
      ) : null}
    </li>
  );
}

const BOOK_OPTIONS = { controls: bookingControls('book') };

/** The case's meetings and calls: book, move, record how each went; did-not-attend counted. */
export function DiarySection({ api, view }: SectionProps) {
  const caseId = view.record.id;
  const load = useCallback(() => api.appointments(caseId), [api, caseId]);
  const [state, reload] = useLoad(load);
  // Outcomes and moves of what is booked report at the top; a new booking in its own form.
  const { busy, problems, run } = useAction(reload);
  const booking = useAction(reload, BOOK_OPTIONS);
  if (state.kind === 'loading') return <Loading label="Loading the diary…" />;
  if (state.kind === 'failed')
    return (
      <ErrorSummary
        focus={false}
        problems={[{ message: `The diary could not be loaded: ${state.message}` }]}
      />
    );
  const { appointments, attendance } = state.value;
  const booked = appointments.filter((a) => a.status === 'booked');
  const past = appointments.filter((a) => a.status !== 'booked');
  const open = ['requested', 'accepted', 'in-progress', 'on-hold'].includes(view.record.status);
  const path = (a: DiaryAppointment, rest = ''): string => `appointments/${a.id}${rest}`;
  return (
    <Section title="Diary" id="diary-heading" wide>
      <ErrorSummary problems={problems} />
      <p className="lw-count">
        Attended {attendance.attended} · <strong>Did not attend {attendance.didNotAttend}</strong> ·
        Cancelled {attendance.cancelled}
      </p>
      <h3 className="nhsuk-heading-s">Coming up</h3>
      {booked.length === 0 ? (
        <p>Nothing booked.</p>
      ) : (
        <ul className="nhsuk-list nhsuk-list--border">
          {booked.map((a) => (
            <Booked
              key={a.id}
              appointment={a}
              busy={busy}
              onOutcome={(outcome) =>
                void run(() => api.change('POST', caseId, path(a, '/outcome'), { outcome }))
              }
              onMove={(next) =>
                void run(() =>
                  api.change('PATCH', caseId, path(a), { start: next, minutes: a.minutes }),
                )
              }
            />
          ))}
        </ul>
      )}
      {open ? (
        <BookingForm
          idPrefix="book"
          heading="Book a meeting or call"
          submitLabel="Book"
          busy={booking.busy}
          problems={booking.problems}
          refuse={booking.refuse}
          onBook={(request) =>
            booking.run(() => api.change('POST', caseId, 'appointments', request))
          }
        />
      ) : null}
      {past.length === 0 ? null : (
        <>
          <h3 className="nhsuk-heading-s">Earlier</h3>
          <ul className="nhsuk-list nhsuk-list--bullet">
            {past.map((a) => (
              <li key={a.id}>
                <strong>{formatDate(a.start)}</strong> {appointmentLine(a)} ·{' '}
                <span
                  className={`nhsuk-tag${a.status === 'noshow' ? ' nhsuk-tag--red' : ' nhsuk-tag--grey'}`}
                >
                  {STATUS_WORDS[a.status]}
                </span>
                {a.cancelReason === undefined ? null : <> · {a.cancelReason}</>}
              </li>
            ))}
          </ul>
        </>
      )}
    </Section>
  );
}
