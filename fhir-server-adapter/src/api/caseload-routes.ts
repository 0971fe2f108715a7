import { Router } from 'express';
import {
  FollowUpRequest,
  parseWith,
  type CaseDetails,
  type Caseload,
  type CaseloadRow,
} from '@linkwell/contracts';
import { notFound } from '../errors';
import type { CaseReferrals, CaseSource } from '../fhir/case-referrals';
import type { ReferralView } from '../fhir/referral-details';
import type { ServiceDirectory } from '../fhir/service-directory';
import type { TeamMember } from '../fhir/team-directory';
import type { IntakeStore, LocalPerson } from '../intake/intake-store';
import { REFERRAL_NEEDS, referralNeedCoding } from '@linkwell/profiles';
import type { Logger } from '../log';
import type { CaseloadEntry, CaseloadStore } from '../store/caseload-store';
import { ownCase, summary, worker, type RouteDeps } from './case-routes';

/** What the link-worker app needs beyond the core case API (see app.ts). */
export interface CaseloadDeps {
  readonly caseload: CaseloadStore;
  /** Each case's referral, read from the case's own EHR endpoint. */
  readonly referrals: Pick<CaseReferrals, 'forCases'>;
  readonly services: ServiceDirectory;
  /** The service's link workers, for the name of whoever holds a case. */
  readonly team?: { members(): Promise<TeamMember[]> };
  /** People of local-only cases (not on the EHR) and what they were referred for. */
  readonly intake?: Pick<IntakeStore, 'people' | 'firstNeeds'>;
  /** The EHR endpoints' names by id (ADAPTER_EHR_ENDPOINTS), to say which record a case is on. */
  readonly endpointNames?: ReadonlyMap<string, string>;
}

/** What a local-only case shows in place of the EHR's referral: the person as recorded. */
export interface LocalView {
  readonly person: LocalPerson;
  readonly needs: readonly string[];
}

const DAY_MS = 86_400_000;
const AWAITING = [undefined, 'awaiting-contact', 'contact-attempted'];

/** Whole days between two instants (never negative). */
export const daysBetween = (from: string, to: Date): number =>
  Math.max(0, Math.floor((to.getTime() - Date.parse(from)) / DAY_MS));

export function awaitsFirstContact(entry: CaseloadEntry): boolean {
  const { status, businessStatus } = entry.record;
  return (
    entry.firstReachedAt === undefined &&
    (status === 'requested' || status === 'accepted') &&
    AWAITING.includes(businessStatus)
  );
}

/**
 * The referral view only when it is about the case's own patient: a Referral that names another
 * patient never puts their details on this case (ingest holds such Tasks; this is the backstop).
 */
export const ownReferral = (
  entry: Pick<CaseloadEntry, 'record'>,
  referral: ReferralView | undefined,
): ReferralView | undefined =>
  referral?.patientRef === entry.record.patientRef ? referral : undefined;

/**
 * Which GP record (EHR endpoint) a case is on, when the adapter serves more than one; null for a
 * case that lives only in the store, or when there is just the one record.
 */
export function gpRecordOf(
  record: Pick<CaseSource, 'endpoint' | 'referralRef'>,
  names: ReadonlyMap<string, string> = new Map(),
): CaseDetails['gpRecord'] {
  if (names.size < 2 || record.referralRef === undefined) return null;
  return { id: record.endpoint, name: names.get(record.endpoint) ?? record.endpoint };
}

/** One caseload row: the case's state, who it is, how long they have waited, what is due. */
export function caseloadRow(
  entry: CaseloadEntry,
  unchecked: ReferralView | undefined,
  now: Date,
  names: ReadonlyMap<string, string> = new Map(),
  local?: LocalView,
): CaseloadRow {
  const referral = ownReferral(entry, unchecked);
  const today = now.toISOString().slice(0, 10);
  // The next follow-up is the earlier of the date set and the next meeting booked in the diary.
  const booked = entry.nextAppointment?.slice(0, 10);
  const nextFollowUp =
    booked === undefined || (entry.nextFollowUp !== undefined && entry.nextFollowUp < booked)
      ? entry.nextFollowUp
      : booked;
  // A booked meeting whose time has passed with no outcome recorded is overdue too.
  const missedMeeting =
    entry.nextAppointment !== undefined && Date.parse(entry.nextAppointment) < now.getTime();
  const since = referral?.authoredOn ?? entry.record.receivedAt;
  return {
    ...summary(entry.record),
    assignedToName:
      entry.record.assignedTo === undefined ? undefined : names.get(entry.record.assignedTo),
    patientName:
      referral?.patient?.name ??
      (local === undefined ? undefined : `${local.person.given} ${local.person.family}`),
    birthDate: referral?.patient?.birthDate ?? local?.person.birthDate,
    nhsNumber: referral?.patient?.nhsNumber ?? local?.person.nhsNumber,
    /** Not registered on the EHR: the case lives only in the service's store. */
    local: entry.record.taskId === undefined,
    priority: referral?.priority ?? 'routine',
    needs:
      referral?.needs.map((n) => n.display) ??
      local?.needs.map((n) => {
        const need = REFERRAL_NEEDS.find((known) => known === n);
        return need === undefined ? n : (referralNeedCoding(need).display ?? n);
      }) ??
      [],
    referredAt: since,
    waitingDays: daysBetween(since, entry.firstReachedAt ? new Date(entry.firstReachedAt) : now),
    awaitingFirstContact: awaitsFirstContact(entry),
    contactAttempts: entry.contactAttempts,
    lastContactAt: entry.lastContactAt,
    nextFollowUp,
    followUpOverdue: (nextFollowUp !== undefined && nextFollowUp < today) || missedMeeting,
    didNotAttend: entry.didNotAttend ?? 0,
    ...(entry.cover === undefined
      ? {}
      : {
          cover: {
            ...entry.cover,
            name: names.get(entry.cover.practitioner),
            // Cover booked ahead is shown, but the covering worker takes it on from its first day.
            active: entry.cover.from <= today,
          },
        }),
  };
}

