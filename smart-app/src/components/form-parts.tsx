import { forwardRef, type ReactNode } from 'react';
import type { DraftField, FieldErrors } from '../referral/draft';

/** The id of the first control of a field: the error summary links to it. */
export const fieldId = (field: DraftField): string => `referral-${field}`;

const ORDER: DraftField[] = [
  'form',
  'needs',
  'otherNeeds',
  'whatMatters',
  'priority',
  'consentToShare',
  'contactPreferences',
  'risks',
  'communication',
  'service',
];

/** NHS error summary: focused when shown, each problem a link to its field. */
export const ErrorSummary = forwardRef<HTMLDivElement, { readonly errors: FieldErrors }>(
  function ErrorSummary({ errors }, ref) {
    const shown = ORDER.filter((field) => errors[field] !== undefined);
    if (shown.length === 0) return null;
    return (
      <div
        className="nhsuk-error-summary"
        ref={ref}
        tabIndex={-1}
        role="alert"
        aria-labelledby="error-summary-title"
      >
        <h2 className="nhsuk-error-summary__title" id="error-summary-title">
          There is a problem
        </h2>
        <ul className="nhsuk-error-summary__list">
          {shown.map((field) => (
            <li key={field}>
              {field === 'form' ? errors.form : <a href={`#${fieldId(field)}`}>{errors[field]}</a>}
            </li>
          ))}
        </ul>
      </div>
    );
  },
);

export function ErrorMessage({
  id,
  message,
}: {
  readonly id: string;
  readonly message?: string;
}): ReactNode {
  if (message === undefined) return null;
  return (
    <span className="nhsuk-error-message" id={id}>
      <span className="nhsuk-u-visually-hidden">Error:</span> {message}
    </span>
  );
}

interface CheckboxGroupProps<T extends string> {
  readonly field: DraftField;
  readonly legend: string;
  readonly hint?: string;
  readonly options: readonly { readonly value: T; readonly label: string }[];
  readonly selected: readonly T[];
  readonly error?: string;
  readonly columns?: boolean;
  readonly onChange: (selected: T[]) => void;
}

/** A fieldset of checkboxes; selection order is kept (the first chosen is the first preference). */
export function CheckboxGroup<T extends string>(props: CheckboxGroupProps<T>): ReactNode {
  const { field, legend, hint, options, selected, error, onChange } = props;
  const errorId = `${fieldId(field)}-error`;
  const hintId = `${fieldId(field)}-hint`;
  const describedBy = [hint === undefined ? '' : hintId, error === undefined ? '' : errorId]
    .filter((id) => id !== '')
    .join(' ');
  return (
    <div className={`nhsuk-form-group${error === undefined ? '' : ' nhsuk-form-group--error'}`}>
      <fieldset
        className="nhsuk-fieldset"
        aria-describedby={describedBy === '' ? undefined : describedBy}
      >
        <legend className="nhsuk-fieldset__legend">{legend}</legend>
        {hint !== undefined && (
          <div className="nhsuk-hint" id={hintId}>
            {hint}
          </div>
        )}
        <ErrorMessage id={errorId} message={error} />
        <div
          className={`nhsuk-checkboxes${props.columns === true ? ' lw-checkboxes--columns' : ''}`}
        >
          {options.map((option, i) => {
            const id = i === 0 ? fieldId(field) : `${fieldId(field)}-${option.value}`;
            const checked = selected.includes(option.value);
            return (
              <div className="nhsuk-checkboxes__item" key={option.value}>
                <input
                  className="nhsuk-checkboxes__input"
                  id={id}
                  type="checkbox"
                  value={option.value}
                  checked={checked}
                  onChange={() => {
                    onChange(
                      checked
                        ? selected.filter((value) => value !== option.value)
                        : [...selected, option.value],
                    );
                  }}
                />
                <label className="nhsuk-checkboxes__label" htmlFor={id}>
                  {option.label}
                </label>
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}
