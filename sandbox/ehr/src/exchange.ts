import type { FhirResource } from 'fhir/r4';
import { mayRead, type AccessContext } from './access-policy';
import { planBundle } from './bundle-policy';
import { checkConfinedWrite, checkTargets, ifMatchFor, loadOwn } from './confined-checks';
import type { EhrConfig } from './config';
import type { FhirRequest } from './fhir-request';
import { applyJsonPatch } from './json-patch';
import { badRequest, forbidden, notKnown, OperationOutcomeError } from './outcome';
import { parseRequestUrl } from './request-url';
import { wideReachProblem } from './search-reach';
import { confineSearch } from './search-policy';
import { callUpstream } from './upstream';

/** What the proxy forwards, built only from what it checked, and how to read HAPI's answer. */
export interface Exchange {
  method: string;
  /** Relative to the FHIR base: canonical path and query. */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  body?: string;
  /** `read`: missing and not ours answer alike; `bundle`: so do the listed read entries. */
  answer: 'read' | 'bundle' | 'plain';
  reference?: string;
  ifNoneMatch?: string;
  reads?: { index: number; reference: string }[];
}

export interface Incoming {
  request: FhirRequest;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  rawBody: string;
}

const FHIR_JSON = 'application/fhir+json';

function pick(headers: Record<string, string>, names: readonly string[]): Record<string, string> {
  return Object.fromEntries(
    names.flatMap((name) => (name in headers ? [[name, headers[name] ?? '']] : [])),
  );
}

function jsonBody(raw: string): FhirResource {
  try {
    return JSON.parse(raw) as FhirResource;
  } catch {
    throw badRequest('the request body must be FHIR JSON');
  }
}

/** user/ and system/ scopes: by type and interaction; the request is still rebuilt from its parse. */
export function wideExchange(incoming: Incoming, access: AccessContext): Exchange {
  const { request, headers, rawBody } = incoming;
  const sent = pick(headers, ['prefer', 'if-match', 'if-none-match', 'if-modified-since']);
  const criteria = headers['if-none-exist'];
  if (request.interaction === 'create' && criteria !== undefined) {
    const parsed = parseRequestUrl(`?${criteria}`).query;
    const reach = wideReachProblem(parsed, access.scopes);
    if (reach !== null) throw forbidden(`If-None-Exist: ${reach}`);
    sent['if-none-exist'] = parsed.toString();
  }
  const base = {
    method: methodOf(request),
    path: incoming.path,
    query: incoming.query,
    answer: 'plain' as const,
  };
  if (!['create', 'update', 'patch'].includes(request.interaction) || rawBody === '') {
    return { ...base, headers: sent };
  }
  if (request.interaction === 'patch') {
    sent['content-type'] = headers['content-type'] ?? FHIR_JSON;
    return { ...base, headers: sent, body: rawBody };
  }
  sent['content-type'] = FHIR_JSON;
  return { ...base, headers: sent, body: JSON.stringify(jsonBody(rawBody)) };
}

function methodOf(request: FhirRequest): string {
  const methods: Partial<Record<FhirRequest['interaction'], string>> = {
    create: 'POST',
    update: 'PUT',
    patch: 'PATCH',
    delete: 'DELETE',
    bundle: 'POST',
  };
  return methods[request.interaction] ?? 'GET';
}

