import type { Bundle, BundleEntry, FhirResource } from 'fhir/r4';
import { decideRequest, mayWrite, type AccessContext } from './access-policy';
import { classifyRequest, splitRelativeUrl } from './fhir-request';

/** A resource a confined entry will change, to be checked in the compartment before forwarding. */
export interface ExistingCheck {
  resourceType: string;
  id: string;
  entry: number;
}

export interface BundlePlan {
  /** One line per refused entry (`entry[2]: …`); the whole Bundle is refused when any. */
  problems: string[];
  existing: ExistingCheck[];
  /** The Bundle to forward: confined search entries carry the patient in their URL. */
  bundle: Bundle;
}

function planEntry(
  entry: BundleEntry,
  index: number,
  access: AccessContext,
  existing: ExistingCheck[],
): { problem?: string; entry: BundleEntry } {
  const label = `entry[${index}]`;
  const method = entry.request?.method;
  const url = entry.request?.url;
  if (method === undefined || url === undefined || url === '') {
    return { problem: `${label}: request.method and request.url are required`, entry };
  }
  if (/^[a-z]+:/i.test(url)) return { problem: `${label}: request.url must be relative`, entry };
  const { path, query } = splitRelativeUrl(url);
  const request = classifyRequest(method, path, query);
  if (['bundle', 'page', 'capabilities'].includes(request.interaction)) {
    return { problem: `${label}: ${method} ${url} is not allowed inside a Bundle`, entry };
  }
  const decision = decideRequest(request, query, access);
  if (!decision.allowed) return { problem: `${label}: ${decision.reason}`, entry };
  if (!decision.confined) return { entry };
  const body = entry.resource as FhirResource | undefined;
  if ((request.interaction === 'create' || request.interaction === 'update') && body) {
    if (body.resourceType !== request.resourceType || !mayWrite(body, access)) {
      return {
        problem: `${label}: the resource is not in the launch patient's compartment`,
        entry,
      };
    }
  }
  if (
    ['update', 'patch', 'delete'].includes(request.interaction) &&
    request.resourceType !== undefined &&
    request.id !== undefined
  ) {
    existing.push({ resourceType: request.resourceType, id: request.id, entry: index });
  }
  if (request.interaction !== 'search') return { entry };
  const confinedUrl = `${path}?${decision.query.toString()}`;
  return { entry: { ...entry, request: { ...entry.request, method, url: confinedUrl } } };
}

/** Checks every entry of a batch or transaction against the token before any of it reaches HAPI. */
export function planBundle(bundle: Bundle, access: AccessContext): BundlePlan {
  if (bundle.type !== 'batch' && bundle.type !== 'transaction') {
    return {
      problems: [
        `only batch and transaction Bundles can be POSTed to the base, not "${bundle.type}"`,
      ],
      existing: [],
      bundle,
    };
  }
  const problems: string[] = [];
  const existing: ExistingCheck[] = [];
  const entries = (bundle.entry ?? []).map((entry, index) => {
    const planned = planEntry(entry, index, access, existing);
    if (planned.problem !== undefined) problems.push(planned.problem);
    return planned.entry;
  });
  return { problems, existing, bundle: { ...bundle, entry: entries } };
}
