import { Router, type Request } from 'express';
import { ApiError, RECORDED_REFERRAL_SOURCES, type ReferralSource } from '@linkwell/contracts';
import { REFERRAL_NEEDS, type ReferralNeed } from '@linkwell/profiles';
import { badRequest } from '../errors';
import { openFromSource, type IntakeDeps, type IntakeRequest } from '../intake/intake-service';
import type { LocalPerson } from '../intake/intake-store';
import { findPeople, type PeopleQuery } from '../intake/people-search';
import { ownCase, worker, type RouteDeps } from './case-routes';
import { date, objectBody, oneOf, optionalText, text, type Body } from './validate';

const NHS_NUMBER = /^\d{10}$/;
const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;

/** An NHS number: ten digits whose last is the modulus 11 check digit of the others. */
export function validNhsNumber(value: string): boolean {
  const digits = value.replace(/\s/g, '');
  if (!NHS_NUMBER.test(digits)) return false;
  const sum = Array.from(digits.slice(0, 9), Number).reduce((s, d, i) => s + d * (10 - i), 0);
  const check = 11 - (sum % 11);
  return (check === 11 ? 0 : check) === Number(digits[9]) && check !== 10;
}

function nhsNumber(body: Body, field: string): string | undefined {
  const value = optionalText(body, field, 20)?.replace(/\s/g, '');
  if (value !== undefined && !validNhsNumber(value)) {
    throw badRequest(`${field} must be a valid 10-digit NHS number.`, field);
  }
  return value;
}

const nested = (body: Body, field: string): Body => {
  const value = body[field];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw badRequest(`${field} is required and must be an object.`, field);
  }
  return value as Body;
};

/** Fields of a nested object report their full path (`source.reason`). */
function within<T>(prefix: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof ApiError && error.field !== undefined) {
      throw new ApiError(
        error.status,
        error.code,
        `${prefix}.${error.message}`,
        `${prefix}.${error.field}`,
      );
    }
    throw error;
  }
}

function person(body: Body): LocalPerson {
  const p = nested(body, 'person');
  return within('person', () => {
    const birthDate = date(p, 'birthDate');
    if (birthDate === undefined)
      throw badRequest('birthDate is required (YYYY-MM-DD).', 'birthDate');
    if (birthDate > new Date().toISOString().slice(0, 10)) {
      throw badRequest('birthDate must not be in the future.', 'birthDate');
    }
    return {
      given: text(p, 'given', 100),
      family: text(p, 'family', 100),
      birthDate,
      nhsNumber: nhsNumber(p, 'nhsNumber'),
      postcode: optionalText(p, 'postcode', 10)?.toUpperCase(),
      contact: optionalText(p, 'contact', 200),
    };
  });
}

function needs(body: Body): ReferralNeed[] {
  const value = body.needs;
  if (!Array.isArray(value) || value.length === 0) {
    throw badRequest('needs must list at least one need.', 'needs');
  }
  return value.map((need, i) => {
    const found = REFERRAL_NEEDS.find((n) => n === need);
    if (found === undefined)
      throw badRequest(`needs[${i}] must be one of ${REFERRAL_NEEDS.join(', ')}.`, `needs[${i}]`);
    return found;
  });
}

function source(body: Body): IntakeRequest['source'] {
  const s = nested(body, 'source');
  return within('source', () => {
    const kind = oneOf<Exclude<ReferralSource, 'gp'>>(s, 'kind', RECORDED_REFERRAL_SOURCES);
    const referrerName =
      kind === 'self' ? optionalText(s, 'referrerName', 200) : text(s, 'referrerName', 200);
    return {
      kind,
      referrerName,
      referrerOrganisation:
        kind === 'self' || kind === 'other'
          ? optionalText(s, 'referrerOrganisation', 200)
          : text(s, 'referrerOrganisation', 200),
      referrerContact: optionalText(s, 'referrerContact', 200),
      heardFrom: optionalText(s, 'heardFrom', 500),
      reason: text(s, 'reason', 2000),
    };
  });
}

