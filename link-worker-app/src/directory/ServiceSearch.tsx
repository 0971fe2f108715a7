import { useState } from 'react';
import { WEEKDAY_NAMES, WEEKDAYS, type Weekday } from '@linkwell/contracts';
import { REFERRAL_NEEDS, referralNeedCoding } from '@linkwell/profiles';
import { ErrorMessage, Field } from '../components/form-parts';
import {
  capacityText,
  capacityWarns,
  trackRecordText,
  type ServiceQuery,
  type ServiceResult,
} from './types';

/** The search form: need, words, near the person, open now or on a day, age. */
export function ServiceSearchForm({
  caseId,
  busy,
  onSearch,
}: {
  caseId: string;
  busy: boolean;
  onSearch: (query: ServiceQuery) => void;
}) {
  const [need, setNeed] = useState('');
  const [text, setText] = useState('');
  const [near, setNear] = useState(true);
  const [openNow, setOpenNow] = useState(false);
  const [day, setDay] = useState<Weekday | ''>('');
  const [age, setAge] = useState('');
  return (
    <form
      role="search"
      aria-label="Search the directory"
      className="lw-filters"
      onSubmit={(e) => {
        e.preventDefault();
        const years = Number(age);
        onSearch({
          need,
          text,
          ...(near ? { caseId } : {}),
          openNow,
          ...(openNow || day === '' ? {} : { day }),
          ...(age.trim() !== '' && Number.isInteger(years) ? { age: years } : {}),
        });
      }}
    >
      <Field id="dir-need" label="Need">
        <select
          id="dir-need"
          className="nhsuk-select"
          value={need}
          onChange={(e) => {
            setNeed(e.target.value);
          }}
        >
          <option value="">Any need</option>
          {REFERRAL_NEEDS.map((n) => (
            <option key={n} value={n}>
              {referralNeedCoding(n).display}
            </option>
          ))}
        </select>
      </Field>
      <Field id="dir-text" label="Words">
        <input
          id="dir-text"
          className="nhsuk-input"
          value={text}
          onChange={(e) => {
            setText(e.target.value);
          }}
        />
      </Field>
      <Field id="dir-day" label="Meets on">
        <select
          id="dir-day"
          className="nhsuk-select"
          value={day}
          disabled={openNow}
          onChange={(e) => {
            setDay(e.target.value as Weekday | '');
          }}
        >
          <option value="">Any day</option>
          {WEEKDAYS.map((code) => (
            <option key={code} value={code}>
              {WEEKDAY_NAMES[code]}
            </option>
          ))}
        </select>
      </Field>
      <Field id="dir-age" label="Age of the person">
        <input
          id="dir-age"
          className="nhsuk-input"
          inputMode="numeric"
          value={age}
          onChange={(e) => {
            setAge(e.target.value);
          }}
        />
      </Field>
      <div className="nhsuk-form-group">
        <label className="nhsuk-label" htmlFor="dir-near">
          <input
            id="dir-near"
            type="checkbox"
            checked={near}
            onChange={(e) => {
              setNear(e.target.checked);
            }}
          />{' '}
          Nearest to the person first
        </label>
        <label className="nhsuk-label" htmlFor="dir-open-now">
          <input
            id="dir-open-now"
            type="checkbox"
            checked={openNow}
            onChange={(e) => {
              setOpenNow(e.target.checked);
            }}
          />{' '}
          Open now
        </label>
      </div>
      <button type="submit" className="nhsuk-button" disabled={busy}>
        Search the directory
      </button>
    </form>
  );
}

/** What a link worker weighs: what, where, when, who to contact, capacity and track record. */
export function ServiceCard({ service }: { service: ServiceResult }) {
  const where = service.where
    .map((w) =>
      [w.name, w.address, w.distanceKm === undefined ? undefined : `${w.distanceKm} km away`]
        .filter(Boolean)
        .join(', '),
    )
    .join('; ');
  const contact = [
    ...service.contacts.map((c) =>
      [c.name, c.title, ...c.phones, c.email].filter(Boolean).join(', '),
    ),
    ...(service.contacts.length === 0
      ? [[...service.phones, service.email].filter(Boolean).join(', ')]
      : []),
  ].filter((c) => c !== '');
  return (
    <>
      <strong>{service.name}</strong>
      {service.organization === undefined ? null : <> · {service.organization}</>}
      {service.categories.length === 0 ? null : (
        <span className="lw-chart__direction"> {service.categories.join(', ')}</span>
      )}
      <span style={{ display: 'block' }}>
        {service.offers ?? 'No description in the directory.'}
      </span>
      <span style={{ display: 'block' }}>Where: {where === '' ? 'not recorded' : where}</span>
      {service.opening.length === 0 ? null : (
        <span style={{ display: 'block' }}>When: {service.opening.join('; ')}</span>
      )}
      {service.eligibility === undefined ? null : (
        <span style={{ display: 'block' }}>Who for: {service.eligibility}</span>
      )}
      {contact.length === 0 ? null : (
        <span style={{ display: 'block' }}>Contact: {contact.join('; ')}</span>
      )}
      {service.capacity === undefined ? null : (
        <span
          style={{ display: 'block' }}
          className={capacityWarns(service.capacity) ? 'nhsuk-error-message' : undefined}
        >
          Capacity: {capacityText(service.capacity)}
        </span>
      )}
      {service.capacity === undefined ? null : (
        <span style={{ display: 'block' }}>
          Track record: {trackRecordText(service.trackRecord)}
        </span>
      )}
    </>
  );
}

/**
 * The directory's results, one button each: pressing one chooses it (its details show below, the
 * cursor goes to the note), so picking a service is one click or tap.
 */
export function ServiceChoices({
  services,
  chosen,
  loading,
  error,
  onChoose,
}: {
  services: readonly ServiceResult[];
  chosen: string;
  loading: boolean;
  /** What to fix about the choice (none made, or the adapter refused it). */
  error?: string;
  onChoose: (id: string) => void;
}) {
  return (
    <div className={`nhsuk-form-group${error === undefined ? '' : ' nhsuk-form-group--error'}`}>
      <p className="nhsuk-label" id="onward-service-label">
        Community service
      </p>
      <ErrorMessage id="onward-service-error" message={error} />
      {loading ? <p>Loading the directory…</p> : null}
      <ul
        id="onward-service"
        tabIndex={-1}
        className="lw-service-choices"
        aria-labelledby="onward-service-label"
        aria-describedby={error === undefined ? undefined : 'onward-service-error'}
      >
        {services.map((s) => (
          <li key={s.id}>
            <button
              type="button"
              className="lw-service-choice"
              aria-pressed={s.id === chosen}
              aria-describedby={s.id === chosen ? 'onward-service-detail' : undefined}
              onClick={() => {
                onChoose(s.id);
              }}
            >
              <strong>{s.name}</strong>
              {s.distanceKm === undefined ? '' : ` · ${s.distanceKm} km`}
              {s.capacity === undefined ? '' : ` · ${capacityText(s.capacity)}`}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
