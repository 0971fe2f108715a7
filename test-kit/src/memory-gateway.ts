import type { Bundle, BundleEntry, FhirResource } from 'fhir/r4';
import {
  FhirGatewayError,
  type FhirGateway,
  type SearchParams,
} from '@linkwell/fhir-server-adapter';

/**
 * An in-memory FHIR server for unit tests and benchmarks: transactions with conditional create on
 * identifier, If-Match versions, urn:uuid resolution, reads, searches by _id, Task owner and
 * Consent actor (no _include), and batches of identifier searches. `failNext`
 * injects failures (network, 412, 422...).
 */
function withoutMeta(resource: FhirResource): FhirResource {
  const copy = { ...resource };
  delete copy.meta;
  return copy;
}

export class MemoryGateway implements FhirGateway {
  readonly resources = new Map<string, FhirResource>();
  /** Every write the server applied (creates and updates that changed something). */
  writes = 0;
  requests = 0;
  private nextId = 1;
  private readonly failures: (number | undefined)[] = [];

  /** The next calls fail: a status, or undefined for "no answer". */
  failNext(...statuses: (number | undefined)[]): void {
    this.failures.push(...statuses);
  }

  put(resource: FhirResource & { id: string }): void {
    this.resources.set(`${resource.resourceType}/${resource.id}`, {
      ...resource,
      meta: { versionId: '1', lastUpdated: new Date().toISOString() },
    });
  }

  all<T extends FhirResource>(type: T['resourceType']): T[] {
    return [...this.resources.values()].filter((r): r is T => r.resourceType === type);
  }

  private failMaybe(): void {
    this.requests += 1;
    if (this.failures.length === 0) return;
    const status = this.failures.shift();
    throw new FhirGatewayError(
      status,
      `injected ${status ?? 'network'} failure`,
      status === undefined
        ? undefined
        : {
            resourceType: 'OperationOutcome',
            issue: [{ severity: 'error', code: 'processing', diagnostics: `injected ${status}` }],
          },
    );
  }

  private findByIdentifier(type: string, query: string): FhirResource | undefined {
    const [system, value] = decodeURIComponent(query.replace(/^identifier=/, '')).split('|');
    return [...this.resources.values()].find((r) => {
      if (r.resourceType !== type) return false;
      const ids = (
        r as {
          identifier?: { system?: string; value?: string }[] | { system?: string; value?: string };
        }
      ).identifier;
      return (Array.isArray(ids) ? ids : ids ? [ids] : []).some(
        (i) => i.system === system && i.value === value,
      );
    });
  }

  private apply(
    entry: BundleEntry,
    resolved: Map<string, string>,
  ): { location: string; status: string } {
    const method = entry.request?.method;
    const url = entry.request?.url ?? '';
    let json = JSON.stringify(entry.resource);
    for (const [from, to] of resolved) json = json.split(from).join(to);
    const resource = JSON.parse(json) as FhirResource;
    if (method === 'POST') {
      const existing = entry.request?.ifNoneExist
        ? this.findByIdentifier(url, entry.request.ifNoneExist)
        : undefined;
      const stored = existing ?? {
        ...resource,
        id: String(this.nextId++),
        meta: { versionId: '1', lastUpdated: new Date().toISOString() },
      };
      if (existing === undefined) {
        this.resources.set(`${url}/${stored.id ?? ''}`, stored);
        this.writes += 1;
      }
      if (entry.fullUrl) resolved.set(entry.fullUrl, `${url}/${stored.id ?? ''}`);
      return {
        location: `${url}/${stored.id ?? ''}/_history/${stored.meta?.versionId ?? '1'}`,
        status: existing ? '200 OK' : '201 Created',
      };
    }
    if (method === 'PUT') {
      const current = this.resources.get(url);
      const ifMatch = entry.request?.ifMatch;
      if (
        ifMatch !== undefined &&
        current !== undefined &&
        ifMatch !== `W/"${current.meta?.versionId ?? ''}"`
      ) {
        throw new FhirGatewayError(412, `version conflict on ${url}`, {
          resourceType: 'OperationOutcome',
          issue: [{ severity: 'error', code: 'conflict', diagnostics: 'version conflict' }],
        });
      }
      const incoming = withoutMeta(resource);
      const currentBody = current === undefined ? {} : withoutMeta(current);
      if (current !== undefined && JSON.stringify(incoming) === JSON.stringify(currentBody)) {
        return { location: `${url}/_history/${current.meta?.versionId ?? '1'}`, status: '200 OK' };
      }
      const version = String(Number(current?.meta?.versionId ?? '0') + 1);
      this.resources.set(url, {
        ...incoming,
        meta: { versionId: version, lastUpdated: new Date().toISOString() },
      });
      this.writes += 1;
      return { location: `${url}/_history/${version}`, status: current ? '200 OK' : '201 Created' };
    }
    throw new FhirGatewayError(400, `unsupported ${method ?? '?'} in memory gateway`);
  }

