// One question answered by one choice: a fieldset whose legend is the question, native radios
// sharing a name, so Tab reaches the group and the arrow keys move between its choices.

import { ErrorMessage } from './form-parts';

export interface RadioChoice<T extends string = string> {
  readonly value: T;
  readonly label: string;
}

export function RadioGroup<T extends string>({
  name,
  legend,
  hint,
  choices,
  value,
  onChange,
  inline,
  scale,
  small,
  error,
}: {
  name: string;
  legend: string;
  hint?: string;
  choices: readonly RadioChoice<T>[];
  /** The choice made, or '' for none yet. */
  value: T | '';
  onChange: (value: T) => void;
  /** Choices side by side (short labels such as 0–10), wrapping on a narrow screen. */
  inline?: boolean;
  /** A numbered scale (0–10): on a phone, the choices in one row, each number under its radio. */
  scale?: boolean;
  /** The legend as a label-sized line rather than a heading. */
  small?: boolean;
  /** What to fix (an unanswered question, a refused choice). */
  error?: string;
}) {
  const hintId = `${name}-hint`;
  const errorId = `${name}-error`;
  const describedBy = [hint === undefined ? '' : hintId, error === undefined ? '' : errorId]
    .filter((id) => id !== '')
    .join(' ');
  const group = (
    <fieldset
      className="nhsuk-fieldset lw-radio-group"
      aria-describedby={describedBy === '' ? undefined : describedBy}
    >
      <legend className={small === true ? 'nhsuk-label' : 'nhsuk-fieldset__legend'}>
        {legend}
      </legend>
      {hint === undefined ? null : (
        <div className="nhsuk-hint" id={hintId}>
          {hint}
        </div>
      )}
      <ErrorMessage id={errorId} message={error} />
      <div
        className={[
          'lw-radios',
          inline === true ? 'lw-radios--wrap' : '',
          scale === true ? 'lw-radios--scale' : '',
        ]
          .filter((c) => c !== '')
          .join(' ')}
      >
        {choices.map((choice) => {
          const id = `${name}-${choice.value}`;
          return (
            <div key={choice.value} className="lw-radios__item">
              <input
                id={id}
                className="lw-radios__input"
                type="radio"
                name={name}
                value={choice.value}
                checked={value === choice.value}
                onChange={() => {
                  onChange(choice.value);
                }}
              />
              <label className="lw-radios__label" htmlFor={id}>
                {choice.label}
              </label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
  return error === undefined ? (
    group
  ) : (
    <div className="nhsuk-form-group nhsuk-form-group--error">{group}</div>
  );
}

/** Choices from a code → label record. */
export const choicesOf = <T extends string>(
  labels: Readonly<Record<T, string>>,
): RadioChoice<T>[] =>
  (Object.entries(labels) as [T, string][]).map(([value, label]) => ({ value, label }));
