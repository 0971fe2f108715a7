import { badRequest } from './outcome';

/**
 * A request URL relative to the FHIR base, parsed once. The proxy decides on this form and rebuilds
 * the upstream URL from it, so HAPI (Jetty) never sees a spelling the policy did not.
 */
export interface ParsedUrl {
  /** Path segments, e.g. `['Observation', '123', '_history', '2']`; empty for the base. */
  readonly segments: readonly string[];
  /** Decoded query parameters in order, `_format` removed (the proxy only speaks JSON). */
  readonly query: URLSearchParams;
}

/** Letters, digits and the few marks FHIR paths use (`-`, `.`, `_`, `$`); nothing encoded. */
const SEGMENT = /^[A-Za-z0-9\-._$]{1,64}$/;
const DROPPED_PARAMS = new Set(['_format']);

function refuse(reason: string): never {
  throw badRequest(`the request URL was refused: ${reason}`);
}

function parsePath(path: string): string[] {
  if (path === '' || path === '/') return [];
  const trimmed = path.startsWith('/') ? path.slice(1) : path;
  const segments = trimmed.split('/');
  for (const segment of segments) {
    if (segment === '') refuse('empty path segments are not allowed');
    if (segment === '.' || segment === '..') refuse('dot segments are not allowed');
    // Percent-encoding (%2F, %2E, %5C, %00 …), backslashes, `;` path parameters and the like.
    if (!SEGMENT.test(segment)) refuse('a path segment holds characters FHIR paths do not use');
  }
  return segments;
}

function decode(text: string): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return refuse('malformed percent-encoding in the query');
  }
  // NUL and other control characters have no place in FHIR search values.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(decoded)) refuse('control characters in the query');
  return decoded;
}

function parseQuery(search: string): URLSearchParams {
  const query = new URLSearchParams();
  if (search === '') return query;
  for (const pair of search.split('&')) {
    if (pair === '') continue;
    const at = pair.indexOf('=');
    const name = decode(at === -1 ? pair : pair.slice(0, at));
    const value = at === -1 ? '' : decode(pair.slice(at + 1));
    if (!/^[A-Za-z_][A-Za-z0-9\-_.:]*$/.test(name)) refuse('a query parameter name is not valid');
    if (!DROPPED_PARAMS.has(name)) query.append(name, value);
  }
  return query;
}

/**
 * Parses the URL of a request to the proxy, relative to its mount (`/Observation/1?x=y`), or a
 * Bundle entry's relative `request.url` (`Observation?x=y`). Throws a 400 OperationOutcome on dot
 * or empty segments, encoded separators, a fragment, NUL or malformed encoding.
 */
export function parseRequestUrl(raw: string): ParsedUrl {
  if (raw.includes('#')) refuse('a fragment is not allowed');
  const at = raw.indexOf('?');
  const path = at === -1 ? raw : raw.slice(0, at);
  const search = at === -1 ? '' : raw.slice(at + 1);
  return { segments: parsePath(path), query: parseQuery(search) };
}

/** The canonical relative URL for a parsed request: what HAPI receives after the base. */
export function canonicalUrl(segments: readonly string[], query: URLSearchParams): string {
  const text = query.toString();
  return `${segments.join('/')}${text === '' ? '' : `?${text}`}`;
}