  transaction(bundle: Bundle): Promise<Bundle> {
    this.failMaybe();
    if (bundle.type === 'batch') return Promise.resolve(this.searchBatch(bundle));
    const snapshot = new Map(this.resources);
    const writes = this.writes;
    const resolved = new Map<string, string>();
    try {
      const entry = (bundle.entry ?? []).map((e) => ({ response: this.apply(e, resolved) }));
      return Promise.resolve({ resourceType: 'Bundle', type: 'transaction-response', entry });
    } catch (error) {
      this.resources.clear();
      for (const [k, v] of snapshot) this.resources.set(k, v);
      this.writes = writes;
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  /** A batch of `<type>?identifier=<system>|<value>` searches (what sync/adopt-created.ts sends). */
  private searchBatch(bundle: Bundle): Bundle {
    const entry = (bundle.entry ?? []).map((e) => {
      const [type = '', query = ''] = (e.request?.url ?? '').split('?');
      if (e.request?.method !== 'GET' || !query.startsWith('identifier=')) {
        throw new FhirGatewayError(400, 'only identifier searches in a memory-gateway batch');
      }
      const found = this.findByIdentifier(type, query);
      const resource: Bundle = {
        resourceType: 'Bundle',
        type: 'searchset',
        entry: found === undefined ? [] : [{ resource: found }],
      };
      return { resource, response: { status: '200 OK' } };
    });
    return { resourceType: 'Bundle', type: 'batch-response', entry };
  }

  read<T extends FhirResource>(resourceType: T['resourceType'], id: string): Promise<T> {
    this.failMaybe();
    const found = this.resources.get(`${resourceType}/${id}`);
    return found
      ? Promise.resolve(found as T)
      : Promise.reject(new FhirGatewayError(404, `${resourceType}/${id} not found`));
  }

  search(resourceType: string, params: SearchParams): Promise<Bundle> {
    this.failMaybe();
    const one = (name: string): string | undefined => {
      const value = params[name];
      return typeof value === 'string' ? value : value?.[0];
    };
    const after = one('_lastUpdated')?.replace(/^gt/, '');
    const ids = one('_id')?.split(',');
    const owner = one('owner');
    const actor = one('actor');
    const matches = [...this.resources.values()].filter(
      (r) =>
        r.resourceType === resourceType &&
        (ids === undefined || ids.includes(r.id ?? '')) &&
        (owner === undefined ||
          (r as { owner?: { reference?: string } }).owner?.reference === owner) &&
        (actor === undefined ||
          (r.resourceType === 'Consent' &&
            (r.provision?.actor ?? []).some((a) => a.reference.reference === actor))) &&
        (after === undefined || Date.parse(r.meta?.lastUpdated ?? '') > Date.parse(after)),
    );
    return Promise.resolve({
      resourceType: 'Bundle',
      type: 'searchset',
      entry: matches.map((resource) => ({ resource })),
    });
  }

  nextPage(): Promise<Bundle | undefined> {
    return Promise.resolve(undefined);
  }

  async request(
    method: 'GET' | 'POST' | 'PUT',
    url: string,
    body?: FhirResource,
    headers: Record<string, string> = {},
  ) {
    if (method === 'GET') {
      const [type = '', id = ''] = url.split('/');
      return { resource: await this.read(type as FhirResource['resourceType'], id) };
    }
    this.failMaybe();
    const answer = this.apply(
      {
        resource: body,
        request: {
          method,
          url,
          ifNoneExist: headers['if-none-exist'],
          ifMatch: headers['if-match'],
        },
      },
      new Map(),
    );
    return { resource: undefined, location: answer.location };
  }
}
