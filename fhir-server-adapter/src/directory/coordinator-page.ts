import express, { Router, type Request, type Response } from 'express';
import type { Patient } from 'fhir/r4';
import { ONWARD_REFERRAL_STATES, type OnwardReferralState } from '@linkwell/profiles';
import type { FhirGateway } from '../fhir/gateway';
import type { CaseStore } from '../store/case-store';
import type { OnwardReferralRecord } from '../store/records';
import { CAPACITY_LABELS, CAPACITY_STATES, feedCapacity, type CapacityState } from './capacity';
import type { Directory } from './directory';
import { nextStates } from './onward-progress';
import { checkLink, type LinkClaims } from './signed-link';

// The community service coordinator's page: no account, a signed link naming the service. It lists
// the service's onward referrals with the next steps it may report, and its capacity.

const escape = (s: string): string =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

const page = (title: string, body: string): string =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escape(title)}</title></head><body><main><h1>${escape(title)}</h1>${body}</main></body></html>`;

export interface CoordinatorDeps {
  readonly directory: Directory;
  readonly cases: CaseStore;
  /** The EHR endpoint's gateway (the person's name is read from their case's endpoint). */
  readonly gatewayFor: (endpoint: string) => FhirGateway;
  readonly changed: () => void;
}

function refused(res: Response, why: 'malformed' | 'altered' | 'expired'): void {
  const text =
    why === 'expired'
      ? 'This link has expired. Ask the link-worker service for a new one.'
      : 'This link is not valid. Check it was copied whole, or ask the link-worker service for a new one.';
  res
    .status(why === 'expired' ? 410 : 403)
    .type('html')
    .send(page('Link not accepted', `<p>${text}</p>`));
}

/** `/coordinator/:token` (GET the page; POST reports and capacity), outside the signed-in API. */
export function coordinatorRoutes(deps: CoordinatorDeps): Router {
  const router = Router();
  const dir = deps.directory;
  const claims = (req: Request, res: Response): LinkClaims | undefined => {
    const check = checkLink(
      dir.linkKey,
      typeof req.params.token === 'string' ? req.params.token : '',
    );
    if (!check.ok) {
      refused(res, check.why);
      return undefined;
    }
    return check.claims;
  };

  async function personName(onward: OnwardReferralRecord): Promise<string> {
    try {
      const owner = await deps.cases.getCase(onward.caseId);
      if (owner?.patientRef === undefined) return 'The person referred';
      const patient = await deps
        .gatewayFor(owner.endpoint)
        .read<Patient>('Patient', owner.patientRef.replace(/^Patient\//, ''));
      const name = patient.name?.[0];
      return (
        [name?.given?.join(' '), name?.family].filter(Boolean).join(' ') || 'The person referred'
      );
    } catch {
      return 'The person referred';
    }
  }

  router.get('/coordinator/:token', async (req, res) => {
    const c = claims(req, res);
    if (c === undefined) return;
    const stored = await dir.store.service(c.service);
    if (stored === undefined)
      return res
        .status(404)
        .type('html')
        .send(page('Service not found', '<p>This service is no longer in the directory.</p>'));
    const capacity =
      (await dir.capacity.confirmed([c.service])).get(c.service) ??
      feedCapacity(stored.entry.status, stored.entry.assuredDate);
    const referrals = await dir.progress.forService(`HealthcareService/${c.service}`);
    const action = `/coordinator/${escape(req.params.token)}`;
    const rows = await Promise.all(
      referrals.map(async (o) => {
        const state = o.state ?? 'awaiting-reply';
        const options = nextStates(state)
          .map((s) => `<option value="${s}">${escape(ONWARD_REFERRAL_STATES[s].display)}</option>`)
          .join('');
        const form =
          options === ''
            ? ''
            : `<form method="post" action="${action}/referrals/${escape(o.id)}"><label for="s-${escape(o.id)}">Report</label> <select id="s-${escape(o.id)}" name="state">${options}</select> <label for="r-${escape(o.id)}">Reason (if declined or did not attend)</label> <input id="r-${escape(o.id)}" name="reason" maxlength="500"> <button type="submit">Save</button></form>`;
        return `<li><strong>${escape(await personName(o))}</strong>, referred ${escape(o.authoredOn.slice(0, 10))}: <span data-state="${state}">${escape(ONWARD_REFERRAL_STATES[state].display)}</span>${o.stateReason === undefined ? '' : ` (${escape(o.stateReason)})`}${o.note === undefined ? '' : `<br>Note from the link worker: ${escape(o.note)}`}${form}</li>`;
      }),
    );
    const capacityOptions = CAPACITY_STATES.map(
      (s) =>
        `<option value="${s}"${s === capacity.state ? ' selected' : ''}>${CAPACITY_LABELS[s]}</option>`,
    ).join('');
    res
      .type('html')
      .send(
        page(
          stored.entry.name,
          `<h2>Capacity</h2><p>Now: ${CAPACITY_LABELS[capacity.state]}${capacity.expectedWaitWeeks === undefined ? '' : `, about ${capacity.expectedWaitWeeks} weeks' wait`}${capacity.confirmedAt === undefined ? '' : ` (confirmed ${escape(capacity.confirmedAt.slice(0, 10))})`}</p>` +
            `<form method="post" action="${action}/capacity"><label for="cap">Capacity</label> <select id="cap" name="state">${capacityOptions}</select> <label for="wait">Expected wait (weeks)</label> <input id="wait" name="expectedWaitWeeks" inputmode="numeric" pattern="[0-9]*"> <button type="submit">Confirm capacity</button></form>` +
            `<h2>Referrals to this service</h2>${rows.length === 0 ? '<p>No referrals yet.</p>' : `<ul>${rows.join('')}</ul>`}`,
        ),
      );
  });

  const form = express.urlencoded({ extended: false, limit: '8kb' });

  router.post('/coordinator/:token/referrals/:id', form, async (req, res) => {
    const c = claims(req, res);
    if (c === undefined) return;
    const onward = await dir.progress.one(req.params.id);
    // The link is for one service: its referrals only.
    if (onward === undefined || onward.serviceRef !== `HealthcareService/${c.service}`) {
      return res
        .status(404)
        .type('html')
        .send(page('Referral not found', "<p>This referral is not one of your service's.</p>"));
    }
    const body = req.body as Record<string, unknown>;
    const state = (typeof body.state === 'string' ? body.state : '') as OnwardReferralState;
    const reason =
      typeof body.reason === 'string' && body.reason.trim() !== ''
        ? body.reason.trim().slice(0, 500)
        : undefined;
    const current = onward.state ?? 'awaiting-reply';
    if (!nextStates(current).includes(state)) {
      return res
        .status(409)
        .type('html')
        .send(
          page(
            'Not saved',
            `<p>This referral is "${escape(ONWARD_REFERRAL_STATES[current].display)}" and cannot become that. <a href="/coordinator/${escape(req.params.token)}">Back</a></p>`,
          ),
        );
    }
    if ((state === 'declined' || state === 'did-not-attend') && reason === undefined) {
      return res
        .status(400)
        .type('html')
        .send(
          page(
            'Not saved',
            `<p>Please give a reason. <a href="/coordinator/${escape(req.params.token)}">Back</a></p>`,
          ),
        );
    }
    await dir.progress.report(
      onward.id,
      state,
      reason,
      `coordinator of HealthcareService/${c.service}`,
    );
    deps.changed();
    res.redirect(303, `/coordinator/${req.params.token}`);
  });

  router.post('/coordinator/:token/capacity', form, async (req, res) => {
    const c = claims(req, res);
    if (c === undefined) return;
    const body = req.body as Record<string, unknown>;
    const state = (typeof body.state === 'string' ? body.state : '') as CapacityState;
    const weeksText =
      typeof body.expectedWaitWeeks === 'string' ? body.expectedWaitWeeks.trim() : '';
    const weeks = weeksText === '' ? undefined : Number(weeksText);
    if (
      !CAPACITY_STATES.includes(state) ||
      (weeks !== undefined && (!Number.isInteger(weeks) || weeks < 0 || weeks > 104))
    ) {
      return res
        .status(400)
        .type('html')
        .send(
          page(
            'Not saved',
            `<p>Choose a capacity, and give the wait in whole weeks. <a href="/coordinator/${escape(req.params.token)}">Back</a></p>`,
          ),
        );
    }
    await dir.capacity.confirm(
      c.service,
      { state, ...(weeks === undefined ? {} : { expectedWaitWeeks: weeks }) },
      'coordinator',
    );
    res.redirect(303, `/coordinator/${req.params.token}`);
  });

  return router;
}
