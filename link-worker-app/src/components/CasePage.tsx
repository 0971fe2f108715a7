import { UNFINISHED_TASK_STATUSES } from '@linkwell/profiles';
import { useCallback } from 'react';
import type { LinkWorkerApi } from '../api/api-client';
import type { CaseDetails, CaseRecordDetail } from '../api/types';
import { stageLabel } from '../caseload/caseload-view';
import { writeBackOf, type WriteBack } from '../consent/write-back';
import { loadPeople, people as noNames, type People } from '../people/people';
import { CaseProgress } from './CaseProgress';
import { CaseTimeline } from './CaseTimeline';
import { ClosureSection } from './ClosureSection';
import { ConsentPanel } from './ConsentPanel';
import { ContactLog } from './ContactLog';
import { Goals } from './Goals';
import { OnwardReferrals } from './OnwardReferrals';
import { Outcomes } from './Outcomes';
import { PrivateNotes } from './PrivateNotes';
import { ReferralSection } from './ReferralSection';
import { Loading } from './SessionScreens';
import { syncLookup, type SyncLookup } from './SyncBadge';
import { useLoad } from './use-load';
import { RiskBanner } from '../risk/RiskBanner';
import { RiskPanel } from '../risk/RiskPanel';
import { CarePlanPanel } from '../care-plan/CarePlanPanel';
import { SendByLink } from '../questionnaire-link/SendByLink';

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

const OPEN: readonly string[] = UNFINISHED_TASK_STATUSES;

export function CasePage({
  api,
  caseId,
  onBack,
}: {
  api: LinkWorkerApi;
  caseId: string;
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
    <p>
      <a
        href="/"
        onClick={(e) => {
          e.preventDefault();
          onBack();
        }}
      >
        Back to caseload
      </a>
    </p>
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
          <h1 className="lw-heading-l">This case could not be opened</h1>
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
  const name = view.details.referral?.patient?.name ?? 'Name not available';
  const open = OPEN.includes(view.record.status);
  const working = open && view.record.status !== 'requested';
  return (
    <>
      {back}
      <h1 className="lw-heading-l">
        {name} <span className="lw-tag">{stageLabel(view.record)}</span>
      </h1>
      <RiskBanner {...props} />
      <div className="lw-case-grid">
        <ReferralSection {...props} />
        <ConsentPanel {...props} />
        <ClosureSection {...props} />
        <CaseProgress {...props} />
        <CaseTimeline {...props} />
        {working || view.record.contactAttempts.length > 0 ? (
          <ContactLog {...props} canAdd={open} />
        ) : null}
        <PrivateNotes {...props} />
        <RiskPanel {...props} />
        {working ? <CarePlanPanel {...props} /> : null}
        {working ? <SendByLink {...props} /> : null}
        {working || view.record.goals.length > 0 ? <Goals {...props} canAdd={working} /> : null}
        {working || view.record.questionnaires.length > 0 ? (
          <Outcomes {...props} canAdd={working} />
        ) : null}
        {working || view.record.onwardReferrals.length > 0 ? (
          <OnwardReferrals {...props} canAdd={working} />
        ) : null}
      </div>
    </>
  );
}
