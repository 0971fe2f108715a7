import { useState } from 'react';
import { ApiError } from '@linkwell/contracts';
import { formatDate } from '../dates';
import type { Instrument } from '@linkwell/profiles';
import { INSTRUMENT_FORMS } from '../outcomes/instruments';
import type { SectionProps } from './CasePage';
import { ErrorSummary } from './ErrorSummary';
import { check, shareRefusalText, type FieldControls } from './form-errors';
import { Section, ShareWithGp, useShare } from './form-parts';
import { OutcomeChart, scoreLine } from './OutcomeChart';
import {
  answerControl,
  progressOf,
  QuestionnaireFields,
  TimingNote,
  type Answers,
  type Timing,
} from './QuestionnaireFields';
import { useAction } from './use-load';

const ORDER: readonly Instrument[] = ['ons4', 'swemwbs', 'ucla3'];

/**
 * Where each questionnaire's request is on the form: a refusal's field is prefixed with its
 * instrument (`swemwbs.answers.relaxed`), as the set is saved one questionnaire at a time.
 */
const OUTCOME_CONTROLS: FieldControls = Object.fromEntries(
  ORDER.flatMap((instrument): [string, string][] => {
    const items = INSTRUMENT_FORMS[instrument].items;
    const first = items[0] === undefined ? '' : answerControl(instrument, items[0].linkId);
    return [
      [instrument, first],
      [`${instrument}.share`, 'outcome-share'],
      ...items.map((item): [string, string] => [
        `${instrument}.answers.${item.linkId}`,
        answerControl(instrument, item.linkId),
      ]),
    ];
  }),
);

const OUTCOME_OPTIONS = { words: shareRefusalText, controls: OUTCOME_CONTROLS };

/** The first question of a questionnaire not answered yet. */
const firstUnanswered = (instrument: Instrument, answers: Answers): string =>
  answerControl(
    instrument,
    INSTRUMENT_FORMS[instrument].items.find((item) => answers[item.linkId] === undefined)?.linkId ??
      '',
  );

const NO_ANSWERS: Record<Instrument, Answers> = { ons4: {}, swemwbs: {}, ucla3: {} };

