import { REFERRAL_STATUS_REASONS, SNOMED, SOCIAL_NEEDS } from '@linkwell/profiles';
import type { Queryable } from '../db/database';
import type { InsightsFilter } from './filters';
import type { ReportedMeasure } from './measures';
import { outcomeFigures, type EquityDimension } from './outcome-queries';
import { flowRows, supportRows, timelinessRows, type CountRow } from './queries';
import { meanInterval, suppressCount, suppressStat, type Shown } from './statistics';

/** One bar or row: what it is, what a person reads, and the count (suppressed under 5). */
export interface Bar {
  readonly key: string;
  readonly label: string;
  readonly count: Shown<number>;
}

export interface InsightsReport {
  readonly filter: Omit<InsightsFilter, 'serviceOrg'>;
  readonly generatedAt: string;
  readonly smallCountRule: string;
  readonly flow: {
    readonly referrals: Shown<number>;
    readonly byMonth: Bar[];
    readonly byPractice: Bar[];
    readonly byNeed: Bar[];
    readonly byOutcome: Bar[];
    readonly declineReasons: Bar[];
    readonly openByWorker: Bar[];
  };
  readonly timeliness: {
    readonly measures: {
      readonly key: string;
      readonly label: string;
      /** Referrals (cases) with the step recorded: timeliness is per referral. */
      readonly referrals: Shown<number>;
      readonly medianDays: Shown<number>;
      readonly p90Days: Shown<number>;
    }[];
    readonly openCases: Shown<number>;
    readonly overdueFollowUps: Shown<number>;
  };
  readonly support: {
    readonly cases: Shown<number>;
    readonly contactsPerCase: Shown<number>;
    readonly meetingsPerCase: Shown<number>;
    readonly medianContacts: Shown<number>;
    readonly medianMeetings: Shown<number>;
    readonly onward: {
      readonly service: string;
      readonly status: string;
      readonly label: string;
      readonly count: Shown<number>;
    }[];
  };
  readonly outcomes: {
    readonly key: string;
    readonly label: string;
    readonly higherIsBetter: boolean;
    readonly threshold: number;
    readonly thresholdSource: string;
    /** People (not cases) with a baseline and a follow-up: a person referred twice counts once. */
    readonly people: Shown<number>;
    readonly meanChange: Shown<number>;
    readonly ciLow: Shown<number>;
    readonly ciHigh: Shown<number>;
    readonly passed: Shown<number>;
    /** Share of the paired people whose change passes the threshold, 0 to 1. */
    readonly passedShare: Shown<number>;
  }[];
  readonly equity: {
    readonly dimension: EquityDimension;
    readonly group: string;
    /** Referrals (cases) in the group. */
    readonly referrals: Shown<number>;
    /** People with an outcome, each counted once, in the group of their first referral in view. */
    readonly withOutcome: Shown<number>;
    /** Of those, people with a meaningful improvement on at least one measure. */
    readonly improved: Shown<number>;
  }[];
}

const OUTCOME_LABELS: Record<string, string> = {
  accepted: 'Accepted',
  declined: 'Declined',
  'did-not-engage': 'Did not engage',
  'awaiting-decision': 'Awaiting a decision',
};
const ONWARD_LABELS: Record<string, string> = {
  active: 'Referred, open',
  completed: 'Completed',
  revoked: 'Withdrawn',
};

const round = (value: number, places = 1): number => Number(value.toFixed(places));

export interface ReportDeps {
  readonly db: Queryable;
  readonly measures: readonly ReportedMeasure[];
  /** Names for `Practitioner/<id>` (the team directory), the reference when unknown. */
  readonly nameOf: (practitioner: string) => Promise<string | undefined>;
  readonly now?: () => Date;
}

async function bars(
  rows: CountRow[],
  label: (key: string) => Promise<string> | string,
): Promise<Bar[]> {
  return Promise.all(
    rows.map(async (r) => ({
      key: r.key,
      label: await label(r.key),
      count: suppressCount(r.count),
    })),
  );
}

