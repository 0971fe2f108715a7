import { Router } from 'express';
import {
  AppointmentOutcomeRequest,
  BookAppointmentRequest,
  DiaryQuery,
  MoveAppointmentRequest,
  parseWith,
  rules,
  type CaseAppointments,
  type DiaryAppointment,
} from '@linkwell/contracts';
import { ApiError, conflict, notFound } from '../errors';
import type { CaseReferrals } from '../fhir/case-referrals';
import type { ReferralView } from '../fhir/referral-details';
import type { Logger } from '../log';
import type { AppointmentRecord } from '../diary/appointment';
import {
  AppointmentClosedError,
  DoubleBookingError,
  type CaseRefs,
  type DiaryStore,
} from '../diary/diary-store';
import { linkedCase, type CaseRecord, type LinkedCase } from '../store/records';
import { ownCase, worker, type RouteDeps } from './case-routes';

export interface DiaryDeps extends RouteDeps {
  readonly diary: DiaryStore;
  readonly log: Logger;
  /** Patient names for the diary views (FHIR reads; the diary shows without them if away). */
  /** Each case's referral from its own EHR endpoint (the person's name on an appointment). */
  readonly referrals?: Pick<CaseReferrals, 'forCases'>;
}

const OPEN: readonly string[] = ['requested', 'accepted', 'in-progress', 'on-hold'];
const WHEN = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
});
const TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hour: '2-digit',
  minute: '2-digit',
});

const refsOf = (found: CaseRecord): CaseRefs => ({
  caseId: found.id,
  serviceOrg: found.serviceOrg,
  patientRef: found.patientRef,
  referralRef: found.referralRef,
});

/** What the app shows of an appointment (its FHIR form stays in the store). */
const view = (a: AppointmentRecord, patientName?: string): DiaryAppointment => ({
  id: a.id,
  caseId: a.caseId,
  practitioner: a.practitioner,
  status: a.status,
  start: a.start,
  end: a.end,
  minutes: a.minutes,
  mode: a.mode,
  ...(a.where === undefined ? {} : { where: a.where }),
  ...(a.withWhom === undefined ? {} : { withWhom: a.withWhom }),
  ...(a.cancelReason === undefined ? {} : { cancelReason: a.cancelReason }),
  ...(patientName === undefined ? {} : { patientName }),
});

/** The diary: book, move and close appointments per case; a day or week of a worker's diary. */
export function diaryRoutes(deps: DiaryDeps): Router {
  const router = Router();

  async function clashMessage(clash: AppointmentRecord): Promise<string> {
    const whose = await clashOwner(clash);
    return `That time is already booked${whose}: ${WHEN.format(new Date(clash.start))} to ${TIME.format(
      new Date(clash.end),
    )}. Choose a time that does not overlap.`;
  }
  async function clashOwner(clash: AppointmentRecord): Promise<string> {
    const name = await deps.names?.nameOf(clash.practitioner).catch(() => undefined);
    return name === undefined ? ' in this diary' : ` in ${name}’s diary`;
  }

  /** The store's refusals as the API's errors. */
  async function guarded<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof DoubleBookingError) {
        throw new ApiError(409, 'double-booked', await clashMessage(error.clash), 'start');
      }
      if (error instanceof AppointmentClosedError) {
        throw conflict(
          `This appointment is already recorded as ${error.current.status === 'noshow' ? 'did not attend' : error.current.status === 'fulfilled' ? 'attended' : 'cancelled'}; book a new one instead.`,
        );
      }
      if (error instanceof RangeError) throw notFound('There is no such appointment on this case.');
      throw error;
    }
  }

  router.get('/cases/:caseId/appointments', async (req, res) => {
    const found = await ownCase(deps, req);
    const [appointments, attendance] = await Promise.all([
      deps.diary.forCase(found.id),
      deps.diary.attendance(found.id),
    ]);
    res.json({
      appointments: appointments.map((a) => view(a)),
      attendance,
    } satisfies CaseAppointments);
  });

  router.post('/cases/:caseId/appointments', async (req, res) => {
    const found = await ownCase(deps, req);
    if (!OPEN.includes(found.status)) {
      throw conflict('This case is closed: appointments can be booked only on an open case.');
    }
    const { where, withWhom, ...slot } = parseWith(BookAppointmentRequest, req.body);
    const details = {
      ...slot,
      ...(where === undefined ? {} : { where }),
      ...(withWhom === undefined ? {} : { withWhom }),
    };
    const me = worker(req).practitioner;
    const booked = await guarded(() => deps.diary.book(refsOf(found), me, details, me));
    res.status(201).json({ appointment: view(booked) });
  });

  router.patch('/cases/:caseId/appointments/:appointmentId', async (req, res) => {
    const found = await ownCase(deps, req);
    const id = parseWith(rules.recordId(), req.params.appointmentId, 'appointmentId');
    const slot = parseWith(MoveAppointmentRequest, req.body);
    const me = worker(req).practitioner;
    const moved = await guarded(() => deps.diary.move(refsOf(found), id, slot, me));
    res.json({ appointment: view(moved) });
  });

  router.post('/cases/:caseId/appointments/:appointmentId/outcome', async (req, res) => {
    const found = await ownCase(deps, req);
    const id = parseWith(rules.recordId(), req.params.appointmentId, 'appointmentId');
    const { outcome, reason } = parseWith(AppointmentOutcomeRequest, req.body);
    const me = worker(req).practitioner;
    const done = await guarded(() => deps.diary.record(refsOf(found), id, outcome, me, reason));
    res.json({ appointment: view(done) });
  });

  // The signed-in worker's diary: `from` (a day, default today) for `days` days (1 to 14).
  router.get('/diary', async (req, res) => {
    const query = parseWith(DiaryQuery, { ...(req.query as Record<string, unknown>) });
    const from = query.from ?? new Date().toISOString().slice(0, 10);
    const days = query.days;
    const start = new Date(`${from}T00:00:00Z`);
    const end = new Date(start.getTime() + days * 86_400_000);
    const me = worker(req);
    const found = await deps.diary.between(
      me.serviceOrg,
      [me.practitioner],
      start.toISOString(),
      end.toISOString(),
    );
    const names = await patientNames(found.map((a) => a.caseId));
    res.json({
      from,
      days,
      appointments: found.map((a) => view(a, names.get(a.caseId))),
    });
  });

  async function patientNames(caseIds: readonly string[]): Promise<Map<string, string>> {
    const cases = (
      await Promise.all([...new Set(caseIds)].map((id) => deps.cases.getCase(id)))
    ).filter((c): c is LinkedCase => linkedCase(c) !== undefined);
    try {
      const referrals =
        (await deps.referrals?.forCases(cases, (endpoint, error) => {
          deps.log.warn('diary.names-unavailable', {
            endpoint,
            error: error instanceof Error ? error.name : 'unknown',
          });
        })) ?? new Map<string, ReferralView>();
      const names = new Map<string, string>();
      for (const c of cases) {
        const referral = referrals.get(c.id);
        const name = referral?.patientRef === c.patientRef ? referral.patient?.name : undefined;
        if (name !== undefined) names.set(c.id, name);
      }
      return names;
    } catch (error) {
      deps.log.warn('diary.names-unavailable', {
        error: error instanceof Error ? error.name : 'unknown',
      });
      return new Map();
    }
  }

  return router;
}
