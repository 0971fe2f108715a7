import { Router, type Request } from 'express';
import type { Patient } from 'fhir/r4';
import {
  CapacityRequest,
  DirectoryQuery,
  OnwardReferralRequest,
  OnwardReportRequest,
  parseWith,
  type DirectoryImport,
  type ServiceResult,
  type ServiceSearch,
} from '@linkwell/contracts';
import { ownCase, worker, type RouteDeps } from '../api/case-routes';
import { ApiError, badRequest, conflict, forbidden, notFound } from '../errors';
import type { FhirGateway } from '../fhir/gateway';
import { feedCapacity, needsWarning } from './capacity';
import type { Directory } from './directory';
import { normalPostcode, type Point } from './lookups';
import { localTime } from './opening';
import { result } from './search';
import { signLink } from './signed-link';

export interface DirectoryRouteDeps extends RouteDeps {
  readonly directory: Directory;
  /** The case's EHR endpoint's gateway: reads the person's Patient for their postcode. */
  readonly gatewayFor: (endpoint: string) => FhirGateway;
  readonly publicUrl: string;
  /** The postcode recorded for a person not on the EHR (a local-only case), if any. */
  readonly localPostcode?: (caseId: string) => Promise<string | undefined>;
}

const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;

async function casePoint(deps: DirectoryRouteDeps, req: Request, caseId: string): Promise<Point> {
  const found = await ownCase(
    deps,
    Object.assign(Object.create(req) as Request, { params: { caseId } }),
  );
  const patient =
    found.patientRef === undefined
      ? undefined
      : await deps
          .gatewayFor(found.endpoint)
          .read<Patient>('Patient', found.patientRef.replace(/^Patient\//, ''));
  const postcode =
    patient === undefined
      ? await deps.localPostcode?.(found.id)
      : patient.address?.find((a) => a.postalCode !== undefined)?.postalCode;
  const point =
    postcode === undefined ? undefined : deps.directory.postcodes.get(normalPostcode(postcode));
  if (point === undefined) {
    throw badRequest(
      "The person's address has no postcode the directory knows, so distance cannot be shown.",
      'caseId',
    );
  }
  return point;
}

/** The link workers' directory API: import, search, capacity, coordinator links, phoned-in reports. */
export function directoryRoutes(deps: DirectoryRouteDeps): Router {
  const router = Router();
  const dir = deps.directory;

  router.post('/directory/import', (_req, res) => {
    if (dir.config.feedUrl === undefined) {
      throw new ApiError(
        409,
        'no-feed',
        'No directory feed is configured (ADAPTER_DIRECTORY_FEED_URL).',
      );
    }
    const { report, alreadyRunning } = dir.startImport();
    res.status(alreadyRunning ? 200 : 202).json(report satisfies DirectoryImport);
  });

  router.get('/directory/import/:id', (req, res) => {
    const report = dir.report(req.params.id);
    if (report === undefined) throw notFound('There is no such import.');
    res.json(report satisfies DirectoryImport);
  });

  router.get('/directory/needs', (_req, res) => {
    res.json({ needs: [...dir.needTerms.keys()] });
  });

  router.get('/directory/services', async (req, res, next) => {
    // Without a feed the directory is what the FHIR server lists (fhir/service-directory.ts).
    if (dir.config.feedUrl === undefined) {
      next();
      return;
    }
    const {
      need,
      near: postcode,
      caseId,
      day,
      age,
      text,
      openNow,
      limit,
    } = parseWith(DirectoryQuery, { ...(req.query as Record<string, unknown>) });
    const terms = need === undefined ? undefined : dir.needTerms.get(need);
    if (need !== undefined && terms === undefined)
      throw badRequest(`"${need}" is not a need the directory maps.`, 'need');
    let near: Point | undefined;
    if (postcode !== undefined) {
      near = dir.postcodes.get(normalPostcode(postcode));
      if (near === undefined)
        throw badRequest(`${normalPostcode(postcode)} is not in the postcode lookup.`, 'near');
    } else if (caseId !== undefined) {
      near = await casePoint(deps, req, caseId);
    }
    const found = await dir.search.search({
      ...(terms === undefined ? {} : { terms }),
      ...(text === undefined ? {} : { text }),
      ...(near === undefined ? {} : { near }),
      ...(day === undefined ? {} : { day }),
      ...(age === undefined ? {} : { age }),
      openNow,
      ...(limit === undefined ? {} : { limit }),
    });
    res.json(found satisfies ServiceSearch);
  });

  router.get('/directory/services/:id', async (req, res) => {
    const id = req.params.id;
    const stored = FHIR_ID.test(id) ? await dir.store.service(id) : undefined;
    if (stored === undefined) throw notFound('That service is not in the imported directory.');
    const [capacity, records] = await Promise.all([
      dir.capacity.confirmed([id]),
      dir.progress.trackRecords([`HealthcareService/${id}`]),
    ]);
    res.json(
      result(
        id,
        stored.entry,
        undefined,
        capacity.get(id),
        records.get(`HealthcareService/${id}`),
        localTime(new Date(), dir.config.timeZone),
      ) satisfies ServiceResult,
    );
  });

  router.put('/directory/services/:id/capacity', async (req, res) => {
    const id = req.params.id;
    if (!FHIR_ID.test(id) || (await dir.store.service(id)) === undefined)
      throw notFound('That service is not in the imported directory.');
    const { state, expectedWaitWeeks: weeks, note } = parseWith(CapacityRequest, req.body);
    res.json(
      await dir.capacity.confirm(
        id,
        {
          state,
          ...(typeof weeks === 'number' ? { expectedWaitWeeks: weeks } : {}),
          ...(note === undefined ? {} : { note }),
        },
        worker(req).practitioner,
      ),
    );
  });

  router.post('/directory/services/:id/coordinator-link', async (req, res) => {
    const id = req.params.id;
    if (!FHIR_ID.test(id) || (await dir.store.service(id)) === undefined)
      throw notFound('That service is not in the imported directory.');
    const exp = Math.floor(Date.now() / 1000) + dir.config.linkDays * 86_400;
    res.status(201).json({
      url: `${deps.publicUrl}/coordinator/${signLink(dir.linkKey, { service: id, exp })}`,
      expiresAt: new Date(exp * 1000).toISOString(),
    });
  });

  // Before the record route adds it: a paused or closed service needs the link worker's say-so.
  router.post('/cases/:caseId/onward-referrals', async (req, _res, next) => {
    const { service, confirmCapacity } = parseWith(OnwardReferralRequest, req.body);
    const stored = await dir.store.service(service);
    if (stored === undefined) {
      next();
      return;
    }
    const capacity =
      (await dir.capacity.confirmed([service])).get(service) ??
      feedCapacity(stored.entry.status, stored.entry.assuredDate);
    if (needsWarning(capacity) && confirmCapacity !== true) {
      const since =
        capacity.confirmedAt === undefined
          ? ''
          : ` (confirmed ${capacity.confirmedAt.slice(0, 10)})`;
      throw new ApiError(
        409,
        'service-not-taking-referrals',
        `${stored.entry.name} is ${capacity.state === 'paused' ? 'paused' : 'closed'}${since}: it may not take this referral. Refer anyway only if the service agreed.`,
        'service',
      );
    }
    next();
  });

  router.post('/onward-referrals/:id/report', async (req, res) => {
    const found = await dir.progress.one(req.params.id);
    if (found === undefined) throw notFound('There is no such onward referral.');
    const owner = await deps.cases.getCase(found.caseId);
    if (owner?.serviceOrg !== worker(req).serviceOrg)
      throw forbidden('This referral belongs to another link-worker service.');
    const { state, reason } = parseWith(OnwardReportRequest, req.body);
    if (state === 'awaiting-reply')
      throw conflict('A referral cannot go back to awaiting a reply.');
    const updated = await dir.progress.report(
      found.id,
      state,
      reason,
      `${worker(req).practitioner} (told by the service)`,
    );
    deps.changed();
    res.json(updated);
  });

  return router;
}
