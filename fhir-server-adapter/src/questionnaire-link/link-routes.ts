import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import express, { Router, type Request, type Response } from 'express';
import type { Questionnaire } from 'fhir/r4';
import QRCode from 'qrcode';
import {
  QuestionnaireLinkRequest,
  parseWith,
  type QuestionnaireLink,
  type SentQuestionnaireLink,
} from '@linkwell/contracts';
import { ProfileInputError, type Instrument } from '@linkwell/profiles';
import { noConsent } from '../errors';
import type { CaseStore } from '../store/case-store';
import { writeBackAllowed } from '../store/records';
import { scoresOf } from '../sync/mappers';
import { consentOf, ownCase, worker, type RouteDeps } from '../api/case-routes';
import type { QuestionnaireLinkStore } from './link-store';
import { QUESTIONNAIRE_CSS, messagePage, questionnairePage, type LinkMessage } from './link-page';
import { signLink, verifyLink } from './link-token';

export interface LinkDeps {
  readonly links: QuestionnaireLinkStore;
  /** The key links are signed with (generated at first start in the data folder). */
  readonly linkKey: Buffer;
  /** Where people open links: the adapter's public URL. */
  readonly publicUrl: string;
  /** The folder of the profiles' FHIR resources (the Questionnaires). */
  readonly profilesDir: string;
  readonly now?: () => number;
}

const DAY_MS = 24 * 60 * 60_000;

/** The Questionnaires the profiles define, read once. */
export function loadQuestionnaires(dir: string): Record<Instrument, Questionnaire> {
  const read = (i: Instrument) =>
    JSON.parse(
      readFileSync(join(dir, `Questionnaire-linkwell-${i}.json`), 'utf8'),
    ) as Questionnaire;
  return { ons4: read('ons4'), ucla3: read('ucla3'), swemwbs: read('swemwbs') };
}

/** The link worker's side: make a link (shown as a link and a QR code), list a case's links. */
export function questionnaireLinkApi(deps: RouteDeps & LinkDeps): Router {
  const router = Router();
  const now = deps.now ?? Date.now;

  router.post('/cases/:caseId/questionnaire-links', async (req, res) => {
    const found = await ownCase(deps, req);
    const asked = parseWith(QuestionnaireLinkRequest, req.body);
    const { instrument, timing, validDays: days } = asked;
    const share = asked.share ?? writeBackAllowed(await consentOf(deps, found.id));
    if (share && !writeBackAllowed(await consentOf(deps, found.id))) {
      throw noConsent('The person has not agreed to write-back, so the scores cannot be shared.');
    }
    const expires = now() + days * DAY_MS;
    const link = await deps.links.create({
      caseId: found.id,
      instrument,
      timing,
      shared: share,
      createdBy: worker(req).practitioner,
      expiresAt: new Date(expires).toISOString(),
    });
    const url = `${deps.publicUrl}/q/${signLink(deps.linkKey, { id: link.id, exp: Math.floor(expires / 1000) })}`;
    const qrSvg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    res.status(201).json({
      ...link,
      url,
      qr: `data:image/svg+xml;base64,${Buffer.from(qrSvg).toString('base64')}`,
    } satisfies SentQuestionnaireLink);
  });

  router.get('/cases/:caseId/questionnaire-links', async (req, res) => {
    const found = await ownCase(deps, req);
    res.json({ links: await deps.links.ofCase(found.id) } satisfies {
      links: readonly QuestionnaireLink[];
    });
  });

  return router;
}

/** The person's side, without an account: the form, and where its answers go. */
export function questionnaireLinkPages(
  deps: LinkDeps & { cases: CaseStore; changed: () => void },
): Router {
  const router = Router();
  const now = deps.now ?? Date.now;
  const questionnaires = loadQuestionnaires(deps.profilesDir);
  const send = (res: Response, status: number, html: string): void => {
    res.status(status).set('cache-control', 'no-store').type('html').send(html);
  };
  const refuse = (res: Response, kind: LinkMessage): void => {
    send(res, kind === 'altered' ? 404 : 410, messagePage(kind));
  };

  /** The link behind a token, or the reason it cannot be used (sent as a page). */
  async function openLink(req: Request, res: Response) {
    const check = verifyLink(deps.linkKey, String(req.params.token), Math.floor(now() / 1000));
    if (!check.ok) {
      refuse(res, check.problem);
      return;
    }
    const link = await deps.links.link(check.claims.id);
    if (link === undefined) {
      refuse(res, 'altered');
      return;
    }
    if (link.usedAt !== undefined) {
      refuse(res, 'used');
      return;
    }
    if (Date.parse(link.expiresAt) <= now()) {
      refuse(res, 'expired');
      return;
    }
    return link;
  }

  router.get('/q/style.css', (_req, res) => {
    res.type('css').set('cache-control', 'public, max-age=3600').send(QUESTIONNAIRE_CSS);
  });

  router.get('/q/:token', async (req, res) => {
    const link = await openLink(req, res);
    if (link === undefined) return;
    send(res, 200, questionnairePage(questionnaires[link.instrument], req.originalUrl));
  });

  router.post(
    '/q/:token',
    express.urlencoded({ extended: false, limit: '8kb' }),
    async (req, res) => {
      const link = await openLink(req, res);
      if (link === undefined) return;
      const form = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as Record<
        string,
        unknown
      >;
      const given: Record<string, string> = {};
      const answers: Record<string, number> = {};
      for (const [key, value] of Object.entries(form)) {
        if (typeof value !== 'string' || !/^[A-Za-z0-9._-]{1,64}$/.test(key)) continue;
        given[key] = value;
        if (/^\d{1,2}$/.test(value)) answers[key] = Number(value);
      }
      const questionnaire = questionnaires[link.instrument];
      try {
        scoresOf({ instrument: link.instrument, answers });
      } catch (error) {
        if (!(error instanceof ProfileInputError)) throw error;
        const questions = (questionnaire.item ?? []).filter((i) => i.type !== 'display');
        const item = questions.findIndex((i) => error.field.includes(i.linkId));
        const which = item < 0 ? 'every question' : `question ${item + 1}`;
        send(
          res,
          422,
          questionnairePage(questionnaire, req.originalUrl, given, `Answer ${which}.`),
        );
        return;
      }
      const record = await deps.cases.getCase(link.caseId);
      if (record === undefined) {
        refuse(res, 'altered');
        return;
      }
      // A person not on the EHR (a local-only case) is recorded as the case's own person.
      const person = record.patientRef ?? `case-person/${record.id}`;
      const result = await deps.links.answer(link.id, person, answers);
      if (!result.used) {
        refuse(res, result.why === 'unknown' ? 'altered' : result.why);
        return;
      }
      deps.changed();
      send(res, 200, messagePage('done'));
    },
  );

  return router;
}
