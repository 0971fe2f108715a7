import { useRef, useState } from 'react';
import { formatDate } from '../dates';
import type { Instrument } from '@linkwell/profiles';
import { INSTRUMENT_FORMS, scoreAnswers } from '../outcomes/instruments';
import type { SectionProps } from './CasePage';
import { Refusal, Section, ShareWithGp, useShare } from './form-parts';
import { choicesOf, RadioGroup } from './RadioGroup';
import { OutcomeChart } from './OutcomeChart';
import { shareRefusalText, useAction } from './use-load';

const ORDER: readonly Instrument[] = ['ons4', 'swemwbs', 'ucla3'];

/** The questionnaire offered first: the first without a baseline, else the first of the set. */
export const firstToRecord = (recorded: readonly { instrument: Instrument; timing: string }[]) =>
  ORDER.find((i) => !recorded.some((q) => q.instrument === i && q.timing === 'baseline')) ?? 'ons4';

/** After one is saved, the next of the set, so the three are recorded in a row. */
export const nextAfter = (instrument: Instrument): Instrument =>
  ORDER[(ORDER.indexOf(instrument) + 1) % ORDER.length] ?? 'ons4';

const INSTRUMENT_NAMES = {
  ons4: 'ONS4 personal wellbeing',
  swemwbs: 'SWEMWBS wellbeing',
  ucla3: 'UCLA-3 loneliness',
};

/** Outcome questionnaires scored as they are entered; baseline against follow-ups, charted. */
export function Outcomes({
  api,
  view,
  sync,
  reload,
  writeBack,
  canAdd,
}: SectionProps & { canAdd: boolean }) {
  const { busy, error, run } = useAction(reload, shareRefusalText);
  const [instrument, setInstrument] = useState<Instrument>(() =>
    firstToRecord(view.record.questionnaires),
  );
  const [savedNote, setSavedNote] = useState('');
  const current = useRef(instrument);
  current.current = instrument;
  const recorded = view.record.questionnaires;
  const baseline = recorded.find((q) => q.instrument === instrument && q.timing === 'baseline');
  const hasBaseline = baseline !== undefined;
  const baselineDate = baseline === undefined ? undefined : formatDate(baseline.authored);
  const [answers, setAnswers] = useState<Record<string, number>>({});
  const [share, setShare] = useShare(writeBack);
  const form = INSTRUMENT_FORMS[instrument];
  const timing = hasBaseline ? 'follow-up' : 'baseline';
  const scored = scoreAnswers(instrument, answers);
  const retry = (seq: number): Promise<void> => run(() => api.retrySync(seq)).then(() => undefined);

  return (
    <Section title="Outcome measures" id="outcomes-heading" wide>
      {(['ons4', 'swemwbs', 'ucla3'] as const).map((key) => (
        <OutcomeChart
          key={key}
          instrument={key}
          records={recorded.filter((q) => q.instrument === key)}
          sync={sync}
          onRetry={retry}
        />
      ))}
      {recorded.length === 0 ? <p>No questionnaires recorded yet.</p> : null}
      {canAdd ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (!scored.ok) return;
            void run(
              () =>
                api.change('POST', view.record.id, 'questionnaires', {
                  instrument,
                  timing,
                  answers,
                  share,
                }),
              () => {
                // Only if the worker has not moved on to another one meanwhile.
                if (current.current !== instrument) return;
                setAnswers({});
                setInstrument(nextAfter(instrument));
                setSavedNote(
                  `${INSTRUMENT_NAMES[instrument]} ${timing} saved. Next: ${INSTRUMENT_NAMES[nextAfter(instrument)]}.`,
                );
              },
            );
          }}
        >
          <h3 className="lw-heading-s">Record a questionnaire</h3>
          <p role="status" className="lw-hint">
            {savedNote}
          </p>
          <RadioGroup
            name="instrument"
            legend="Questionnaire"
            small
            inline
            choices={choicesOf(INSTRUMENT_NAMES)}
            value={instrument}
            onChange={(value) => {
              setInstrument(value as Instrument);
              setAnswers({});
              setSavedNote('');
            }}
          />
          <div className={`lw-inset lw-timing lw-timing--${timing}`}>
            <strong className="lw-timing__label">
              {timing === 'baseline' ? 'Baseline' : 'Follow-up'}
            </strong>{' '}
            {timing === 'baseline'
              ? `This records the first ${form.title}: later ones are compared with it.`
              : `A baseline ${form.title} is recorded (${baselineDate ?? 'earlier'}): this records a follow-up, compared with it.`}
          </div>
          <fieldset className="lw-fieldset">
            <legend className="lw-fieldset__legend">
              {form.title}: {timing === 'baseline' ? 'baseline' : 'follow-up'}
            </legend>
            <p className="lw-hint">{form.intro}</p>
            {form.items.map((item) => (
              <RadioGroup
                key={`${instrument}-${item.linkId}`}
                name={`q-${instrument}-${item.linkId}`}
                legend={item.text}
                small
                inline
                choices={form.choices.map((c) => ({ value: String(c.value), label: c.label }))}
                value={answers[item.linkId] === undefined ? '' : String(answers[item.linkId])}
                onChange={(value) => {
                  setAnswers((current) => ({ ...current, [item.linkId]: Number(value) }));
                }}
              />
            ))}
          </fieldset>
          <div className="lw-inset" aria-live="polite">
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
                Score: answer every question to see it ({Object.keys(answers).length} of{' '}
                {form.items.length} answered).
              </span>
            )}
          </div>
          <ShareWithGp
            id="outcome-share"
            checked={share}
            onChange={setShare}
            writeBack={writeBack}
            label="Share the scores with the GP"
          />
          <button type="submit" className="lw-button" disabled={busy || !scored.ok}>
            Save {timing} {form.title}
          </button>
        </form>
      ) : null}
      <Refusal message={error} />
    </Section>
  );
}
