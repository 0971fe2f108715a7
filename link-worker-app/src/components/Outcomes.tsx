import { useState } from 'react';
import type { Instrument } from '@linkwell/profiles';
import { INSTRUMENT_FORMS, scoreAnswers } from '../outcomes/instruments';
import type { SectionProps } from './CasePage';
import { Choices, Field, Refusal, Section, ShareWithGp, useShare } from './form-parts';
import { OutcomeChart } from './OutcomeChart';
import { shareRefusalText, useAction } from './use-load';

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
  const [instrument, setInstrument] = useState<Instrument>('swemwbs');
  const recorded = view.record.questionnaires;
  const hasBaseline = recorded.some((q) => q.instrument === instrument && q.timing === 'baseline');
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
                setAnswers({});
              },
            );
          }}
        >
          <h3 className="lw-heading-s">Record a questionnaire</h3>
          <Field id="instrument" label="Questionnaire">
            <Choices
              id="instrument"
              value={instrument}
              options={INSTRUMENT_NAMES}
              onChange={(value) => {
                setInstrument(value as Instrument);
                setAnswers({});
              }}
            />
          </Field>
          <p>
            This will be the <strong>{timing === 'baseline' ? 'baseline' : 'follow-up'}</strong>{' '}
            {form.title}.
          </p>
          <fieldset className="lw-fieldset">
            <legend className="lw-fieldset__legend">{form.title}</legend>
            <p className="lw-hint">{form.intro}</p>
            {form.items.map((item) => (
              <Field key={`${instrument}-${item.linkId}`} id={`q-${item.linkId}`} label={item.text}>
                <select
                  id={`q-${item.linkId}`}
                  className="lw-select"
                  value={answers[item.linkId] ?? ''}
                  onChange={(e) => {
                    const value = e.target.value;
                    setAnswers((current) => {
                      const next = Object.fromEntries(
                        Object.entries(current).filter(([key]) => key !== item.linkId),
                      );
                      return value === '' ? next : { ...next, [item.linkId]: Number(value) };
                    });
                  }}
                >
                  <option value="">Choose an answer</option>
                  {form.choices.map((c) => (
                    <option key={c.value} value={c.value}>
                      {c.label}
                    </option>
                  ))}
                </select>
              </Field>
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
