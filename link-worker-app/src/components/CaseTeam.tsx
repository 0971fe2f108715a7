import type { AssignRequest, CoverRequest } from '@linkwell/contracts';
import { useCallback, useState } from 'react';
import type { TeamMember } from '@linkwell/contracts';
import { formatDate } from '../dates';
import type { SectionProps } from './CasePage';
import { Field, Refusal, Section } from './form-parts';
import { useAction, useLoad } from './use-load';

function MemberChoice({
  id,
  label,
  members,
  value,
  onChange,
}: {
  id: string;
  label: string;
  members: readonly TeamMember[];
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <Field id={id} label={label}>
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
  const { busy, error, run } = useAction(afterChange);
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
      <Refusal message={error} />
      {open ? (
        <>
          <form
            className="lw-inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              if (to !== '')
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
              onChange={setTo}
            />
            <button
              type="submit"
              className="nhsuk-button nhsuk-button--secondary"
              disabled={busy || to === ''}
            >
              Hand over
            </button>
          </form>
          <form
            className="lw-inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              if (coverBy !== '' && from !== '' && until !== '')
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
              onChange={setCoverBy}
            />
            <Field id="cover-from" label="From">
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
            <Field id="cover-until" label="Until">
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
            <button
              type="submit"
              className="nhsuk-button nhsuk-button--secondary"
              disabled={busy || coverBy === '' || from === '' || until === ''}
            >
              Arrange cover
            </button>
          </form>
        </>
      ) : null}
    </Section>
  );
}
