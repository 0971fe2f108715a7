import { cloneElement, useState, type ReactElement, type ReactNode } from 'react';
import type { WriteBack } from '../consent/write-back';

/** A labelled control with its hint and error, NHS.UK style: the control is described by both. */
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
  children: ReactElement<ControlProps>;
}) {
  const hintId = hint === undefined ? undefined : `${id}-hint`;
  const errorId = error === undefined ? undefined : `${id}-error`;
  return (
    <div className={`nhsuk-form-group${error === undefined ? '' : ' nhsuk-form-group--error'}`}>
      <label className="nhsuk-label" htmlFor={id}>
        {label}
      </label>
      {hintId === undefined ? null : (
        <div className="nhsuk-hint" id={hintId}>
          {hint}
        </div>
      )}
      <ErrorMessage id={errorId} message={error} />
      {withError(children, [hintId, errorId], error !== undefined)}
    </div>
  );
}

/** The props a Field sets on its control. */
interface ControlProps {
  readonly className?: string;
  readonly 'aria-describedby'?: string;
  readonly 'aria-invalid'?: boolean;
}

/** The control described by its hint and error, in its error style when it has one. */
function withError(
  control: ReactElement<ControlProps>,
  describedBy: readonly (string | undefined)[],
  invalid: boolean,
): ReactElement<ControlProps> {
  const ids = [control.props['aria-describedby'], ...describedBy].filter(
    (id, i, all): id is string => id !== undefined && all.indexOf(id) === i,
  );
  const base = control.props.className ?? (control.type === Choices ? 'nhsuk-select' : '');
  const style = /nhsuk-(input|textarea|select)\b/.exec(base)?.[0];
  return cloneElement(control, {
    'aria-describedby': ids.length === 0 ? undefined : ids.join(' '),
    ...(invalid
      ? { 'aria-invalid': true, className: style === undefined ? base : `${base} ${style}--error` }
      : {}),
  });
}

/** The words beside a control that has a problem. */
export function ErrorMessage({ id, message }: { id?: string; message: string | undefined }) {
  return message === undefined ? null : (
    <span className="nhsuk-error-message" id={id}>
      <span className="nhsuk-u-visually-hidden">Error:</span> {message}
    </span>
  );
}

export function Choices({
  id,
  value,
  onChange,
  options,
  placeholder,
  className,
  ...aria
}: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  options: Readonly<Record<string, string>>;
  placeholder?: string;
} & ControlProps) {
  return (
    <select
      id={id}
      className={className ?? 'nhsuk-select'}
      {...aria}
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
      className={`nhsuk-card${wide === true ? ' lw-case-grid__wide' : ''}`}
      aria-labelledby={id}
    >
      <div className="nhsuk-card__content">
        <h2 className="nhsuk-card__heading nhsuk-heading-m" id={id}>
          {title}
        </h2>
        {children}
      </div>
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
