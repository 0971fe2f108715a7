import type { Bundle, BundleEntry, FhirResource } from 'fhir/r4';
import { decideRequest, type AccessContext } from './access-policy';
import { classifyRequest } from './fhir-request';
import { OperationOutcomeError } from './outcome';
import { canonicalUrl, parseRequestUrl, type ParsedUrl } from './request-url';
import { wideReachProblem } from './search-reach';
import { confineSearch } from './search-policy';
import { checkWrite } from './write-policy';

/** A resource a confined entry will change, to be checked as the launch patient's before forwarding. */
export interface ExistingCheck {
  reference: string;
  entry: number;
}

/** Patient-compartment resources a confined entry's body refers to, to be checked as ours. */
export interface TargetCheck {
  references: readonly string[];
  entry: number;
}

export interface BundlePlan {
  /** One line per refused entry (`entry[2]: …`); the whole Bundle is refused when any. */
  problems: string[];
  existing: ExistingCheck[];
  targets: TargetCheck[];
  /** Confined read entries: their responses answer "not known" alike for missing and not ours. */
  reads: number[];
  /** The Bundle to forward: canonical URLs, confined searches and conditional-create criteria. */
  bundle: Bundle;
}

interface EntryPlan {
  problem?: string;
  entry: BundleEntry;
}

function parseEntryUrl(url: string): ParsedUrl | string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(url)) return 'request.url must be relative';
  try {
    return parseRequestUrl(url);
  } catch (error) {
    if (error instanceof OperationOutcomeError) return error.message;
    throw error;
  }
}

function planEntry(
  entry: BundleEntry,
  index: number,
  access: AccessContext,
  fhirBase: string,
  bundleUrls: ReadonlySet<string>,
  plan: BundlePlan,
): EntryPlan {
  const transaction = plan.bundle.type === 'transaction';
  const method = entry.request?.method;
  const url = entry.request?.url;
  if (entry.request === undefined || method === undefined || url === undefined || url === '') {
    return { problem: 'request.method and request.url are required', entry };
  }
  const parsed = parseEntryUrl(url);
  if (typeof parsed === 'string') return { problem: parsed, entry };
  const request = classifyRequest(method, parsed.segments, parsed.query);
  const ifNoneExist = entry.request.ifNoneExist;
  if (request.interaction === 'create' && ifNoneExist !== undefined) request.conditional = true;
  if (['bundle', 'page', 'capabilities'].includes(request.interaction)) {
    return { problem: `${method} ${url} is not allowed inside a Bundle`, entry };
  }
  const decision = decideRequest(request, parsed.query, access);
  if (!decision.allowed) return { problem: decision.reason, entry };
  const forwarded = { ...entry.request, url: canonicalUrl(parsed.segments, decision.query) };
  if (!decision.confined) {
    if (ifNoneExist !== undefined) {
      const criteria = parseRequestUrl(`?${ifNoneExist}`).query;
      const reach = wideReachProblem(criteria, access.scopes);
      if (reach !== null) return { problem: `ifNoneExist: ${reach}`, entry };
      forwarded.ifNoneExist = criteria.toString();
    }
    return { entry: { ...entry, request: forwarded } };
  }
  const patient = access.patient ?? '';
  const reference = `${request.resourceType ?? ''}/${request.id ?? ''}`;
  switch (request.interaction) {
    case 'read':
    case 'vread':
      // In a transaction a missing resource fails the whole Bundle, another patient's would not.
      if (transaction)
        return { problem: 'reads in a transaction are not available with patient/ scopes', entry };
      // A 304 would tell that the resource exists; the full answer is checked instead.
      delete forwarded.ifNoneMatch;
      delete forwarded.ifModifiedSince;
      plan.reads.push(index);
      return { entry: { ...entry, request: forwarded } };
    case 'search':
      return { entry: { ...entry, request: forwarded } };
    case 'create':
    case 'update': {
      const body = entry.resource as FhirResource | undefined;
      if (body === undefined || body.resourceType !== request.resourceType) {
        return { problem: `the resource must be a ${request.resourceType ?? ''}`, entry };
      }
      if (request.interaction === 'update' && body.id !== request.id) {
        return { problem: 'the resource id must match request.url', entry };
      }
      const check = checkWrite(body, { patient, fhirBase, bundleUrls });
      if (check.problem !== undefined) return { problem: check.problem, entry };
      plan.targets.push({ references: check.resolve, entry: index });
      if (request.interaction === 'update') plan.existing.push({ reference, entry: index });
      if (ifNoneExist !== undefined) {
        const criteria = confineSearch(
          body.resourceType,
          parseRequestUrl(`?${ifNoneExist}`).query,
          patient,
          true,
        );
        if (!criteria.allowed) return { problem: `ifNoneExist: ${criteria.reason}`, entry };
        forwarded.ifNoneExist = criteria.query.toString();
      }
      return { entry: { ...entry, request: forwarded } };
    }
    case 'delete':
      plan.existing.push({ reference, entry: index });
      return { entry: { ...entry, request: forwarded } };
    case 'history':
    case 'patch':
    case 'bundle':
    case 'page':
    case 'capabilities':
    case 'unsupported':
      return {
        problem: `${method} ${url} is not available in a Bundle with patient/ scopes`,
        entry,
      };
  }
}

/** Checks every entry of a batch or transaction against the token before any of it reaches HAPI. */
export function planBundle(bundle: Bundle, access: AccessContext, fhirBase: string): BundlePlan {
  const plan: BundlePlan = { problems: [], existing: [], targets: [], reads: [], bundle };
  if (bundle.type !== 'batch' && bundle.type !== 'transaction') {
    plan.problems.push(
      `only batch and transaction Bundles can be POSTed to the base, not "${bundle.type}"`,
    );
    return plan;
  }
  const entries = bundle.entry ?? [];
  // Placeholders a body may refer to: the entries that write (and so are checked themselves).
  const bundleUrls = new Set(
    entries.flatMap((entry) =>
      entry.fullUrl !== undefined && ['POST', 'PUT'].includes(entry.request?.method ?? '')
        ? [entry.fullUrl]
        : [],
    ),
  );
  const planned = entries.map((entry, index) => {
    try {
      const result = planEntry(entry, index, access, fhirBase, bundleUrls, plan);
      if (result.problem !== undefined) plan.problems.push(`entry[${index}]: ${result.problem}`);
      return result.entry;
    } catch (error) {
      if (!(error instanceof OperationOutcomeError)) throw error;
      plan.problems.push(`entry[${index}]: ${error.message}`);
      return entry;
    }
  });
  plan.bundle = { ...bundle, entry: planned };
  return plan;
}