function consent(body: Body): { writeBack: boolean; research: boolean } {
  const c = nested(body, 'consent');
  if (c.shareWithService !== true) {
    throw new ApiError(
      422,
      'no-consent',
      'The person must agree to the service keeping their details before a case is opened.',
      'consent.shareWithService',
    );
  }
  if (typeof c.writeBack !== 'boolean') {
    throw badRequest('consent.writeBack must be true or false.', 'consent.writeBack');
  }
  // Optional: research use is a separate choice, off unless the person agreed to it.
  if (c.research !== undefined && typeof c.research !== 'boolean') {
    throw badRequest('consent.research must be true or false.', 'consent.research');
  }
  return { writeBack: c.writeBack, research: c.research === true };
}

function who(body: Body): IntakeRequest['who'] {
  const hasPatient = body.patient !== undefined && body.patient !== null;
  const hasPerson = body.person !== undefined && body.person !== null;
  if (hasPatient === hasPerson) {
    throw badRequest(
      'Give either patient (found on the EHR) or person (not registered), not both.',
      'patient',
    );
  }
  if (hasPerson) return { person: person(body) };
  const ref = body.patient;
  if (typeof ref !== 'string' || !ref.startsWith('Patient/') || !FHIR_ID.test(ref.slice(8))) {
    throw badRequest('patient must be a reference Patient/<id>.', 'patient');
  }
  return { patient: ref as `Patient/${string}` };
}

function peopleQuery(req: Request): PeopleQuery {
  const q = objectBody({ ...(req.query as Record<string, unknown>) });
  const nhs = nhsNumber(q, 'nhsNumber');
  if (nhs !== undefined) return { nhsNumber: nhs };
  if (q.family === undefined) {
    throw badRequest('Search by nhsNumber, or by family and birthDate.', 'family');
  }
  const birthDate = date(q, 'birthDate');
  if (birthDate === undefined)
    throw badRequest('birthDate is required with family (YYYY-MM-DD).', 'birthDate');
  return { family: text(q, 'family', 100), given: optionalText(q, 'given', 100), birthDate };
}

/** Referrals from anyone: find the person, open a case from another source, a case's sources. */
export function intakeRoutes(deps: RouteDeps & IntakeDeps): Router {
  const router = Router();

  router.get('/people', async (req, res) => {
    const query = peopleQuery(req);
    res.json({ people: await findPeople(deps.gateway, query) });
  });

  router.post('/referrals', async (req, res) => {
    const body = objectBody(req.body);
    // Read in the order the form asks, so the first problem named is the first on the page.
    const request: Omit<IntakeRequest, 'recordedBy' | 'serviceOrg'> = {
      source: source(body),
      who: who(body),
      needs: needs(body),
      ...consent(body),
    };
    const me = worker(req);
    const result = await openFromSource(deps, {
      ...request,
      serviceOrg: me.serviceOrg,
      recordedBy: {
        reference: me.practitioner,
        display: (await deps.names?.nameOf(me.practitioner)) ?? 'Link worker',
      },
    });
    if (!result.linked) deps.changed();
    res.status(result.linked ? 200 : 201).json(result);
  });

  router.get('/cases/:caseId/sources', async (req, res) => {
    const found = await ownCase(deps, req);
    const sources = await deps.intake.sources(found.id);
    // A case opened from a GP's Task before sources were recorded has the GP as its first source.
    const gpFirst =
      found.taskId !== undefined &&
      found.task?.requester?.reference !== `Organization/${found.serviceOrg}` &&
      !sources.some((s) => s.taskId === found.taskId);
    res.json({
      local: found.taskId === undefined,
      person: (await deps.intake.person(found.id)) ?? null,
      sources: [
        ...(gpFirst
          ? [{ kind: 'gp', needs: [], taskId: found.taskId, recordedAt: found.receivedAt }]
          : []),
        ...sources.map((s) => ({ ...s, caseId: undefined })),
      ],
    });
  });

  return router;
}
