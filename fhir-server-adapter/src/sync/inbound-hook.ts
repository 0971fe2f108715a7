import { timingSafeEqual } from 'node:crypto';
import express, { Router, type Response } from 'express';
import { operationOutcome } from '@linkwell/profiles';
import type { Logger } from '../log';
import type { InboundSync } from './inbound';
import type { WatchedType } from './inbound-subscriptions';

export interface HookDeps {
  readonly inbound: InboundSync;
  /** The secret the FHIR server's rest-hook sends back as a Bearer token. */
  readonly hookSecret: string;
  readonly log: Logger;
  readonly maxBodyBytes: number;
  /** Where this endpoint's server delivers (`/fhir-hook`, or `/fhir-hook/<endpoint>`). */
  readonly path?: string;
}

const sameSecret = (given: string, expected: string): boolean =>
  given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));

/**
 * HAPI's rest-hook with a payload is a FHIR client `update` (PUT `<endpoint>/<type>/<id>`, or
 * DELETE). Its client parses any 2xx body whose content type is JSON as a FHIR resource and fails
 * on anything else, and a failed delivery is sent again: so every answer is an OperationOutcome.
 */
function answer(res: Response, status: number, diagnostics: string): void {
  const ok = status < 400;
  const code = ok ? 'informational' : status === 401 ? 'security' : 'exception';
  const outcome = operationOutcome(code, diagnostics, ok ? 'information' : 'error');
  res.status(status).type('application/fhir+json').send(JSON.stringify(outcome));
}

const NOTIFIED = /^\/(Task|Consent)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]+)?$/;

/**
 * `/fhir-hook` (or the endpoint's own path): rest-hook notifications from one EHR endpoint,
 * acknowledged once the change is ingested from that endpoint's server.
 */
export function fhirHook(deps: HookDeps): Router {
  const router = Router();
  router.use(
    deps.path ?? '/fhir-hook',
    (req, res, next) => {
      const given = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '')?.[1] ?? '';
      if (sameSecret(given, deps.hookSecret)) {
        next();
        return;
      }
      answer(res, 401, 'Unknown notification sender.');
    },
    express.raw({ type: () => true, limit: deps.maxBodyBytes }),
    async (req, res) => {
      const match = NOTIFIED.exec(req.path);
      const type = match?.[1] as WatchedType | undefined;
      const id = match?.[2];
      if (type === undefined || id === undefined || req.method === 'DELETE') {
        // A notification without a resource id (or a deletion): catch up by polling.
        void deps.inbound.poll().catch(() => undefined);
        answer(res, 200, 'Notification received.');
        return;
      }
      try {
        await deps.inbound.notified(id, type);
        answer(res, 200, `${type}/${id} received.`);
      } catch (error) {
        // Unacknowledged: the FHIR server delivers again later, and the poll catches up too.
        deps.log.warn('inbound.notification-failed', {
          resource: `${type}/${id}`,
          error: error instanceof Error ? error.name : 'unknown',
        });
        answer(res, 503, 'The notification could not be processed yet; deliver it again.');
      }
    },
  );
  return router;
}
