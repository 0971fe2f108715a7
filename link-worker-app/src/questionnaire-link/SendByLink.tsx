import { useCallback, useState } from 'react';
import type {
  QuestionnaireLink as LinkRow,
  QuestionnaireTiming,
  SentQuestionnaireLink as MadeLink,
} from '@linkwell/contracts';
import type { Instrument } from '@linkwell/profiles';
import type { SectionProps } from '../components/CasePage';
import { ErrorSummary } from '../components/ErrorSummary';
import { messageAt } from '../components/form-errors';
import { Choices, Field, Section, ShareWithGp, useShare } from '../components/form-parts';
import { useAction, useLoad } from '../components/use-load';
import { formatDateTime } from '../dates';
import { INSTRUMENT_FORMS } from '../outcomes/instruments';

const INSTRUMENT_NAMES = Object.fromEntries(
  (Object.keys(INSTRUMENT_FORMS) as Instrument[]).map((i) => [i, INSTRUMENT_FORMS[i].title]),
) as Record<Instrument, string>;
const TIMINGS = { 'follow-up': 'Follow-up', baseline: 'Baseline' } as const;

const stateOf = (link: LinkRow): string =>
  link.usedAt !== undefined
    ? `answered ${formatDateTime(link.usedAt)}`
    : Date.parse(link.expiresAt) <= Date.now()
      ? 'expired'
      : `waiting, until ${formatDateTime(link.expiresAt)}`;

/** Where the link form takes each field of its request. */
const LINK_CONTROLS = {
  instrument: 'link-instrument',
  timing: 'link-timing',
  share: 'link-share',
} as const;

const LINK_OPTIONS = { controls: LINK_CONTROLS };

/** A one-time link the person answers on their phone, to read out, text or email. */
export function SendByLink({ api, view, reload, writeBack }: SectionProps) {
  const caseId = view.record.id;
  const path = `cases/${encodeURIComponent(caseId)}/questionnaire-links`;
  const load = useCallback(
    () =>
      api.get<{ links: readonly LinkRow[] }>(
        `cases/${encodeURIComponent(view.record.id)}/questionnaire-links`,
      ),
    [api, view],
  );
  const [state, reloadLinks] = useLoad(load);
  const after = useCallback(async () => {
    await reloadLinks();
    await reload();
  }, [reloadLinks, reload]);
  const { busy, problems, run } = useAction(after, LINK_OPTIONS);
  const [instrument, setInstrument] = useState<Instrument>('ucla3');
  const [timing, setTiming] = useState<QuestionnaireTiming>('follow-up');
  const [share, setShare] = useShare(writeBack);
  const [made, setMade] = useState<MadeLink | undefined>();
  return (
    <Section title="Send a measure by link" id="by-link-heading">
      <ErrorSummary problems={problems} />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void run(async () => {
            setMade(await api.post<MadeLink>(path, { instrument, timing, share }));
          });
        }}
      >
        <Field
          id="link-instrument"
          label="Measure to send"
          error={messageAt(problems, LINK_CONTROLS.instrument)}
        >
          <Choices
            id="link-instrument"
            value={instrument}
            onChange={(v) => {
              setInstrument(v as Instrument);
            }}
            options={INSTRUMENT_NAMES}
          />
        </Field>
        <Field id="link-timing" label="This is a" error={messageAt(problems, LINK_CONTROLS.timing)}>
          <Choices
            id="link-timing"
            value={timing}
            onChange={(v) => {
              setTiming(v as QuestionnaireTiming);
            }}
            options={TIMINGS}
          />
        </Field>
        <ShareWithGp
          id="link-share"
          checked={share}
          onChange={setShare}
          writeBack={writeBack}
          label="Share the answers from this link with the GP"
        />
        <button type="submit" className="nhsuk-button nhsuk-button--secondary" disabled={busy}>
          Make a one-time link
        </button>
      </form>
      {made === undefined ? null : (
        <div className="nhsuk-inset-text" aria-live="polite">
          <p>
            Send this to the person by your service&apos;s text or email, or let them scan the code.
            It works once, until {formatDateTime(made.expiresAt)}.
          </p>
          <p>
            <a href={made.url}>{made.url}</a>
          </p>
          <img src={made.qr} alt="QR code of the questionnaire link" width={160} height={160} />
        </div>
      )}
      {state.kind === 'ready' && state.value.links.length > 0 ? (
        <ul className="nhsuk-list nhsuk-list--bullet">
          {state.value.links.map((l) => (
            <li key={l.id}>
              {INSTRUMENT_NAMES[l.instrument]} ({TIMINGS[l.timing].toLowerCase()}): {stateOf(l)}
            </li>
          ))}
        </ul>
      ) : null}
    </Section>
  );
}
