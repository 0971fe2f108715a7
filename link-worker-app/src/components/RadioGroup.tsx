// One question answered by one choice: a fieldset whose legend is the question, native radios
// sharing a name, so Tab reaches the group and the arrow keys move between its choices.

export interface RadioChoice {
  readonly value: string;
  readonly label: string;
}

export function RadioGroup({
  name,
  legend,
  hint,
  choices,
  value,
  onChange,
  inline,
  scale,
  small,
}: {
  name: string;
  legend: string;
  hint?: string;
  choices: readonly RadioChoice[];
  value: string;
  onChange: (value: string) => void;
  /** Choices side by side (short labels such as 0–10), wrapping on a narrow screen. */
  inline?: boolean;
  /** A numbered scale (0–10): on a phone, the choices in one row, each number under its radio. */
  scale?: boolean;
  /** The legend as a label-sized line rather than a heading. */
  small?: boolean;
}) {
  const hintId = `${name}-hint`;
  return (
    <fieldset
      className="nhsuk-fieldset lw-radio-group"
      aria-describedby={hint === undefined ? undefined : hintId}
    >
      <legend className={small === true ? 'nhsuk-label' : 'nhsuk-fieldset__legend'}>
        {legend}
      </legend>
      {hint === undefined ? null : (
        <div className="nhsuk-hint" id={hintId}>
          {hint}
        </div>
      )}
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
}

/** Choices from a code → label record. */
export const choicesOf = (labels: Readonly<Record<string, string>>): RadioChoice[] =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));
