import { useCallback, useState } from 'react';
import { SOCIAL_NEEDS } from '@linkwell/profiles';
import type { LinkWorkerApi } from '../api/api-client';
import type { TeamMember } from '@linkwell/contracts';
import { Loading } from '../components/SessionScreens';
import { useLoad } from '../components/use-load';
import { insightsQuery } from './insights-view';
import type { InsightsFilterValues, InsightsReport } from '@linkwell/contracts';
import {
  EquitySection,
  FlowSection,
  OutcomesSection,
  SupportSection,
  TimelinessSection,
} from './Sections';
import { DirectoryImportPanel } from '../directory/DirectoryImportPanel';
import { ExportsPanel } from './ExportsPanel';
import { HealthcareUseSection } from './HealthcareUseSection';
import './insights.css';

export interface InsightsPageProps {
  readonly api: LinkWorkerApi;
  /** The service's manager sees every worker; a link worker their own cases. */
  readonly manager: boolean;
}

const NO_REPORT = (): Promise<InsightsReport> =>
  Promise.reject(new Error('This app cannot load the figures.'));

function Filters({
  filter,
  practices,
  team,
  manager,
  onApply,
}: {
  filter: InsightsFilterValues;
  practices: readonly string[];
  team: readonly TeamMember[];
  manager: boolean;
  onApply: (filter: InsightsFilterValues) => void;
}) {
  const [draft, setDraft] = useState(filter);
  const field = (key: keyof InsightsFilterValues) => ({
    id: `insights-${key}`,
    value: draft[key] ?? '',
    onChange: (event: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => {
      setDraft({ ...draft, [key]: event.target.value });
    },
  });
  return (
    <form
      className="lw-filters"
      aria-label="Filter the figures"
      onSubmit={(event) => {
        event.preventDefault();
        onApply(draft);
      }}
    >
      <div className="nhsuk-form-group">
        <label className="nhsuk-label" htmlFor="insights-from">
          Referred from
        </label>
        <input className="nhsuk-input" type="date" {...field('from')} />
      </div>
      <div className="nhsuk-form-group">
        <label className="nhsuk-label" htmlFor="insights-to">
          Referred to
        </label>
        <input className="nhsuk-input" type="date" {...field('to')} />
      </div>
      <div className="nhsuk-form-group">
        <label className="nhsuk-label" htmlFor="insights-practice">
          Practice
        </label>
        <select className="nhsuk-select" {...field('practice')}>
          <option value="">All practices</option>
          {practices.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
      </div>
      {manager ? (
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor="insights-worker">
            Link worker
          </label>
          <select className="nhsuk-select" {...field('worker')}>
            <option value="">All link workers</option>
            {team.map((m) => (
              <option key={m.practitioner} value={m.practitioner}>
                {m.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <div className="nhsuk-form-group">
        <label className="nhsuk-label" htmlFor="insights-need">
          Need
        </label>
        <select className="nhsuk-select" {...field('need')}>
          <option value="">All needs</option>
          <option value="social-isolation">Social isolation</option>
          {Object.entries(SOCIAL_NEEDS).map(([code, label]) => (
            <option key={code} value={code}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="nhsuk-button">
        Show figures
      </button>
    </form>
  );
}

/** The manager's view: every section of the service's figures, each chart with its table. */
export function InsightsPage({ api, manager }: InsightsPageProps) {
  const [filter, setFilter] = useState<InsightsFilterValues>({});
  const [practices, setPractices] = useState<readonly string[]>([]);
  const load = useCallback(async () => {
    const report = await (api.insights ?? NO_REPORT)(insightsQuery(filter));
    setPractices((known) => [
      ...new Set([
        ...known,
        ...report.flow.byPractice.map((b) => b.key).filter((k) => k !== 'Not recorded'),
      ]),
    ]);
    return report;
  }, [api, filter]);
  const [state, reload] = useLoad(load);
  const refreshed = useCallback(() => void reload(), [reload]);
  const loadTeam = useCallback(() => (manager ? api.team() : Promise.resolve([])), [api, manager]);
  const [team] = useLoad(loadTeam);
  return (
    <div className="lw-insights">
      <h1 className="nhsuk-heading-l">{manager ? 'Service insights' : 'My figures'}</h1>
      <p>
        {manager
          ? 'What the service achieves and for whom, from the records the team keeps.'
          : 'Your own cases only; the service manager sees the whole service.'}
      </p>
      <Filters
        filter={filter}
        practices={practices}
        team={team.kind === 'ready' ? team.value : []}
        manager={manager}
        onApply={setFilter}
      />
      {state.kind === 'loading' ? (
        <Loading label="Loading the figures" />
      ) : state.kind === 'failed' ? (
        <div className="lw-problem" role="alert">
          <h2 className="nhsuk-heading-s">The figures could not be loaded</h2>
          <p>{state.message}</p>
        </div>
      ) : (
        <>
          <p className="nhsuk-inset-text" aria-live="polite">
            {state.value.smallCountRule}
          </p>
          <FlowSection flow={state.value.flow} />
          <TimelinessSection timeliness={state.value.timeliness} />
          <SupportSection support={state.value.support} />
          <OutcomesSection outcomes={state.value.outcomes} />
          <EquitySection equity={state.value.equity} />
          {manager && state.value.healthcareUse !== undefined ? (
            <HealthcareUseSection
              use={state.value.healthcareUse}
              api={api}
              onRefreshed={refreshed}
            />
          ) : null}
          {manager ? <ExportsPanel api={api} query={insightsQuery(filter)} /> : null}
          {manager ? <DirectoryImportPanel api={api} /> : null}
        </>
      )}
    </div>
  );
}
