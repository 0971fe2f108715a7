import type { AssignRequest, CoverRequest } from '@linkwell/contracts';
import { useCallback, useState } from 'react';
import type { TeamMember } from '@linkwell/contracts';
import { formatDate } from '../dates';
import type { SectionProps } from './CasePage';
import { ErrorSummary } from './ErrorSummary';
import { check, messageAt } from './form-errors';
import { Field, Section } from './form-parts';
import { useAction, useLoad } from './use-load';

/** Where the hand-over and cover forms take each field of their requests. */
const TEAM_CONTROLS = {
  to: 'hand-to',
  by: 'cover-by',
  from: 'cover-from',
  until: 'cover-until',
} as const;

const TEAM_OPTIONS = { controls: TEAM_CONTROLS };

function MemberChoice({
  id,
  label,
  members,
  value,
  error,
  onChange,
}: {
  id: string;
  label: string;
  members: readonly TeamMember[];
  value: string;
  error?: string;
  onChange: (value: string) => void;
}) {
  return (
    <Field id={id} label={label} error={error}>
      <select
        id={id}
        className="nhsuk-select"
        value={value}
        onChange={(e) => {
          onChange(e.target.value);
        }}
      >
        <option value="">Choose a colleague</option>
        {members.map((m) => (
          <option key={m.practitioner} value={m.practitioner}>
            {m.name}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** Who holds the case and who covers it: hand it to a colleague, arrange cover, by name. */
export function CaseTeam({ api, view, people, reload: reloadCase }: SectionProps) {
  const caseId = view.record.id;
  const loadTeam = useCallback(async () => {
    const [team, assignments] = await Promise.all([api.team(), api.assignments(caseId)]);
    return { team, assignments };
  }, [api, caseId]);
  const [state, reload] = useLoad(loadTeam);
  // A hand-over changes the case itself (its holder, in the banner and Progress) as well as this list.
  const afterChange = useCallback(async () => {
    await Promise.all([reload(), reloadCase()]);
  }, [reload, reloadCase]);
  const { busy, problems, run, refuse } = useAction(afterChange, TEAM_OPTIONS);
  const [to, setTo] = useState('');
  const [coverBy, setCoverBy] = useState('');
  const [from, setFrom] = useState('');
  const [until, setUntil] = useState('');
  if (state.kind !== 'ready') return null;
  const { team, assignments } = state.value;
  const holder = view.record.assignedTo;
  const others = team.filter((m) => m.practitioner !== holder);
  const open = ['accepted', 'in-progress', 'on-hold'].includes(view.record.status);
  const cover = assignments.cover;
  const name = (ref: string): string =>
    people.nameOf(ref, team.find((m) => m.practitioner === ref)?.name);
  return (
    <Section title="Team" id="team-heading">
      <p>
        Case held by: {holder === undefined ? 'nobody yet' : name(holder)}
        {cover === null ? null : (
          <>
            <br />
            Covered by {name(cover.practitioner)} from {formatDate(cover.coverFrom)} to{' '}
            {formatDate(cover.coverUntil)}{' '}
            <button
              type="button"
              className="lw-link-button"
              disabled={busy}
              onClick={() => void run(() => api.change('POST', caseId, 'cover/end'))}
            >
              End cover
            </button>
          </>
        )}
      </p>
      {assignments.history.length === 0 ? null : (
        <ol className="nhsuk-list nhsuk-list--number">
          {assignments.history.map((a) => (
            <li key={a.seq}>
              {a.kind === 'holder'
                ? `${formatDate(a.at)}: handed to ${name(a.practitioner)} by ${name(a.by)}`
                : `${formatDate(a.at)}: cover by ${name(a.practitioner)}, ${formatDate(a.coverFrom)} to ${formatDate(a.coverUntil)}, arranged by ${name(a.by)}${a.endedAt === undefined ? '' : ' (ended)'}`}
            </li>
          ))}
        </ol>
      )}
      <ErrorSummary problems={problems} />
      {open ? (
        <>
          <form
            className="lw-inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              if (refuse(check([[to === '', TEAM_CONTROLS.to, 'Choose who takes the case']])))
                return;
              void run(
                () => api.change('POST', caseId, 'assign', { to } satisfies AssignRequest),
                () => {
                  setTo('');
                },
              );
            }}
          >
            <MemberChoice
              id="hand-to"
              label="Hand the case to"
              members={others}
              value={to}
              error={messageAt(problems, TEAM_CONTROLS.to)}
              onChange={setTo}
            />
            <button type="submit" className="nhsuk-button nhsuk-button--secondary" disabled={busy}>
              Hand over
            </button>
          </form>
          <form
            className="lw-inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              const found = check([
                [coverBy === '', TEAM_CONTROLS.by, 'Choose who covers the case'],
                [from === '', TEAM_CONTROLS.from, 'Enter the first day of cover'],
                [until === '', TEAM_CONTROLS.until, 'Enter the last day of cover'],
                [
                  from !== '' && until !== '' && until < from,
                  TEAM_CONTROLS.until,
                  'The last day of cover must be on or after the first',
                ],
              ]);
              if (refuse(found)) return;
              void run(() =>
                api.change('POST', caseId, 'cover', {
                  by: coverBy,
                  from,
                  until,
                } satisfies CoverRequest),
              );
            }}
          >
            <MemberChoice
              id="cover-by"
              label="Cover while away"
              members={others}
              value={coverBy}
              error={messageAt(problems, TEAM_CONTROLS.by)}
              onChange={setCoverBy}
            />
            <Field id="cover-from" label="From" error={messageAt(problems, TEAM_CONTROLS.from)}>
              <input
                id="cover-from"
                className="nhsuk-input"
                type="date"
                value={from}
                onChange={(e) => {
                  setFrom(e.target.value);
                }}
              />
            </Field>
            <Field id="cover-until" label="Until" error={messageAt(problems, TEAM_CONTROLS.until)}>
              <input
                id="cover-until"
                className="nhsuk-input"
                type="date"
                value={until}
                onChange={(e) => {
                  setUntil(e.target.value);
                }}
              />
            </Field>
            <button type="submit" className="nhsuk-button nhsuk-button--secondary" disabled={busy}>
              Arrange cover
            </button>
          </form>
        </>
      ) : null}
    </Section>
  );
}
