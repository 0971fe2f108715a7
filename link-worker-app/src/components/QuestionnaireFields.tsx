import type { QuestionnaireTiming } from '@linkwell/contracts';
import type { Instrument } from '@linkwell/profiles';
import { INSTRUMENT_FORMS, scoreAnswers } from '../outcomes/instruments';
import { messageAt, type FormProblems } from './form-errors';
import { RadioGroup } from './RadioGroup';

export type Timing = QuestionnaireTiming;
export type Answers = Readonly<Record<string, number>>;

/** How far one questionnaire of the set has been answered. */
export type Progress = 'untouched' | 'partial' | 'complete';

export function progressOf(instrument: Instrument, answers: Answers): Progress {
  const answered = Object.keys(answers).length;
  if (answered === 0) return 'untouched';
  return answered === INSTRUMENT_FORMS[instrument].items.length ? 'complete' : 'partial';
}

/** Says plainly whether the form records a baseline or a follow-up. */
export function TimingNote({ timing, words }: { timing: Timing; words: string }) {
  return (
    <div className={`nhsuk-inset-text lw-timing lw-timing--${timing}`}>
      <strong className="lw-timing__label">
        {timing === 'baseline' ? 'Baseline' : 'Follow-up'}
      </strong>{' '}
      {words}
    </div>
  );
}

/**
 * One questionnaire of the set: whether it records a baseline or a follow-up, its questions as
 * radio groups, and its score as it is answered.
 */
/** The id of a question's first choice: where a problem with its answer is shown and linked. */
export function answerControl(instrument: Instrument, linkId: string): string {
  const first = INSTRUMENT_FORMS[instrument].choices[0];
  return `q-${instrument}-${linkId}-${first === undefined ? '' : String(first.value)}`;
}

export function QuestionnaireFields({
  instrument,
  timing,
  baselineDate,
  timingNote = true,
  answers,
  onAnswer,
  onClear,
  problems = [],
}: {
  instrument: Instrument;
  timing: Timing;
  /** When the baseline was recorded (for a follow-up). */
  baselineDate: string | undefined;
  /** Whether it says what it records here (not when the set says it once for all). */
  timingNote?: boolean;
  answers: Answers;
  onAnswer: (linkId: string, value: number) => void;
  onClear: () => void;
  /** What to fix, against the questions' first choices (`answerControl`). */
  problems?: FormProblems;
}) {
  const form = INSTRUMENT_FORMS[instrument];
  const scored = scoreAnswers(instrument, answers);
  const answered = Object.keys(answers).length;
  return (
    <div className="lw-questionnaire">
      <fieldset className="nhsuk-fieldset">
        <legend className="nhsuk-fieldset__legend">
          {form.title}: {timing}
        </legend>
        {timingNote ? (
          <TimingNote
            timing={timing}
            words={
              timing === 'baseline'
                ? `This records the first ${form.title}: later ones are compared with it.`
                : `A baseline ${form.title} is recorded (${baselineDate ?? 'earlier'}): this records a follow-up, compared with it.`
            }
          />
        ) : null}
        <p className="nhsuk-hint">
          {form.intro}
          {/* Before the questions, so Tab from one question goes on to the next. */}
          {answered === 0 ? null : (
            <>
              {' '}
              <button type="button" className="lw-link-button" onClick={onClear}>
                Clear the {form.title} answers
              </button>
            </>
          )}
        </p>
        {form.items.map((item) => (
          <RadioGroup
            key={`${instrument}-${item.linkId}`}
            name={`q-${instrument}-${item.linkId}`}
            legend={item.text}
            small
            inline
            scale={form.scale}
            choices={form.choices.map((c) => ({ value: String(c.value), label: c.label }))}
            value={answers[item.linkId] === undefined ? '' : String(answers[item.linkId])}
            error={messageAt(problems, answerControl(instrument, item.linkId))}
            onChange={(value) => {
              onAnswer(item.linkId, Number(value));
            }}
          />
        ))}
      </fieldset>
      <div className="nhsuk-inset-text" aria-live="polite">
        {scored.ok ? (
          <>
            <span className="lw-score">
              {form.headline}:{' '}
              {Number.isInteger(scored.headline) ? scored.headline : scored.headline.toFixed(2)}
            </span>
            {scored.lines.map((line) => (
              <span key={line} className="lw-chart__direction">
                {line}
              </span>
            ))}
          </>
        ) : (
          <span>
            {form.title} score: answer every question to see it ({answered} of {form.items.length}{' '}
            answered).
          </span>
        )}
      </div>
    </div>
  );
}
