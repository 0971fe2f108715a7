import { useState, type ReactNode } from 'react';
import type { AppointmentMode, BookAppointmentRequest } from '@linkwell/contracts';
import { instantOf, MODES } from '../diary/appointments';
import { ErrorSummary } from './ErrorSummary';
import { check, messageAt, type FieldControls, type FormProblems } from './form-errors';
import { Field } from './form-parts';
import { choicesOf, RadioGroup } from './RadioGroup';

const LENGTHS = { '15': '15 min', '30': '30 min', '45': '45 min', '60': '1 hour' };

/** A meeting or call to book in the worker's diary: the contract's `POST …/appointments` body. */
export type BookingRequest = BookAppointmentRequest;

/** Where a booking form (ids starting `idPrefix`) takes each field of its request. */
export const bookingControls = (idPrefix: string): FieldControls => ({
  start: `${idPrefix}-when`,
  minutes: `${idPrefix}-length-30`,
  mode: `${idPrefix}-mode-in-person`,
  where: `${idPrefix}-where`,
  withWhom: `${idPrefix}-with`,
});

/**
 * When, how long, how, where and with whom: in person for 30 minutes unless changed. The fields
 * clear once the booking is kept (`onBook` resolves true).
 */
export function BookingForm({
  idPrefix,
  heading,
  intro,
  submitLabel,
  busy,
  problems,
  refuse,
  onBook,
  children,
}: {
  /** Keeps the ids apart when two forms could be on one page. */
  idPrefix: string;
  heading: string;
  /** A line under the heading. */
  intro?: string;
  submitLabel: string;
  busy: boolean;
  /** What to fix: the form's own checks (shown through `refuse`) and the adapter's refusals. */
  problems: FormProblems;
  /** Shows the form's own problems; true when there are any (nothing is sent). */
  refuse: (problems: FormProblems) => boolean;
  onBook: (request: BookingRequest) => Promise<boolean>;
  /** Shown beside the submit button (e.g. a way to say no). */
  children?: ReactNode;
}) {
  const [when, setWhen] = useState('');
  const [minutes, setMinutes] = useState('30');
  const [mode, setMode] = useState<AppointmentMode>('in-person');
  const [where, setWhere] = useState('');
  const [withWhom, setWithWhom] = useState('');
  const start = instantOf(when);
  const id = (part: string): string => `${idPrefix}-${part}`;
  const at = (part: string): string | undefined => messageAt(problems, id(part));
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        const found = check([
          [start === undefined, id('when'), 'Enter the date and time of the meeting or call'],
        ]);
        if (refuse(found) || start === undefined) return;
        void onBook({
          start,
          minutes: Number(minutes),
          mode,
          ...(where.trim() === '' ? {} : { where: where.trim() }),
          ...(withWhom.trim() === '' ? {} : { withWhom: withWhom.trim() }),
        }).then((kept) => {
          if (!kept) return;
          setWhen('');
          setWhere('');
          setWithWhom('');
        });
      }}
    >
      <h3 className="nhsuk-heading-s">{heading}</h3>
      {intro === undefined ? null : <p>{intro}</p>}
      <ErrorSummary problems={problems} />
      <div className="lw-inline-form">
        <Field id={id('when')} label="When" error={at('when')}>
          <input
            id={id('when')}
            className="nhsuk-input"
            type="datetime-local"
            value={when}
            onChange={(e) => {
              setWhen(e.target.value);
            }}
          />
        </Field>
      </div>
      <RadioGroup
        name={id('length')}
        legend="How long"
        small
        inline
        choices={choicesOf(LENGTHS)}
        value={minutes}
        onChange={setMinutes}
      />
      <RadioGroup
        name={id('mode')}
        legend="How"
        small
        inline
        choices={choicesOf(MODES)}
        value={mode}
        onChange={setMode}
      />
      <div className="lw-inline-form">
        <Field
          id={id('where')}
          label={mode === 'in-person' ? 'Where (optional)' : 'Number or link (optional)'}
          error={at('where')}
        >
          <input
            id={id('where')}
            className="nhsuk-input"
            value={where}
            onChange={(e) => {
              setWhere(e.target.value);
            }}
          />
        </Field>
        <Field id={id('with')} label="With anyone else (optional)" error={at('with')}>
          <input
            id={id('with')}
            className="nhsuk-input"
            value={withWhom}
            onChange={(e) => {
              setWithWhom(e.target.value);
            }}
          />
        </Field>
      </div>
      <div className="lw-button-row">
        <button type="submit" className="nhsuk-button" disabled={busy}>
          {submitLabel}
        </button>
        {children}
      </div>
    </form>
  );
}
