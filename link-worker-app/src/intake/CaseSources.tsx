import { useCallback } from 'react';
import { REFERRAL_SOURCES, type CaseSources as Sources } from '@linkwell/contracts';
import type { SectionProps } from '../components/CasePage';
import { Section } from '../components/form-parts';
import { useLoad } from '../components/use-load';
import { formatDate } from '../dates';

/** Where the case came from: every referral of the person, the GP's among them. */
export function CaseSources({ api, view }: Pick<SectionProps, 'api' | 'view'>) {
  const caseId = view.record.id;
  const load = useCallback(() => api.get<Sources>(`cases/${caseId}/sources`), [api, caseId]);
  const [state] = useLoad(load);
  // A case from a GP's referral alone shows its referrer in the Referral section already.
  if (
    state.kind !== 'ready' ||
    (state.value.sources.every((s) => s.kind === 'gp') && !state.value.local)
  ) {
    return null;
  }
  const { local, person, sources } = state.value;
  return (
    <Section title={sources.length === 1 ? 'Referred by' : 'Referrals'} id="case-sources">
      {local ? (
        <p className="nhsuk-hint">
          Not registered on the GP record: this case is kept by the service only
          {person === null
            ? ''
            : ` (${person.given} ${person.family}, born ${formatDate(person.birthDate)})`}
          .
        </p>
      ) : null}
      <ul className="nhsuk-list nhsuk-list--bullet">
        {sources.map((source, i) => (
          <li key={`${source.kind}-${i}`}>
            <strong>{REFERRAL_SOURCES[source.kind]}</strong>, {formatDate(source.recordedAt)}
            {[source.referrerName, source.referrerOrganisation, source.referrerContact]
              .filter((part) => part !== undefined)
              .map((part) => ` · ${part}`)
              .join('')}
            {source.reason === undefined ? null : <div>Reason: {source.reason}</div>}
            {source.heardFrom === undefined ? null : <div>Heard of us: {source.heardFrom}</div>}
          </li>
        ))}
      </ul>
    </Section>
  );
}
