import { useCallback, useState } from 'react';
import type { CaseCarePlan } from '@linkwell/contracts';
import type { SectionProps } from '../components/CasePage';
import { ErrorSummary } from '../components/ErrorSummary';
import { check, messageAt } from '../components/form-errors';
import { Choices, Field, Section, ShareWithGp } from '../components/form-parts';
import { useAction, useLoad } from '../components/use-load';
import { ACTION_WORDS, NEED_WORDS, carePlanPath } from './care-plan-view';
import { PrintablePlan } from './PrintablePlan';
import './care-plan.css';

/** Where the need, action and plan forms take each field of their requests. */
const PLAN_CONTROLS = {
  need: 'assessed-need',
  concern: 'assessed-concern',
  description: 'action-description',
  who: 'action-who',
  due: 'action-due',
  whatMatters: 'what-matters',
  share: 'care-plan-share',
} as const;

const PLAN_OPTIONS = { controls: PLAN_CONTROLS };

/** Needs as assessed, agreed actions and what matters: the plan the person takes away. */
export function CarePlanPanel({ api, view, reload, writeBack }: SectionProps) {
  const caseId = view.record.id;
  const load = useCallback(() => api.get<CaseCarePlan>(carePlanPath(view.record.id)), [api, view]);
  const [state, reloadPlan] = useLoad(load);
  const after = useCallback(async () => {
    await reloadPlan();
    await reload();
  }, [reloadPlan, reload]);
  const { busy, problems, run, refuse } = useAction(after, PLAN_OPTIONS);
  const at = (field: keyof typeof PLAN_CONTROLS): string | undefined =>
    messageAt(problems, PLAN_CONTROLS[field]);
  const [need, setNeed] = useState('');
  const [concern, setConcern] = useState('');
  const [action, setAction] = useState({ description: '', who: '', due: '' });
  const [whatMatters, setWhatMatters] = useState<string | undefined>();
  const [share, setShare] = useState<boolean | undefined>();
  const [showPlan, setShowPlan] = useState(false);
  if (state.kind !== 'ready') {
    return (
      <Section title="Needs and care plan" id="care-plan-heading" wide>
        {state.kind === 'failed' ? (
          <ErrorSummary focus={false} problems={[{ message: state.message }]} />
        ) : (
          <p>Loading…</p>
        )}
      </Section>
    );
  }
  const data = state.value;
  const referred = view.details.referral?.needs.map((n) => n.display).join(', ');
  const shared = share ?? data.plan?.shared ?? false;
  const words = whatMatters ?? data.plan?.whatMatters ?? '';
  const name =
    view.details.referral?.patient?.name ?? view.details.localName ?? 'Name not available';
  return (
    <Section title="Needs and care plan" id="care-plan-heading" wide>
      <div className="lw-no-print">
        <ErrorSummary problems={problems} />
        <p>Referred for: {referred === undefined || referred === '' ? 'not stated' : referred}</p>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (refuse(check([[need === '', PLAN_CONTROLS.need, 'Choose the need you assessed']])))
              return;
            void run(
              () =>
                api.change('POST', caseId, 'assessed-needs', {
                  need,
                  ...(concern.trim() === '' ? {} : { concern }),
                }),
              () => {
                setNeed('');
                setConcern('');
              },
            );
          }}
        >
          <Field
            id="assessed-need"
            label="A need or concern you assessed together"
            error={at('need')}
          >
            <Choices
              id="assessed-need"
              value={need}
              onChange={setNeed}
              options={NEED_WORDS}
              placeholder="Choose a need"
            />
          </Field>
          <Field id="assessed-concern" label="In their words (optional)" error={at('concern')}>
            <input
              id="assessed-concern"
              className="nhsuk-input"
              value={concern}
              onChange={(e) => {
                setConcern(e.target.value);
              }}
            />
          </Field>
          <button type="submit" className="nhsuk-button nhsuk-button--secondary" disabled={busy}>
            Add need
          </button>
        </form>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            const found = check([
              [
                action.description.trim() === '',
                PLAN_CONTROLS.description,
                'Say what action you agreed',
              ],
            ]);
            if (refuse(found)) return;
            void run(
              () =>
                api.change('POST', caseId, 'actions', {
                  description: action.description,
                  ...(action.who.trim() === '' ? {} : { who: action.who }),
                  ...(action.due === '' ? {} : { due: action.due }),
                }),
              () => {
                setAction({ description: '', who: '', due: '' });
              },
            );
          }}
        >
          <Field id="action-description" label="An action you agreed" error={at('description')}>
            <input
              id="action-description"
              className="nhsuk-input"
              value={action.description}
              onChange={(e) => {
                setAction({ ...action, description: e.target.value });
              }}
            />
          </Field>
          <Field id="action-who" label="Who does it (optional)" error={at('who')}>
            <input
              id="action-who"
              className="nhsuk-input"
              value={action.who}
              onChange={(e) => {
                setAction({ ...action, who: e.target.value });
              }}
            />
          </Field>
          <Field id="action-due" label="By when (optional)" error={at('due')}>
            <input
              id="action-due"
              type="date"
              className="nhsuk-input"
              value={action.due}
              onChange={(e) => {
                setAction({ ...action, due: e.target.value });
              }}
            />
          </Field>
          <button type="submit" className="nhsuk-button nhsuk-button--secondary" disabled={busy}>
            Add action
          </button>
        </form>
        {data.actions.filter((a) => a.status === 'agreed').length === 0 ? null : (
          <ul className="nhsuk-list nhsuk-list--bullet">
            {data.actions
              .filter((a) => a.status === 'agreed')
              .map((a) => (
                <li key={a.id}>
                  {a.description} ({ACTION_WORDS[a.status]}){' '}
                  <button
                    type="button"
                    className="nhsuk-button nhsuk-button--secondary"
                    disabled={busy}
                    onClick={() =>
                      void run(() =>
                        api.change('PUT', caseId, `actions/${a.id}`, { status: 'done' }),
                      )
                    }
                  >
                    {`Mark done: ${a.description}`}
                  </button>
                </li>
              ))}
          </ul>
        )}
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void run(() =>
              api.change('PUT', caseId, 'care-plan', {
                whatMatters: words.trim() === '' ? null : words,
                share: writeBack.allowed && shared,
              }),
            );
          }}
        >
          <Field
            id="what-matters"
            label="What matters to them, in their words"
            error={at('whatMatters')}
          >
            <textarea
              id="what-matters"
              className="nhsuk-textarea"
              rows={2}
              value={words}
              onChange={(e) => {
                setWhatMatters(e.target.value);
              }}
            />
          </Field>
          <ShareWithGp
            id="care-plan-share"
            checked={shared}
            onChange={setShare}
            writeBack={writeBack}
            label="Share the plan with the GP record"
          />
          <button type="submit" className="nhsuk-button" disabled={busy}>
            Save the plan
          </button>
        </form>
      </div>
      {showPlan ? (
        <>
          <PrintablePlan name={name} data={data} />
          <p className="lw-no-print">
            <button
              type="button"
              className="nhsuk-button nhsuk-button--secondary"
              onClick={() => {
                window.print();
              }}
            >
              Print the plan
            </button>
          </p>
        </>
      ) : (
        <p>
          <button
            type="button"
            className="nhsuk-button nhsuk-button--secondary"
            aria-expanded="false"
            onClick={() => {
              setShowPlan(true);
            }}
          >
            Show the plan to take away
          </button>
        </p>
      )}
    </Section>
  );
}