/** Every section of the manager's view for the filter, small counts suppressed. */
export async function insightsReport(
  deps: ReportDeps,
  filter: InsightsFilter,
): Promise<InsightsReport> {
  const now = (deps.now ?? (() => new Date()))();
  const today = now.toISOString().slice(0, 10);
  const [flow, timeliness, support, { outcomes, equity }] = await Promise.all([
    flowRows(deps.db, filter),
    timelinessRows(deps.db, filter, today),
    supportRows(deps.db, filter),
    outcomeFigures(deps.db, filter, deps.measures),
  ]);
  const workerName = async (key: string): Promise<string> =>
    key === 'unassigned' ? 'Not yet assigned' : ((await deps.nameOf(key)) ?? key);
  const reasons = REFERRAL_STATUS_REASONS as Record<string, string>;
  const needs: Record<string, string> = {
    ...SOCIAL_NEEDS,
    [SNOMED.socialIsolation]: 'Social isolation',
  };
  const shownFilter = {
    from: filter.from,
    to: filter.to,
    practice: filter.practice,
    worker: filter.worker,
    need: filter.need,
  };
  const perCase = (total: number): Shown<number> =>
    suppressStat(support.cases, support.cases === 0 ? 0 : round(total / support.cases, 2));
  return {
    filter: shownFilter,
    generatedAt: now.toISOString(),
    smallCountRule: 'Counts from 1 to 4, and figures about fewer than 5 people, are not shown.',
    flow: {
      referrals: suppressCount(flow.total),
      byMonth: await bars(flow.byMonth, (k) => k),
      byPractice: await bars(flow.byPractice, (k) => k),
      byNeed: await bars(flow.byNeed, (k) => needs[k] ?? k),
      byOutcome: await bars(flow.byOutcome, (k) => OUTCOME_LABELS[k] ?? k),
      declineReasons: await bars(flow.declineReasons, (k) =>
        k === 'not-recorded' ? 'Reason not recorded' : (reasons[k] ?? k),
      ),
      openByWorker: await bars(flow.openByWorker, workerName),
    },
    timeliness: {
      measures: timeliness.durations.map((d) => ({
        key: d.measure,
        label:
          d.measure === 'first-contact' ? 'Referral to first contact' : 'Referral to first meeting',
        referrals: suppressCount(d.n),
        medianDays: suppressStat(d.n, d.median === null ? 0 : round(d.median)),
        p90Days: suppressStat(d.n, d.p90 === null ? 0 : round(d.p90)),
      })),
      openCases: suppressCount(timeliness.open),
      overdueFollowUps: suppressCount(timeliness.overdueFollowUps),
    },
    support: {
      cases: suppressCount(support.cases),
      contactsPerCase: perCase(support.contacts.total),
      meetingsPerCase: perCase(support.meetings.total),
      medianContacts: suppressStat(support.cases, support.contacts.median ?? 0),
      medianMeetings: suppressStat(support.cases, support.meetings.median ?? 0),
      onward: support.onward.map((o) => ({
        ...o,
        label: ONWARD_LABELS[o.status] ?? o.status,
        count: suppressCount(o.count),
      })),
    },
    outcomes: deps.measures.map((m) => {
      const row = outcomes.find((o) => o.measure === m.key);
      const n = row?.n ?? 0;
      const ci = meanInterval(n, row?.mean ?? 0, row?.sd ?? undefined);
      return {
        key: m.key,
        label: m.label,
        higherIsBetter: m.higherIsBetter,
        threshold: m.threshold,
        thresholdSource: m.source,
        people: suppressCount(n),
        meanChange: suppressStat(n, round(ci.mean, 2)),
        ciLow: suppressStat(n, ci.low === undefined ? 0 : round(ci.low, 2)),
        ciHigh: suppressStat(n, ci.high === undefined ? 0 : round(ci.high, 2)),
        passed: n < 5 ? suppressStat(n, 0) : suppressCount(row?.passed ?? 0),
        passedShare: suppressStat(n, n === 0 ? 0 : round((row?.passed ?? 0) / n, 3)),
      };
    }),
    equity: equity.map((e) => ({
      dimension: e.dimension,
      group: e.group,
      referrals: suppressCount(e.referrals),
      withOutcome: suppressCount(e.withOutcome),
      improved: suppressCount(e.improved),
    })),
  };
}