/** The link-worker app's caseload, case details, follow-ups, directory and sync retry. */
export function caseloadRoutes(deps: RouteDeps & CaseloadDeps & { log: Logger }): Router {
  const router = Router();

  /** Views by case id; the caseload still shows without names when an endpoint is away. */
  function referralsFor(cases: readonly CaseSource[]): Promise<Map<string, ReferralView>> {
    return deps.referrals.forCases(cases, (endpoint, error) => {
      deps.log.warn('caseload.referrals-unavailable', {
        endpoint,
        error: error instanceof Error ? error.name : 'unknown',
      });
    });
  }

  async function localViews(caseIds: readonly string[]): Promise<Map<string, LocalView>> {
    if (deps.intake === undefined || caseIds.length === 0) return new Map();
    const [people, needs] = await Promise.all([
      deps.intake.people(caseIds),
      deps.intake.firstNeeds(caseIds),
    ]);
    return new Map([...people].map(([id, person]) => [id, { person, needs: needs.get(id) ?? [] }]));
  }

  async function teamNames(): Promise<Map<string, string>> {
    try {
      return new Map((await deps.team?.members())?.map((m) => [m.practitioner, m.name]) ?? []);
    } catch (error) {
      deps.log.warn('caseload.team-unavailable', {
        error: error instanceof Error ? error.name : 'unknown',
      });
      return new Map();
    }
  }

  router.get('/caseload', async (req, res) => {
    const entries = await deps.caseload.entries(
      worker(req).serviceOrg,
      req.query.closed === 'true',
    );
    const [referrals, names, locals] = await Promise.all([
      referralsFor(entries.map((e) => e.record)),
      teamNames(),
      localViews(entries.filter((e) => e.record.taskId === undefined).map((e) => e.record.id)),
    ]);
    const now = new Date();
    const rows = entries.map((entry) =>
      caseloadRow(entry, referrals.get(entry.record.id), now, names, locals.get(entry.record.id)),
    );
    res.json({
      cases: rows,
      awaitingFirstContact: rows.filter((row) => row.awaitingFirstContact).length,
    } satisfies Caseload);
  });

  router.get('/cases/:caseId/details', async (req, res) => {
    const found = await ownCase(deps, req);
    const [referrals, nextFollowUp, syncStates, locals] = await Promise.all([
      referralsFor([found]),
      deps.caseload.nextFollowUp(found.id),
      deps.caseload.syncStates(found.id),
      localViews(found.taskId === undefined ? [found.id] : []),
    ]);
    const local = locals.get(found.id)?.person;
    res.json({
      referral: ownReferral({ record: found }, referrals.get(found.id)) ?? null,
      nextFollowUp: nextFollowUp ?? null,
      syncStates,
      localName: local === undefined ? null : `${local.given} ${local.family}`,
      gpRecord: gpRecordOf(found, deps.endpointNames),
    } satisfies CaseDetails);
  });

  router.put('/cases/:caseId/follow-up', async (req, res) => {
    const found = await ownCase(deps, req);
    const due = parseWith(FollowUpRequest, req.body).due ?? undefined;
    await deps.caseload.setNextFollowUp(found.id, due, worker(req).practitioner);
    res.json({ nextFollowUp: due ?? null });
  });

  router.get('/directory/services', async (_req, res) => {
    res.json({ services: await deps.services.list() });
  });

  router.post('/sync/problems/:seq/retry', async (req, res) => {
    const seq = Number(req.params.seq);
    const mine = (await deps.cases.listCases(worker(req).serviceOrg)).map((c) => c.id);
    const held = (await deps.sync.held(mine)).find((change) => change.seq === seq);
    if (held === undefined) throw notFound(`There is no held change ${req.params.seq}.`);
    await deps.sync.release(seq);
    deps.changed();
    res.json({ released: seq });
  });

  return router;
}