/** "A", "A and B", "A, B and C". */
const listed = (words: readonly string[]): string =>
  words.length <= 1
    ? (words[0] ?? '')
    : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1] ?? ''}`;

/** On a phone the charts start folded while the form is there, so the questions come first. */
const narrowScreen = (): boolean =>
  typeof window.matchMedia === 'function' && window.matchMedia('(max-width: 640px)').matches;

/** What the whole set records, when every questionnaire of it is a baseline or every one a follow-up. */
function setTiming(timing: Timing, baselineDates: readonly string[]): string {
  if (timing === 'baseline')
    return 'These record the first of each questionnaire: later ones are compared with them.';
  const dates = [...new Set(baselineDates)].join(', ');
  return `A baseline of each is recorded (${dates}): these record follow-ups, compared with them.`;
}

/** The save button's words: what it will record, baseline or follow-up. */
export function saveLabel(ready: readonly { instrument: Instrument; timing: Timing }[]): string {
  const [only] = ready;
  if (only === undefined) return 'Save measures';
  if (ready.length === 1) return `Save ${only.timing} ${INSTRUMENT_FORMS[only.instrument].title}`;
  const same = ready.every((r) => r.timing === only.timing);
  return `Save ${ready.length} ${same ? `${only.timing} ` : ''}questionnaires`;
}

/** Outcome questionnaires scored as they are entered; baseline against follow-ups, charted. */
export function Outcomes({
  api,
  view,
  sync,
  reload,
  writeBack,
  canAdd,
}: SectionProps & { canAdd: boolean }) {
  const { busy, problems, run, refuse } = useAction(reload, OUTCOME_OPTIONS);
  const [answers, setAnswers] = useState<Record<Instrument, Answers>>(NO_ANSWERS);
  const [savedNote, setSavedNote] = useState('');
  const [chartsOpen, setChartsOpen] = useState(() => !(canAdd && narrowScreen()));
  const [share, setShare] = useShare(writeBack);
  const recorded = view.record.questionnaires;
  const baselineOf = (instrument: Instrument) =>
    recorded.find((q) => q.instrument === instrument && q.timing === 'baseline');
  const timingOf = (instrument: Instrument): Timing =>
    baselineOf(instrument) === undefined ? 'baseline' : 'follow-up';
  const ready = ORDER.filter((i) => progressOf(i, answers[i]) === 'complete').map((instrument) => ({
    instrument,
    timing: timingOf(instrument),
  }));
  const timings = new Set(ORDER.map(timingOf));
  const [allTiming] = timings.size === 1 ? [...timings] : [];
  const unfinished = ORDER.filter((i) => progressOf(i, answers[i]) === 'partial');
  const setOne = (instrument: Instrument, next: Answers): void => {
    setAnswers((current) => ({ ...current, [instrument]: next }));
  };
  const retry = (seq: number): Promise<void> => run(() => api.retrySync(seq)).then(() => undefined);
  // Each questionnaire is its own record: saved one after another, each cleared once it is kept,
  // so a refusal part-way leaves only the unsaved ones on the form.
  const saveAll = async (): Promise<void> => {
    const kept: string[] = [];
    try {
      for (const { instrument, timing } of ready) {
        await api
          .change('POST', view.record.id, 'questionnaires', {
            instrument,
            timing,
            answers: answers[instrument],
            share,
          })
          .catch((failure: unknown) => {
            // The refusal names a field of this questionnaire's request: say which one.
            if (!(failure instanceof ApiError)) throw failure;
            const field =
              failure.field === undefined ? instrument : `${instrument}.${failure.field}`;
            throw new ApiError(failure.status, failure.code, failure.message, field);
          });
        setOne(instrument, {});
        kept.push(`${INSTRUMENT_FORMS[instrument].title} ${timing}`);
      }
    } finally {
      setSavedNote(kept.length === 0 ? '' : `${listed(kept)} saved.`);
      if (kept.length > 0 && kept.length < ready.length) await reload().catch(() => undefined);
    }
  };

  return (
    <Section title="Outcome measures" id="outcomes-heading" wide>
      <ErrorSummary problems={problems} />
      {recorded.length === 0 ? (
        <p>No questionnaires recorded yet.</p>
      ) : (
        <details
          className="lw-scores"
          open={chartsOpen}
          onToggle={(e) => {
            setChartsOpen(e.currentTarget.open);
          }}
        >
          <summary className="lw-scores__summary">
            <span className="lw-scores__title">Scores so far</span>
            {chartsOpen
              ? null
              : ORDER.map((key) => {
                  const line = scoreLine(
                    key,
                    recorded.filter((q) => q.instrument === key),
                  );
                  return line === undefined ? null : (
                    <span key={key} className="lw-chart__direction">
                      {line}
                    </span>
                  );
                })}
          </summary>
          <div className="lw-charts">
            {ORDER.map((key) => (
              <OutcomeChart
                key={key}
                instrument={key}
                records={recorded.filter((q) => q.instrument === key)}
                sync={sync}
                onRetry={retry}
              />
            ))}
          </div>
        </details>
      )}
      {canAdd ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            const found = check([
              [
                ready.length === 0 && unfinished.length === 0,
                answerControl('ons4', INSTRUMENT_FORMS.ons4.items[0]?.linkId ?? ''),
                'Answer at least one questionnaire before saving',
              ],
              ...unfinished.map(
                (instrument) =>
                  [
                    true,
                    firstUnanswered(instrument, answers[instrument]),
                    `${INSTRUMENT_FORMS[instrument].title}: answer every question, or clear its answers to leave it out`,
                  ] as const,
              ),
            ]);
            if (refuse(found)) return;
            void run(saveAll);
          }}
        >
          <h3 className="nhsuk-heading-s">Record the questionnaires</h3>
          <p className="nhsuk-hint">
            Answer the ones you are recording today and save them together; any left blank are not
            recorded.
          </p>
          {allTiming === undefined ? null : (
            <TimingNote
              timing={allTiming}
              words={setTiming(
                allTiming,
                ORDER.map((i) => formatDate(baselineOf(i)?.authored)),
              )}
            />
          )}
          {ORDER.map((instrument) => (
            <QuestionnaireFields
              key={instrument}
              instrument={instrument}
              timing={timingOf(instrument)}
              baselineDate={formatDate(baselineOf(instrument)?.authored)}
              timingNote={allTiming === undefined}
              answers={answers[instrument]}
              onAnswer={(linkId, value) => {
                setAnswers((current) => ({
                  ...current,
                  [instrument]: { ...current[instrument], [linkId]: value },
                }));
                setSavedNote('');
              }}
              onClear={() => {
                setOne(instrument, {});
              }}
              problems={problems}
            />
          ))}
          <ShareWithGp
            id="outcome-share"
            checked={share}
            onChange={setShare}
            writeBack={writeBack}
            label="Share the scores with the GP"
          />
          {unfinished.length === 0 ? null : (
            <p className="nhsuk-hint" id="outcome-unfinished">
              {listed(unfinished.map((i) => INSTRUMENT_FORMS[i].title))}: answer every question, or
              clear the answers to leave {unfinished.length === 1 ? 'it' : 'them'} out.
            </p>
          )}
          <p role="status" className="nhsuk-hint">
            {savedNote}
          </p>
          <button
            type="submit"
            className="nhsuk-button"
            disabled={busy}
            aria-describedby={unfinished.length === 0 ? undefined : 'outcome-unfinished'}
          >
            {saveLabel(ready)}
          </button>
        </form>
      ) : null}
    </Section>
  );
}
