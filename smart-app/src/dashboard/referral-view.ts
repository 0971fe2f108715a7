import type { Goal, Observation, Organization, ServiceRequest, Task } from 'fhir/r4';
import {
  caseHolderOf,
  isOnwardReferral,
  isOutcomeObservation,
  isReferral,
  onwardReferralStateOf,
} from '@linkwell/profiles';
import type { DashboardData } from '../fhir/dashboard-batch';
import { idFrom } from '../fhir/references';
import { closingLettersFor, type ClosingLetter } from './closing-letters';
import { consentFor, type ConsentView } from './consent-view';
import { achievementWords, lifecycleWords } from './goal-words';
import { conceptText, statusLabel, timelineOf, type TimelineStep } from './timeline';
import { measureSeries, type MeasureSeries } from './outcomes';

export interface GoalView {
  readonly id: string;
  /** In the person's own words. */
  readonly words: string;
  readonly lifecycle: Goal['lifecycleStatus'];
  /** How it is going, in words (achievement, else lifecycle): never a FHIR code. */
  readonly progress: string;
  readonly startDate?: string;
  readonly target?: string;
}

export interface OnwardConnection {
  readonly id: string;
  readonly service: string;
  readonly status: ServiceRequest['status'];
  readonly authoredOn?: string;
  /** What the community service reported on its Task (accepted, declined: why, attended…). */
  readonly reported?: string;
}

export interface ReferralView {
  readonly id: string;
  readonly authoredOn?: string;
  readonly needs: readonly string[];
  readonly priority: ServiceRequest['priority'];
  readonly service: string;
  readonly status: string;
  /** The link worker holding the case, by name, once the service has named one. */
  readonly caseHolder?: string;
  readonly timeline: readonly TimelineStep[];
  readonly letters: readonly ClosingLetter[];
  readonly consent?: ConsentView;
  readonly goals: readonly GoalView[];
  readonly measures: readonly MeasureSeries[];
  readonly onward: readonly OnwardConnection[];
}

function goalView(goal: Goal): GoalView {
  const target = goal.target?.[0];
  const targetText = [conceptText(target?.measure), target?.detailString, target?.dueDate]
    .filter((part) => part !== undefined && part !== '')
    .join(' · ');
  return {
    id: goal.id ?? '',
    words: goal.description.text ?? conceptText(goal.description) ?? '(no words recorded)',
    lifecycle: goal.lifecycleStatus,
    progress: achievementWords(goal.achievementStatus) ?? lifecycleWords(goal.lifecycleStatus),
    ...(goal.startDate === undefined ? {} : { startDate: goal.startDate }),
    ...(targetText === '' ? {} : { target: targetText }),
  };
}

function onwardConnection(request: ServiceRequest, tasks: readonly Task[]): OnwardConnection {
  const performer = request.performer?.[0];
  const state = tasks
    .filter((t) => idFrom(t.focus, 'ServiceRequest') === request.id)
    .map(onwardReferralStateOf)
    .find((s) => s !== undefined);
  return {
    id: request.id ?? '',
    service: performer?.display ?? request.code?.text ?? 'Community service',
    status: request.status,
    ...(request.authoredOn === undefined ? {} : { authoredOn: request.authoredOn }),
    ...(state === undefined
      ? {}
      : {
          reported:
            state.reason === undefined ? state.display : `${state.display}: ${state.reason}`,
        }),
  };
}

function serviceName(request: ServiceRequest, organizations: readonly Organization[]): string {
  const performer = request.performer?.[0];
  const org = organizations.find((o) => o.id === idFrom(performer, 'Organization'));
  return performer?.display ?? org?.name ?? 'Link-worker service';
}

function newestTask(tasks: readonly Task[]): Task | undefined {
  return [...tasks].sort((a, b) =>
    (b.meta?.lastUpdated ?? '').localeCompare(a.meta?.lastUpdated ?? ''),
  )[0];
}

/** The patient's social prescribing referrals, newest first, each with what came back. */
export function referralViews(data: DashboardData): ReferralView[] {
  // A boolean view of the guard: negating the type guard itself would narrow to `never`.
  const isOnward = (r: ServiceRequest): boolean => isOnwardReferral(r);
  const referrals = data.serviceRequests.filter((r) => !isOnward(r) && isReferral(r));
  const onward = data.serviceRequests.filter(isOnward);
  const outcomes = data.observations.filter((o) => isOutcomeObservation(o));
  const about = (id: string, refs: { reference?: string }[] | undefined): boolean =>
    (refs ?? []).some((ref) => idFrom(ref, 'ServiceRequest') === id);
  return referrals
    .map((referral): ReferralView => {
      const id = referral.id ?? '';
      const task = newestTask(data.tasks.filter((t) => idFrom(t.focus, 'ServiceRequest') === id));
      const observations: Observation[] = outcomes.filter((o) => about(id, o.basedOn));
      const holder = task === undefined ? undefined : caseHolderOf(task);
      // A reference without a name is no use to a GP: show nothing rather than an id.
      const named = holder !== undefined && holder.display !== holder.reference;
      const consent = consentFor(referral, data.consents);
      return {
        id,
        ...(referral.authoredOn === undefined ? {} : { authoredOn: referral.authoredOn }),
        needs: (referral.reasonCode ?? []).map((c) => conceptText(c) ?? 'Unnamed need'),
        priority: referral.priority,
        service: serviceName(referral, data.organizations),
        status: statusLabel(task),
        ...(named ? { caseHolder: holder.display } : {}),
        timeline: timelineOf(task, referral.authoredOn),
        letters: closingLettersFor(data.closingSummaries, id, task?.id),
        ...(consent === undefined ? {} : { consent }),
        goals: data.goals.filter((g) => about(id, g.addresses)).map(goalView),
        measures: measureSeries(observations),
        onward: onward
          .filter((o) => about(id, o.basedOn))
          .map((o) => onwardConnection(o, data.tasks)),
      };
    })
    .sort((a, b) => (b.authoredOn ?? '').localeCompare(a.authoredOn ?? ''));
}
