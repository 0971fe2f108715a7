import type { Response } from 'express';
import type { Bundle, FhirResource } from 'fhir/r4';
import { mayRead, unreadable, type AccessContext } from './access-policy';
import type { EhrConfig } from './config';
import type { Exchange } from './exchange';
import { forbidden, notKnown } from './outcome';
import { rebase, type UpstreamResponse } from './upstream';

const GONE_OR_MISSING = new Set([404, 410]);

function sameVersion(etag: string | null, ifNoneMatch: string): boolean {
  if (etag === null) return false;
  const bare = (tag: string): string => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || bare(tag) === bare(etag));
}

/** Batch reads of resources that are missing, deleted or not ours all become the same 404 entry. */
function hideUnknownEntries(bundle: Bundle, exchange: Exchange, access: AccessContext): Bundle {
  const entries = [...(bundle.entry ?? [])];
  for (const { index, reference } of exchange.reads ?? []) {
    const entry = entries[index];
    if (entry === undefined) continue;
    const status = Number.parseInt(entry.response?.status ?? '0', 10);
    const resource = entry.resource as FhirResource | undefined;
    const hidden =
      GONE_OR_MISSING.has(status) ||
      (status >= 200 && status < 300 && (resource === undefined || !mayRead(resource, access)));
    if (hidden) {
      entries[index] = {
        response: { status: '404 Not Found', outcome: notKnown(reference).toOutcome() },
      };
    }
  }
  return { ...bundle, entry: entries };
}

/**
 * Sends HAPI's answer on, after checking every resource in it against the token, with HAPI's base
 * replaced by the proxy's. Confined reads answer "not known" alike for missing and not ours, and a
 * 304 only after the resource was checked.
 */
export function respond(
  res: Response,
  config: EhrConfig,
  upstream: UpstreamResponse,
  exchange: Exchange,
  access: AccessContext | undefined,
  transform: (json: FhirResource) => FhirResource = (json) => json,
): void {
  let json = upstream.json;
  if (access !== undefined && exchange.answer === 'read') {
    const reference = exchange.reference ?? '';
    if (GONE_OR_MISSING.has(upstream.status)) throw notKnown(reference);
    if (upstream.status === 200 && (json === undefined || !mayRead(json, access)))
      throw notKnown(reference);
    if (
      upstream.status === 200 &&
      exchange.ifNoneMatch !== undefined &&
      sameVersion(upstream.headers.get('etag'), exchange.ifNoneMatch)
    ) {
      copyHeaders(res, config, upstream, ['etag', 'last-modified']);
      res.status(304).end();
      return;
    }
  }
  if (access !== undefined && exchange.answer === 'bundle' && json?.resourceType === 'Bundle') {
    json = hideUnknownEntries(json, exchange, access);
  }
  if (json !== undefined && access !== undefined && unreadable(json, access).length > 0) {
    throw forbidden("the response would include resources outside the token's scopes or patient");
  }
  if (json !== undefined) json = transform(json);
  copyHeaders(res, config, upstream, ['etag', 'last-modified', 'location', 'content-location']);
  res.status(upstream.status);
  if (upstream.text === '') {
    res.end();
    return;
  }
  res.setHeader('content-type', upstream.headers.get('content-type') ?? 'application/fhir+json');
  // end, not send: Express would add an ETag of its own and answer 304 on it.
  res.end(
    rebase(
      json === undefined ? upstream.text : JSON.stringify(json),
      config.fhirUpstream,
      config.fhirBase,
    ),
  );
}

function copyHeaders(
  res: Response,
  config: EhrConfig,
  upstream: UpstreamResponse,
  names: readonly string[],
): void {
  for (const name of names) {
    const value = upstream.headers.get(name);
    if (value !== null) res.setHeader(name, rebase(value, config.fhirUpstream, config.fhirBase));
  }
}
