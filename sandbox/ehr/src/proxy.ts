import express, { type Request, type Response, Router } from 'express';
import type { CapabilityStatement, FhirResource } from 'fhir/r4';
import { decideRequest, mayWrite, unreadable, type AccessContext } from './access-policy';
import { planBundle } from './bundle-policy';
import { inPatientCompartment } from './compartment';
import type { EhrConfig } from './config';
import { classifyRequest, type FhirRequest } from './fhir-request';
import { badRequest, forbidden } from './outcome';
import { smartConfiguration } from './smart-configuration';
import type { TokenVerifier } from './token-verifier';
import { callUpstream, rebase, type UpstreamResponse } from './upstream';

interface ProxyDeps {
  verify: TokenVerifier;
}

function parseBody(req: Request): FhirResource | undefined {
  const raw = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
  if (raw === '') return undefined;
  try {
    return JSON.parse(raw) as FhirResource;
  } catch {
    throw badRequest('the request body must be FHIR JSON');
  }
}

function withSecurity(config: EhrConfig, statement: CapabilityStatement): CapabilityStatement {
  const oauth = smartConfiguration(config);
  const extension = [
    { url: 'token', valueUri: String(oauth.token_endpoint) },
    { url: 'authorize', valueUri: String(oauth.authorization_endpoint) },
    { url: 'revoke', valueUri: String(oauth.revocation_endpoint) },
  ];
  return {
    ...statement,
    rest: (statement.rest ?? []).map((rest) => ({
      ...rest,
      security: {
        service: [
          {
            coding: [
              {
                system: 'http://terminology.hl7.org/CodeSystem/restful-security-service',
                code: 'SMART-on-FHIR',
              },
            ],
          },
        ],
        extension: [
          {
            url: 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris',
            extension,
          },
        ],
      },
    })),
  };
}

/** Refuses a confined change to a resource that exists outside the launch patient's compartment. */
async function checkExisting(
  config: EhrConfig,
  reference: string,
  access: AccessContext,
): Promise<void> {
  const current = await callUpstream(`${config.fhirUpstream}/${reference}`, 'GET', {});
  if (current.status === 404 || current.status === 410) return;
  if (
    current.json === undefined ||
    access.patient === undefined ||
    !inPatientCompartment(current.json, access.patient)
  ) {
    throw forbidden(`${reference} is not in the launch patient's compartment`);
  }
}

async function checkRequestBody(
  config: EhrConfig,
  request: FhirRequest,
  body: FhirResource | undefined,
  access: AccessContext,
): Promise<string | undefined> {
  if (request.interaction === 'bundle') {
    if (body?.resourceType !== 'Bundle')
      throw badRequest('POST to the FHIR base takes a batch or transaction Bundle');
    const plan = planBundle(body, access);
    if (plan.problems.length > 0)
      throw forbidden(`the Bundle was refused: ${plan.problems.join('; ')}`);
    for (const check of plan.existing)
      await checkExisting(config, `${check.resourceType}/${check.id}`, access);
    return JSON.stringify(plan.bundle);
  }
  return body === undefined ? undefined : JSON.stringify(body);
}

/** `/fhir`: discovery and capabilities in the open, everything else behind a checked token. */
export function fhirProxy(config: EhrConfig, deps: ProxyDeps): Router {
  const router = Router();
  router.get('/.well-known/smart-configuration', (_req, res) => {
    res.json(smartConfiguration(config));
  });
  router.use(express.raw({ type: () => true, limit: '20mb' }));

  router.use(async (req: Request, res: Response) => {
    const search = new URL(req.originalUrl, 'http://x').searchParams;
    search.delete('_format');
    const path = req.path.replace(/^\/+/, '');
    const request = classifyRequest(req.method, path, search);
    res.locals.resourceType = request.resourceType;
    let access: AccessContext | undefined;
    let forwardBody: string | undefined;
    let query = search;
    if (request.interaction !== 'capabilities') {
      const verified = await deps.verify(req.headers.authorization);
      res.locals.client = verified.clientId;
      access = verified;
      const decision = decideRequest(request, search, access);
      if (!decision.allowed) throw forbidden(decision.reason);
      query = decision.query;
      const body = parseBody(req);
      if (
        decision.confined &&
        (request.interaction === 'create' || request.interaction === 'update')
      ) {
        if (
          body === undefined ||
          body.resourceType !== request.resourceType ||
          !mayWrite(body, access)
        ) {
          throw forbidden("the resource is not in the launch patient's compartment");
        }
      }
      if (
        decision.confined &&
        request.id !== undefined &&
        ['update', 'patch', 'delete'].includes(request.interaction)
      ) {
        await checkExisting(config, `${request.resourceType ?? ''}/${request.id}`, access);
      }
      forwardBody = await checkRequestBody(config, request, body, access);
    }
    const queryText = query.toString();
    const url = `${config.fhirUpstream}${path === '' ? '' : `/${path}`}${queryText === '' ? '' : `?${queryText}`}`;
    const upstream = await callUpstream(
      url,
      req.method,
      req.headers,
      forwardBody === undefined
        ? undefined
        : rebase(forwardBody, config.fhirBase, config.fhirUpstream),
    );
    send(res, config, upstream, request, access);
  });
  return router;
}

function send(
  res: Response,
  config: EhrConfig,
  upstream: UpstreamResponse,
  request: FhirRequest,
  access: AccessContext | undefined,
): void {
  let json = upstream.json;
  if (json !== undefined && access !== undefined) {
    const hidden = unreadable(json, access);
    if (hidden.length > 0)
      throw forbidden(
        `the response would include ${hidden.length} resource(s) outside the token's scopes or patient`,
      );
  }
  if (json?.resourceType === 'CapabilityStatement' && request.interaction === 'capabilities') {
    json = withSecurity(config, json);
  }
  for (const name of ['etag', 'last-modified', 'location', 'content-location']) {
    const value = upstream.headers.get(name);
    if (value !== null) res.setHeader(name, rebase(value, config.fhirUpstream, config.fhirBase));
  }
  res.status(upstream.status);
  if (upstream.text === '') {
    res.end();
    return;
  }
  res.type(upstream.headers.get('content-type') ?? 'application/fhir+json');
  res.send(
    rebase(
      json === undefined ? upstream.text : JSON.stringify(json),
      config.fhirUpstream,
      config.fhirBase,
    ),
  );
}
