import type { Bundle, FhirResource, OperationOutcome } from 'fhir/r4';
import Client from 'fhir-kit-client';
import { outcomeText } from '@linkwell/profiles';
import { FhirGatewayError, type FhirGateway } from './gateway';

/** Supplies a Bearer token; `invalidate` drops a cached one after the server said 401. */
export interface TokenProvider {
  token(): Promise<string>;
  invalidate(): void;
}

interface KitError {
  response?: { status?: number; data?: unknown };
  message?: string;
}

function gatewayError(error: unknown): FhirGatewayError {
  const { response, message } = error as KitError;
  const status = response?.status;
  if (status === undefined) {
    return new FhirGatewayError(undefined, `FHIR server unreachable: ${message ?? String(error)}`);
  }
  const data = response?.data as OperationOutcome | undefined;
  const outcome = data?.resourceType === 'OperationOutcome' ? data : undefined;
  return new FhirGatewayError(
    status,
    `FHIR server answered HTTP ${status}${outcome ? `: ${outcomeText(outcome) ?? ''}` : ''}`,
    outcome,
  );
}

const REQUEST_TIMEOUT_MS = 60_000;

/** The only module that talks HTTP to the FHIR server (through fhir-kit-client). */
export function createKitGateway(baseUrl: string, tokens?: TokenProvider): FhirGateway {
  const client = new Client({ baseUrl });

  async function call<T>(run: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt += 1) {
      if (tokens) client.bearerToken = await tokens.token();
      try {
        return await run();
      } catch (error) {
        const failure = gatewayError(error);
        if (failure.status === 401 && tokens && attempt === 0) {
          tokens.invalidate();
          continue;
        }
        throw failure;
      }
    }
  }
  const options = (headers: Record<string, string> = {}) => ({
    headers: { 'content-type': 'application/fhir+json', ...headers },
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });

  return {
    transaction: (bundle) =>
      call(
        async () =>
          (await client.transaction({
            body: bundle as Bundle & { type: 'transaction' },
            options: options(),
          })) as Bundle,
      ),
    read: <T extends FhirResource>(resourceType: T['resourceType'], id: string) =>
      call(async () => (await client.read({ resourceType, id, options: options() })) as T),
    search: (resourceType, params) =>
      call(
        async () =>
          (await client.search({
            resourceType,
            // fhir-kit-client repeats a parameter given as a (mutable) list.
            searchParams: Object.fromEntries(
              Object.entries(params).map(([name, value]) => [
                name,
                typeof value === 'string' ? value : [...value],
              ]),
            ),
            options: options(),
          })) as Bundle,
      ),
    nextPage: (bundle) =>
      bundle.link?.some((link) => link.relation === 'next') === true
        ? call(async () => (await client.nextPage({ bundle, options: options() })) as Bundle)
        : Promise.resolve(undefined),
    request: (method, url, body, headers) =>
      call(async () => {
        const resource = (await client.request(url, {
          method,
          // fhir-kit-client serialises the body itself; its types say BodyInit.
          body: body as unknown as BodyInit,
          options: options(headers),
        })) as FhirResource;
        const response = Client.httpFor(resource).response as Response | undefined;
        return {
          resource,
          location: response?.headers.get('location') ?? undefined,
          etag: response?.headers.get('etag') ?? undefined,
        };
      }),
  };
}