/** patient/ scopes: every change checked on the stored resource and on its result. */
export async function confinedExchange(
  config: EhrConfig,
  incoming: Incoming,
  access: AccessContext,
): Promise<Exchange> {
  const { request, headers, rawBody, path, query } = incoming;
  const patient = access.patient ?? '';
  const type = request.resourceType ?? '';
  const reference = `${type}/${request.id ?? ''}`;
  const context = { patient, fhirBase: config.fhirBase };
  const prefer = pick(headers, ['prefer']);
  const base = { method: methodOf(request), path, query, answer: 'plain' as const };
  switch (request.interaction) {
    case 'read':
    case 'vread':
      return {
        ...base,
        headers: prefer,
        answer: 'read',
        reference: path,
        ...(headers['if-none-match'] === undefined
          ? {}
          : { ifNoneMatch: headers['if-none-match'] }),
      };
    case 'history': {
      const current = await callUpstream(`${config.fhirUpstream}/${reference}`, 'GET', {});
      if (current.status !== 200 || current.json === undefined || !mayRead(current.json, access))
        throw notKnown(reference);
      return { ...base, headers: prefer };
    }
    case 'search':
      return { ...base, headers: prefer };
    case 'create': {
      const body = jsonBody(rawBody);
      if (body.resourceType !== type) throw badRequest(`the body must be a ${type}`);
      await checkConfinedWrite(config, body, context);
      const sent: Record<string, string> = { ...prefer, 'content-type': FHIR_JSON };
      const criteria = headers['if-none-exist'];
      if (criteria !== undefined) {
        const confined = confineSearch(type, parseRequestUrl(`?${criteria}`).query, patient, true);
        if (!confined.allowed) throw forbidden(`If-None-Exist: ${confined.reason}`);
        sent['if-none-exist'] = confined.query.toString();
      }
      return { ...base, headers: sent, body: JSON.stringify(body) };
    }
    case 'update':
    case 'patch': {
      const own = await loadOwn(config, reference, patient);
      const body =
        request.interaction === 'patch'
          ? applyJsonPatch(own.resource, headers['content-type'], rawBody)
          : jsonBody(rawBody);
      if (body.resourceType !== type || body.id !== request.id) {
        throw badRequest(`the body must be ${reference}`);
      }
      await checkConfinedWrite(config, body, context);
      const ifMatch = ifMatchFor(headers['if-match'], own);
      // A checked patch goes on as the update of exactly the checked result.
      return {
        ...base,
        method: 'PUT',
        headers: {
          ...prefer,
          'content-type': FHIR_JSON,
          ...(ifMatch ? { 'if-match': ifMatch } : {}),
        },
        body: JSON.stringify(body),
      };
    }
    case 'delete':
      await loadOwn(config, reference, patient);
      return { ...base, headers: { ...prefer, ...pick(headers, ['if-match']) } };
    case 'bundle':
    case 'capabilities':
    case 'page':
    case 'unsupported':
      throw forbidden(`${request.interaction} is not available with patient/ scopes`);
  }
}

/** A batch or transaction: every entry checked (and confined ones rebuilt) before HAPI sees any. */
export async function bundleExchange(
  config: EhrConfig,
  incoming: Incoming,
  access: AccessContext,
): Promise<Exchange> {
  const body = jsonBody(incoming.rawBody);
  if (body.resourceType !== 'Bundle')
    throw badRequest('POST to the FHIR base takes a batch or transaction Bundle');
  const plan = planBundle(body, access, config.fhirBase);
  const entries = plan.bundle.entry ?? [];
  const patient = access.patient ?? '';
  for (const check of plan.existing) {
    try {
      const own = await loadOwn(config, check.reference, patient);
      const request = entries[check.entry]?.request;
      if (request !== undefined && request.method === 'PUT') {
        request.ifMatch = ifMatchFor(request.ifMatch, own);
      }
    } catch (error) {
      if (!(error instanceof OperationOutcomeError)) throw error;
      plan.problems.push(`entry[${check.entry}]: ${error.message}`);
    }
  }
  if (plan.problems.length > 0)
    throw forbidden(`the Bundle was refused: ${plan.problems.join('; ')}`);
  for (const check of plan.targets) {
    await checkTargets(config, check.references, patient, `entry[${check.entry}]`);
  }
  return {
    method: 'POST',
    path: '',
    query: new URLSearchParams(),
    headers: { ...pick(incoming.headers, ['prefer']), 'content-type': FHIR_JSON },
    body: JSON.stringify(plan.bundle),
    answer: 'bundle',
    reads: plan.reads.map((index) => ({
      index,
      reference: entries[index]?.request?.url ?? '',
    })),
  };
}
