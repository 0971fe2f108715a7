import express, { type Request, type Response, Router } from 'express';
import type { CapabilityStatement } from 'fhir/r4';
import { decideRequest } from './access-policy';
import type { EhrConfig } from './config';
import { bundleExchange, confinedExchange, wideExchange, type Exchange } from './exchange';
import { classifyRequest } from './fhir-request';
import { forbidden } from './outcome';
import { PageRegistry, pageHolder } from './page-registry';
import { parseRequestUrl } from './request-url';
import { respond } from './respond';
import { smartConfiguration } from './smart-configuration';
import type { TokenVerifier } from './token-verifier';
import { callUpstream, rebase } from './upstream';

/**
 * The audit record of one FHIR request: ids only (client, user, launch patient, type, resource id)
 * and the interaction; never names, bodies, query strings or tokens.
 */
export interface FhirAccess {
  interaction: string;
  resourceType?: string;
  id?: string;
  client?: string;
  user?: string;
  patient?: string;
}

interface ProxyDeps {
  verify: TokenVerifier;
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

function stringHeaders(req: Request): Record<string, string> {
  const names = ['prefer', 'if-match', 'if-none-match', 'if-none-exist', 'if-modified-since'];
  const headers: Record<string, string> = {};
  for (const name of [...names, 'content-type']) {
    const value = req.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
  return headers;
}

function rawBodyOf(req: Request): string {
  return Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
}

/** `/fhir`: discovery and capabilities in the open, everything else behind a checked token. */
export function fhirProxy(config: EhrConfig, deps: ProxyDeps): Router {
  const router = Router();
  const pages = new PageRegistry();
  router.get('/.well-known/smart-configuration', (_req, res) => {
    res.json(smartConfiguration(config));
  });
  router.use(express.raw({ type: () => true, limit: '20mb' }));

  router.use(async (req: Request, res: Response) => {
    // Parsed once; every decision below and the upstream URL come from this form.
    const parsed = parseRequestUrl(req.url);
    const request = classifyRequest(req.method, parsed.segments, parsed.query);
    const headers = stringHeaders(req);
    if (request.interaction === 'create' && 'if-none-exist' in headers) request.conditional = true;
    res.locals.resourceType = request.resourceType;
    const audit: FhirAccess = {
      interaction: request.interaction,
      resourceType: request.resourceType,
      id: request.id,
    };
    const path = parsed.segments.join('/');
    if (request.interaction === 'capabilities') {
      const upstream = await callUpstream(`${config.fhirUpstream}/metadata`, 'GET', {});
      const exchange: Exchange = {
        method: 'GET',
        path,
        query: parsed.query,
        headers: {},
        answer: 'plain',
      };
      respond(res, config, upstream, exchange, undefined, (json) =>
        json.resourceType === 'CapabilityStatement' ? withSecurity(config, json) : json,
      );
      return;
    }
    // Recorded for every request with a token, allowed or not (app.ts logs it when answered).
    res.locals.audit = audit;
    const access = await deps.verify(req.headers.authorization);
    res.locals.client = access.clientId;
    Object.assign(audit, { client: access.clientId, user: access.user, patient: access.patient });
    const decision = decideRequest(request, parsed.query, access);
    if (!decision.allowed) throw forbidden(decision.reason);
    const holder = pageHolder(access.clientId, access.patient);
    if (request.interaction === 'page' && !pages.wasIssued(holder, parsed.query.get('_getpages'))) {
      throw forbidden('this page of results was not issued to this token');
    }
    const incoming = { request, path, query: decision.query, headers, rawBody: rawBodyOf(req) };
    let exchange: Exchange;
    if (request.interaction === 'bundle') exchange = await bundleExchange(config, incoming, access);
    else if (decision.confined) exchange = await confinedExchange(config, incoming, access);
    else exchange = wideExchange(incoming, access);
    const queryText = exchange.query.toString();
    const url = `${config.fhirUpstream}${exchange.path === '' ? '' : `/${exchange.path}`}${queryText === '' ? '' : `?${queryText}`}`;
    const upstream = await callUpstream(
      url,
      exchange.method,
      exchange.headers,
      exchange.body === undefined
        ? undefined
        : rebase(exchange.body, config.fhirBase, config.fhirUpstream),
    );
    respond(res, config, upstream, exchange, access);
    pages.record(holder, upstream.json);
  });
  return router;
}
