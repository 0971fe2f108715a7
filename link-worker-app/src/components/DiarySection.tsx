import { useCallback, useState } from 'react';
import type { DiaryAppointment } from '@linkwell/contracts';
import { formatDate } from '../dates';
import { appointmentLine, instantOf, MODES, STATUS_WORDS } from '../diary/appointments';
import type { SectionProps } from './CasePage';
import { Field, Refusal, Section } from './form-parts';
import { choicesOf, RadioGroup } from './RadioGroup';
import { Loading } from './SessionScreens';
import { useAction, useLoad } from './use-load';

const LENGTHS = { '15': '15 min', '30': '30 min', '45': '45 min', '60': '1 hour' };

type Outcome = 'attended' | 'did-not-attend' | 'cancelled';
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
    <li className="lw-diary__item">
      <strong>{formatDate(appointment.start)}</strong> {appointmentLine(appointment)}
      <div className="lw-button-row">
        {OUTCOME_BUTTONS.map(([outcome, label]) => (
          <button
            key={outcome}
            type="button"
            className="lw-button lw-button--secondary"
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
              className="lw-input"
              type="datetime-local"
              value={when}
              onChange={(e) => {
                setWhen(e.target.value);
              }}
            />
          </Field>
          <button
            type="submit"
            className="lw-button"
            disabled={busy || instantOf(when) === undefined}
          >
            Move it
          </button>
        </form>
      ) : null}
    </li>
  );
}

/** The case's meetings and calls: book, move, record how each went; did-not-attend counted. */
export function DiarySection({ api, view }: SectionProps) {
  const caseId = view.record.id;
  const load = useCallback(() => api.appointments(caseId), [api, caseId]);
  const [state, reload] = useLoad(load);
  const { busy, error, run } = useAction(reload);
  const [when, setWhen] = useState('');
  const [minutes, setMinutes] = useState('30');
  const [mode, setMode] = useState('in-person');
  const [where, setWhere] = useState('');
  const [withWhom, setWithWhom] = useState('');
  const start = instantOf(when);
  if (state.kind === 'loading') return <Loading label="Loading the diary…" />;
  if (state.kind === 'failed')
    return <Refusal message={`The diary could not be loaded: ${state.message}`} />;
  const { appointments, attendance } = state.value;
  const booked = appointments.filter((a) => a.status === 'booked');
  const past = appointments.filter((a) => a.status !== 'booked');
  const open = ['requested', 'accepted', 'in-progress', 'on-hold'].includes(view.record.status);
  const path = (a: DiaryAppointment, rest = ''): string => `appointments/${a.id}${rest}`;
  return (
    <Section title="Diary" id="diary-heading" wide>
      <p className="lw-count">
        Attended {attendance.attended} · <strong>Did not attend {attendance.didNotAttend}</strong> ·
        Cancelled {attendance.cancelled}
      </p>
      <h3 className="lw-heading-s">Coming up</h3>
      {booked.length === 0 ? (
        <p>Nothing booked.</p>
      ) : (
        <ul className="lw-list lw-diary">
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
      <Refusal message={error} />
      {open ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (start === undefined) return;
            void run(
              () =>
                api.change('POST', caseId, 'appointments', {
                  start,
                  minutes: Number(minutes),
                  mode,
                  ...(where.trim() === '' ? {} : { where: where.trim() }),
                  ...(withWhom.trim() === '' ? {} : { withWhom: withWhom.trim() }),
                }),
              () => {
                setWhen('');
                setWhere('');
                setWithWhom('');
              },
            );
          }}
        >
          <h3 className="lw-heading-s">Book a meeting or call</h3>
          <div className="lw-inline-form">
            <Field id="book-when" label="When">
              <input
                id="book-when"
                className="lw-input"
                type="datetime-local"
                value={when}
                onChange={(e) => {
                  setWhen(e.target.value);
                }}
              />
            </Field>
          </div>
          <RadioGroup
            name="book-length"
            legend="How long"
            small
            inline
            choices={choicesOf(LENGTHS)}
            value={minutes}
            onChange={setMinutes}
          />
          <RadioGroup
            name="book-mode"
            legend="How"
            small
            inline
            choices={choicesOf(MODES)}
            value={mode}
            onChange={setMode}
          />
          <div className="lw-inline-form">
            <Field
              id="book-where"
              label={mode === 'in-person' ? 'Where (optional)' : 'Number or link (optional)'}
            >
              <input
                id="book-where"
                className="lw-input"
                value={where}
                onChange={(e) => {
                  setWhere(e.target.value);
                }}
              />
            </Field>
            <Field id="book-with" label="With anyone else (optional)">
              <input
                id="book-with"
                className="lw-input"
                value={withWhom}
                onChange={(e) => {
                  setWithWhom(e.target.value);
                }}
              />
            </Field>
          </div>
          <button type="submit" className="lw-button" disabled={busy || start === undefined}>
            Book
          </button>
        </form>
      ) : null}
      {past.length === 0 ? null : (
        <>
          <h3 className="lw-heading-s">Earlier</h3>
          <ul className="lw-list">
            {past.map((a) => (
              <li key={a.id}>
                <strong>{formatDate(a.start)}</strong> {appointmentLine(a)} ·{' '}
                <span
                  className={`lw-tag${a.status === 'noshow' ? ' lw-tag--red' : ' lw-tag--grey'}`}
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
