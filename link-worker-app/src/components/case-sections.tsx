import type { ReactNode } from 'react';
import { UNFINISHED_TASK_STATUSES } from '@linkwell/profiles';
import { CarePlanPanel } from '../care-plan/CarePlanPanel';
import { SendByLink } from '../questionnaire-link/SendByLink';
import { RiskPanel } from '../risk/RiskPanel';
import type { CaseView, SectionProps } from './CasePage';
import { CaseProgress } from './CaseProgress';
import { CaseTeam } from './CaseTeam';
import { CaseTimeline } from './CaseTimeline';
import { ClosureSection } from './ClosureSection';
import { ConsentPanel } from './ConsentPanel';
import { ContactLog } from './ContactLog';
import { DiarySection } from './DiarySection';
import { Goals } from './Goals';
import { OnwardReferrals } from './OnwardReferrals';
import { Outcomes } from './Outcomes';
import { PrivateNotes } from './PrivateNotes';
import { ReferralSection } from './ReferralSection';
import { CaseSources } from '../intake/CaseSources';

// The case is a set of sections the worker moves between, one on screen at a time. To add one,
// append an entry: its id is its address (`/cases/<id>/<section>`), its title the tab's words.

export interface CaseSection {
  readonly id: string;
  readonly title: string;
  readonly render: (props: SectionProps) => ReactNode;
  /** Whether the tab shows for this case (default: always). */
  readonly shown?: (view: CaseView) => boolean;
}

const isOpen = (view: CaseView): boolean =>
  (UNFINISHED_TASK_STATUSES as readonly string[]).includes(view.record.status);
/** Accepted and not closed: the work of the case can be recorded. */
export const isWorking = (view: CaseView): boolean =>
  isOpen(view) && view.record.status !== 'requested';

export const CASE_SECTIONS: readonly CaseSection[] = [
  {
    id: 'overview',
    title: 'Overview',
    render: (props) => (
      <>
        <ClosureSection {...props} />
        <CaseProgress {...props} />
        {isWorking(props.view) || props.view.record.contactAttempts.length > 0 ? (
          <ContactLog {...props} canAdd={isOpen(props.view)} />
        ) : null}
        <CaseSources {...props} />
        <ReferralSection {...props} />
        <ConsentPanel {...props} />
        {props.view.record.assignedTo === undefined ? null : <CaseTeam {...props} />}
        <CaseTimeline {...props} />
      </>
    ),
  },
  {
    id: 'diary',
    title: 'Diary',
    shown: (view) => view.record.status !== 'requested',
    render: (props) => <DiarySection {...props} />,
  },
  {
    id: 'goals',
    title: 'Goals and plan',
    shown: (view) => isWorking(view) || view.record.goals.length > 0,
    render: (props) => (
      <>
        <Goals {...props} canAdd={isWorking(props.view)} />
        {isWorking(props.view) ? <CarePlanPanel {...props} /> : null}
      </>
    ),
  },
  {
    id: 'measures',
    title: 'Measures',
    shown: (view) => isWorking(view) || view.record.questionnaires.length > 0,
    render: (props) => (
      <>
        <Outcomes {...props} canAdd={isWorking(props.view)} />
        {isWorking(props.view) ? <SendByLink {...props} /> : null}
      </>
    ),
  },
  {
    id: 'onward',
    title: 'Onward',
    shown: (view) => isWorking(view) || view.record.onwardReferrals.length > 0,
    render: (props) => <OnwardReferrals {...props} canAdd={isWorking(props.view)} />,
  },
  {
    id: 'risks',
    title: 'Risks',
    render: (props) => <RiskPanel {...props} />,
  },
  {
    id: 'notes',
    title: 'Notes',
    render: (props) => <PrivateNotes {...props} />,
  },
];

/** The sections this case shows, and the one asked for (the overview when it is not shown). */
export function sectionsFor(
  view: CaseView,
  asked: string | undefined,
): { shown: CaseSection[]; current: CaseSection } {
  const shown = CASE_SECTIONS.filter((s) => s.shown?.(view) ?? true);
  const current = shown.find((s) => s.id === asked) ?? shown[0] ?? CASE_SECTIONS[0];
  if (current === undefined) throw new Error('no case sections');
  return { shown, current };
}
