import { useRef, useState } from 'react';
import { formatDate } from '../dates';
import type { SectionProps } from './CasePage';
import { ErrorSummary } from './ErrorSummary';
import { check, messageAt, shareRefusalText } from './form-errors';
import { Choices, Field, Section, ShareWithGp, useShare } from './form-parts';
import { SyncBadge } from './SyncBadge';
import { useAction } from './use-load';

/** Where the goal form takes each field of its request. */
const GOAL_CONTROLS = {
  description: 'goal-description',
  targetDue: 'goal-target',
  share: 'goal-share',
} as const;

const GOAL_OPTIONS = { words: shareRefusalText, controls: GOAL_CONTROLS };

export const ACHIEVEMENTS = {
  'in-progress': 'In progress',
  improving: 'Improving',
  'no-change': 'No change',
  worsening: 'Worsening',
  achieved: 'Achieved',
  sustaining: 'Sustaining',
  'not-achieved': 'Not achieved',
} as const;

/** Goals agreed with the person, in their own words, with target dates and how they are going. */
export function Goals({
  api,
  view,
  sync,
  reload,
  writeBack,
  canAdd,
}: SectionProps & { canAdd: boolean }) {
  const { busy, problems, run, refuse } = useAction(reload, GOAL_OPTIONS);
  const [description, setDescription] = useState('');
  const [targetDue, setTargetDue] = useState('');
  const [share, setShare] = useShare(writeBack);
  const descriptionField = useRef<HTMLTextAreaElement>(null);
  const caseId = view.record.id;
  const retry = (seq: number): Promise<void> => run(() => api.retrySync(seq)).then(() => undefined);
  return (
    <Section title="Goals (what matters to the person)" id="goals-heading" wide>
      <ErrorSummary problems={problems} />
      {view.record.goals.length === 0 ? (
        <p>No goals agreed yet.</p>
      ) : (
        <ul className="lw-goals">
          {view.record.goals.map((goal) => (
            <li key={goal.id} className="lw-goals__item">
              <q className="lw-goals__words">{goal.description}</q>
              <SyncBadge shared={goal.shared} state={sync('goal', goal.id)} onRetry={retry} />
              <span className="lw-goals__target">
                Target {formatDate(goal.targetDue)} · started {formatDate(goal.startDate)}
              </span>
              <div className="lw-inline-form">
                <Field id={`achievement-${goal.id}`} label="How it is going">
                  <Choices
                    id={`achievement-${goal.id}`}
                    value={goal.achievement ?? ''}
                    options={ACHIEVEMENTS}
                    placeholder="Not yet assessed"
                    onChange={(achievement) =>
                      void run(() =>
                        api.change('PATCH', caseId, `goals/${goal.id}`, {
                          lifecycleStatus: achievement === 'achieved' ? 'completed' : 'active',
                          ...(achievement === '' ? {} : { achievement }),
                        }),
                      )
                    }
                  />
                </Field>
              </div>
            </li>
          ))}
        </ul>
      )}
      {canAdd ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            const missing = check([
              [
                description.trim() === '',
                GOAL_CONTROLS.description,
                'Enter the goal, in the person’s own words',
              ],
            ]);
            if (refuse(missing)) return;
            void run(
              () =>
                api.change('POST', caseId, 'goals', {
                  description,
                  share,
                  ...(targetDue === '' ? {} : { targetDue }),
                }),
              () => {
                // Keep anything typed while this goal was saving.
                setDescription((current) => (current === description ? '' : current));
                // The target date stays for the next goal (a plan's goals are often reviewed
                // together) and the cursor goes back to the goal's words, ready for the next.
                descriptionField.current?.focus();
              },
            );
          }}
        >
          <Field
            id="goal-description"
            label="New goal, in the person’s own words"
            hint="Write it as they said it, e.g. “Get back to singing with other people”."
            error={messageAt(problems, GOAL_CONTROLS.description)}
          >
            <textarea
              id="goal-description"
              ref={descriptionField}
              className="nhsuk-textarea"
              rows={2}
              value={description}
              onChange={(e) => {
                setDescription(e.target.value);
              }}
            />
          </Field>
          <div className="lw-inline-form">
            <Field
              id="goal-target"
              label="Target date (optional)"
              hint="Kept for the next goal you add."
              error={messageAt(problems, GOAL_CONTROLS.targetDue)}
            >
              <input
                id="goal-target"
                className="nhsuk-input"
                type="date"
                value={targetDue}
                onChange={(e) => {
                  setTargetDue(e.target.value);
                }}
              />
            </Field>
            <ShareWithGp
              id="goal-share"
              checked={share}
              onChange={setShare}
              writeBack={writeBack}
            />
          </div>
          <button type="submit" className="nhsuk-button" disabled={busy}>
            Add goal
          </button>
        </form>
      ) : null}
    </Section>
  );
}
