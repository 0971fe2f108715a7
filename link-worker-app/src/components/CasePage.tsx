import { useCallback } from 'react';
import type { LinkWorkerApi } from '../api/api-client';
import type { CaseDetails, CaseRecordDetail } from '@linkwell/contracts';
import { stageLabel } from '../caseload/caseload-view';
import { writeBackOf, type WriteBack } from '../consent/write-back';
import { loadPeople, people as noNames, type People } from '../people/people';
import { CaseBanner } from './CaseBanner';
import { sectionsFor } from './case-sections';
import { Loading } from './SessionScreens';
import { syncLookup, type SyncLookup } from './SyncBadge';
import { useLoad } from './use-load';
import { RiskBanner } from '../risk/RiskBanner';

export interface CaseView {
  readonly record: CaseRecordDetail;
  readonly details: CaseDetails;
}

/** What every case section receives: the case, the API, and how to refresh after a change. */
export interface SectionProps {
  readonly api: LinkWorkerApi;
  readonly view: CaseView;
  readonly sync: SyncLookup;
  readonly reload: () => Promise<void>;
  /** Link workers by name (never ids). */
  readonly people: People;
  /** Whether the share boxes may be ticked, from the person's consent. */
  readonly writeBack: WriteBack;
}

/** One case: its banner, the tabs of its sections, and the section asked for. */
export function CasePage({
  api,
  caseId,
  section,
  onSection = () => undefined,
  onBack,
}: {
  api: LinkWorkerApi;
  caseId: string;
  /** The section's id (see case-sections.tsx); the overview when absent. */
  section?: string;
  onSection?: (section: string) => void;
  onBack: () => void;
}) {
  const load = useCallback(async (): Promise<CaseView> => {
    const [record, details] = await Promise.all([api.caseRecord(caseId), api.caseDetails(caseId)]);
    return { record, details };
  }, [api, caseId]);
  const [state, reload] = useLoad(load);
  const loadNames = useCallback(() => loadPeople(api), [api]);
  const [names] = useLoad(loadNames);
  const back = (
    <a
      className="nhsuk-back-link nhsuk-u-margin-bottom-3"
      href="/"
      onClick={(e) => {
        e.preventDefault();
        onBack();
      }}
    >
      Back to caseload
    </a>
  );
  if (state.kind === 'loading')
    return (
      <>
        {back}
        <Loading label="Loading the case…" />
      </>
    );
  if (state.kind === 'failed') {
    return (
      <>
        {back}
        <div className="lw-problem" role="alert">
          <h1 className="nhsuk-heading-l">This case could not be opened</h1>
          <p>{state.message}</p>
        </div>
      </>
    );
  }
  const view = state.value;
  const props: SectionProps = {
    api,
    view,
    sync: syncLookup(view.details.syncStates),
    reload,
    people: names.kind === 'ready' ? names.value : noNames(undefined, []),
    writeBack: writeBackOf(view.record.consent),
  };
  const name =
    view.details.referral?.patient?.name ?? view.details.localName ?? 'Name not available';
  const { shown, current } = sectionsFor(view, section);
  return (
    <>
      {back}
      <h1 className="nhsuk-heading-l nhsuk-u-margin-bottom-3">
        {name} <span className="nhsuk-tag">{stageLabel(view.record)}</span>
      </h1>
      <CaseBanner {...props} />
      <RiskBanner {...props} />
      {/* nhsuk-frontend's tabs, switched by the router rather than the package's script (which
          marks the page nhsuk-frontend-supported; here the tabs alone carry that class). */}
      <nav
        className="nhsuk-tabs nhsuk-frontend-supported nhsuk-u-font-size-16 nhsuk-u-margin-bottom-3"
        aria-label="Case sections"
      >
        <ul className="nhsuk-tabs__list">
          {shown.map((s) => (
            <li
              key={s.id}
              className={`nhsuk-tabs__list-item${
                s.id === current.id ? ' nhsuk-tabs__list-item--selected' : ''
              }`}
            >
              <a
                className="nhsuk-tabs__tab"
                href={`/cases/${view.record.id}/${s.id}`}
                aria-current={s.id === current.id ? 'page' : undefined}
                onClick={(e) => {
                  e.preventDefault();
                  onSection(s.id);
                }}
              >
                {s.title}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <h2 className="nhsuk-u-visually-hidden">{current.title}</h2>
      <div className="lw-case-grid" key={current.id}>
        {current.render(props)}
      </div>
    </>
  );
}
