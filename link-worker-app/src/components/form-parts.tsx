import { useState, type ReactNode } from 'react';
import type { WriteBack } from '../consent/write-back';

/** A labelled control with its hint and error, NHS.UK style. */
export function Field({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  children: ReactNode;
}) {
  return (
    <div className={`nhsuk-form-group${error === undefined ? '' : ' nhsuk-form-group--error'}`}>
      <label className="nhsuk-label" htmlFor={id}>
        {label}
      </label>
      {hint === undefined ? null : (
        <div className="nhsuk-hint" id={`${id}-hint`}>
          {hint}
        </div>
      )}
      {error === undefined ? null : <span className="nhsuk-error-message">{error}</span>}
      {children}
    </div>
  );
}

export function Choices({
  id,
  value,
  onChange,
  options,
  placeholder,
}: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  options: Readonly<Record<string, string>>;
  placeholder?: string;
}) {
  return (
    <select
      id={id}
      className="nhsuk-select"
      value={value}
      onChange={(e) => {
        onChange(e.target.value);
      }}
    >
      {placeholder === undefined ? null : <option value="">{placeholder}</option>}
      {Object.entries(options).map(([code, label]) => (
        <option key={code} value={code}>
          {label}
        </option>
      ))}
    </select>
  );
}

/** The adapter's refusal in its own words. */
export function Refusal({ message }: { message: string | undefined }) {
  return message === undefined ? null : (
    <p className="nhsuk-error-message" role="alert">
      {message}
    </p>
  );
}

export function Section({
  title,
  id,
  wide,
  children,
}: {
  title: string;
  id: string;
  wide?: boolean;
  children: ReactNode;
}) {
  return (
    <section
      className={`lw-card${wide === true ? ' lw-case-grid__wide' : ''}`}
      aria-labelledby={id}
    >
      <h2 className="nhsuk-heading-m" id={id}>
        {title}
      </h2>
      {children}
    </section>
  );
}

/** Whether an item goes to the GP record: only what the person agreed to leaves the service. */
export function ShareWithGp({
  id,
  checked,
  onChange,
  writeBack,
  label = 'Share with the GP',
}: {
  id: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  writeBack: WriteBack;
  label?: string;
}) {
  return (
    <div className="nhsuk-checkboxes__item">
      <input
        id={id}
        className="nhsuk-checkboxes__input"
        type="checkbox"
        checked={writeBack.allowed && checked}
        disabled={!writeBack.allowed}
        aria-describedby={writeBack.allowed ? undefined : `${id}-why`}
        onChange={(e) => {
          onChange(e.target.checked);
        }}
      />
      <label className="nhsuk-checkboxes__label" htmlFor={id}>
        {label}
        {writeBack.allowed ? ' (the person agreed)' : ''}
      </label>
      {writeBack.allowed ? null : (
        <div className="nhsuk-hint" id={`${id}-why`}>
          {writeBack.why}
        </div>
      )}
    </div>
  );
}

/** The link worker's choice for a share box, never on when the consent does not allow it. */
export function useShare(writeBack: WriteBack): [boolean, (checked: boolean) => void] {
  const [choice, setChoice] = useState(true);
  return [writeBack.allowed && choice, setChoice];
}
