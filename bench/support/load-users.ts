import { randomUUID } from 'node:crypto';
import type { Bundle } from 'fhir/r4';
import autocannon from 'autocannon';
import { dashboardBatch } from '@linkwell/smart-app';

// The load run's users, each driven by autocannon on one connection (its own identity and token,
// one request in flight, as one person at a browser), either back to back at a rate or, with a
// think time, one request at a time with a pause after each answer: GPs opening the dashboard (the GP
// app's one batch read) and referring (the GP app's transaction), through the sandbox's SMART proxy;
// link workers working cases through the adapter's API (caseload, open case, accept, log a contact,
// add a goal, record a measure). Each answer is timed by autocannon and filed under its action.

export interface Sample {
  readonly action: string;
  readonly ms: number;
  readonly ok: boolean;
}

/** What the users wrote, to be found on the FHIR server afterwards exactly once each. */
export interface Written {
  readonly referrals: string[];
  readonly goals: string[];
  /** Questionnaire-answer record ids and their Observation identifiers. */
  readonly measures: { id: string; observations: string[] }[];
  readonly accepted: string[];
  /** Why answers were errors (status and the start of the body), a few of each. */
  readonly errors: Map<string, number>;
  /** Requests per action that timed out or were still unanswered when the run ended: each write
   * may or may not have been made (the GP app retries a referral with the same identifier). */
  readonly unanswered: Map<string, number>;
}

export interface RunLimits {
  readonly seconds: number;
  /** Requests per second per user (0: as fast as answers come). */
  readonly rate: number;
  /** Requests per user at most. */
  readonly maxRequests: number;
  /** Mean pause between a user's answer and their next request, in seconds (0: no pause; then
   * `rate` paces). */
  readonly thinkSeconds: number;
}

type Step = {
  action: string;
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
  /** Throws when the answer is not what the app would accept. */
  check?: (body: string) => void;
};

function noteError(written: Written, action: string, status: number, body: string): void {
  const key = `${action}: HTTP ${String(status)} ${body.slice(0, 160)}`;
  written.errors.set(key, (written.errors.get(key) ?? 0) + 1);
}

/** One user: `next()` gives each request in turn; answers go to `samples`. */
async function runUser(
  url: string,
  token: string,
  limits: RunLimits,
  next: () => Step,
  samples: Sample[],
  written: Written,
): Promise<void> {
  if (limits.thinkSeconds <= 0) {
    await cannon(url, token, next, samples, written, {
      duration: limits.seconds,
      maxOverallRequests: limits.maxRequests,
      ...(limits.rate > 0 ? { connectionRate: limits.rate } : {}),
    });
    return;
  }
  // A person at a browser: a request, its answer, then a pause to read and type before the next.
  // Pauses are drawn from 0.5-1.5x the think time, and each user starts somewhere in the first
  // one, so that users do not step in time with each other.
  const think = (): number => limits.thinkSeconds * 1000 * (0.5 + Math.random());
  const deadline = performance.now() + limits.seconds * 1000;
  let wait = Math.random() * limits.thinkSeconds * 1000;
  for (let made = 0; made < limits.maxRequests; made += 1) {
    if (performance.now() + wait >= deadline) return;
    await new Promise((resolve) => setTimeout(resolve, wait));
    await cannon(url, token, next, samples, written, { amount: 1 });
    wait = think();
  }
}

/** Autocannon on one connection with the user's token, for a duration or a number of requests. */
function cannon(
  url: string,
  token: string,
  next: () => Step,
  samples: Sample[],
  written: Written,
  bounds: Pick<autocannon.Options, 'duration' | 'amount' | 'maxOverallRequests' | 'connectionRate'>,
): Promise<autocannon.Result> {
  let current: Step | undefined;
  let lastOk = false;
  let answered = true;
  const instance = autocannon(
    {
      url,
      connections: 1,
      ...bounds,
      timeout: 30,
      requests: [
        {
          setupRequest: (request) => {
            current = next();
            answered = false;
            return {
              ...request,
              method: current.method,
              path: current.path,
              headers: {
                authorization: `Bearer ${token}`,
                accept: url.endsWith('/fhir') ? 'application/fhir+json' : 'application/json',
                'content-type': url.endsWith('/fhir')
                  ? 'application/fhir+json'
                  : 'application/json',
              },
              ...(current.body === undefined ? {} : { body: JSON.stringify(current.body) }),
            };
          },
          onResponse: (status, body) => {
            answered = true;
            lastOk = status >= 200 && status < 300;
            if (lastOk && current?.check) {
              try {
                current.check(body);
              } catch (error) {
                lastOk = false;
                noteError(written, current.action, status, String(error));
                return;
              }
            }
            if (!lastOk) noteError(written, current?.action ?? '?', status, body);
          },
        },
      ],
    },
    () => undefined,
  );
  instance.on('response', (_client, _status, _bytes, ms) => {
    samples.push({ action: current?.action ?? '?', ms, ok: lastOk });
  });
  instance.on('reqError', (error) => {
    answered = true;
    const action = current?.action ?? '?';
    written.unanswered.set(action, (written.unanswered.get(action) ?? 0) + 1);
    samples.push({ action: current?.action ?? '?', ms: NaN, ok: false });
    noteError(written, current?.action ?? '?', 0, String(error));
  });
  return new Promise((resolve) =>
    instance.on('done', (result) => {
      if (!answered && current) {
        written.unanswered.set(current.action, (written.unanswered.get(current.action) ?? 0) + 1);
      }
      resolve(result);
    }),
  );
}

function batchOk(body: string): void {
  const bundle = JSON.parse(body) as Bundle;
  for (const entry of bundle.entry ?? []) {
    if (!/^2\d\d/.test(entry.response?.status ?? '')) {
      throw new Error(`batch entry ${entry.response?.status ?? 'without a status'}`);
    }
  }
}

export interface Gp {
  practitioner: string;
  role: string;
  patient: string;
  token: string;
}

/** A GP: the dashboard, then a referral of their patient, then the dashboard again, ... */
export function runGp(
  fhirBase: string,
  gp: Gp,
  referral: (referralId: string) => Bundle,
  limits: RunLimits,
  samples: Sample[],
  written: Written,
): Promise<void> {
  // Turn about: the dashboard, then a referral (after which the app reads the dashboard again).
  let dashboard = false;
  const path = new URL(fhirBase).pathname;
  return runUser(
    fhirBase,
    gp.token,
    limits,
    () => {
      dashboard = !dashboard;
      if (dashboard) {
        return {
          action: 'GP: open the dashboard',
          method: 'POST',
          path,
          body: dashboardBatch(gp.patient, gp.practitioner),
          check: batchOk,
        };
      }
      const referralId = randomUUID();
      return {
        action: 'GP: refer',
        method: 'POST',
        path,
        body: referral(referralId),
        check: (body) => {
          batchOk(body);
          written.referrals.push(referralId);
        },
      };
    },
    samples,
    written,
  );
}

/** The cases waiting to be taken, shared by the link workers of one run (each takes its own). */
export class CasePool {
  private readonly waiting: string[] = [];
  private readonly seen = new Set<string>();
  offer(body: string): void {
    const caseload = JSON.parse(body) as { cases?: { id: string; status: string }[] };
    for (const row of caseload.cases ?? []) {
      if (row.status !== 'requested' || this.seen.has(row.id)) continue;
      this.seen.add(row.id);
      this.waiting.push(row.id);
    }
  }
  take(): string | undefined {
    return this.waiting.shift();
  }
}

const SWEMWBS = Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((i) => [`swemwbs-${String(i)}`, 3]));

/** A link worker: the caseload, then a case taken from it worked through, then the caseload, ... */
export function runLinkWorker(
  adapterUrl: string,
  token: string,
  pool: CasePool,
  limits: RunLimits,
  samples: Sample[],
  written: Written,
): Promise<void> {
  let queue: Step[] = [];
  let caseloadRead = false;
  const caseload: Step = {
    action: 'LW: caseload',
    method: 'GET',
    path: '/api/caseload',
    check: (body) => {
      pool.offer(body);
    },
  };
  const work = (id: string): Step[] => {
    const at = `/api/cases/${encodeURIComponent(id)}`;
    return [
      { action: 'LW: open case', method: 'GET', path: at },
      { action: 'LW: open case (details)', method: 'GET', path: `${at}/details` },
      {
        action: 'LW: accept',
        method: 'POST',
        path: `${at}/accept`,
        check: () => written.accepted.push(id),
      },
      {
        action: 'LW: log a contact',
        method: 'POST',
        path: `${at}/contact-attempts`,
        body: { method: 'phone', outcome: 'reached' },
      },
      {
        action: 'LW: add a goal',
        method: 'POST',
        path: `${at}/goals`,
        body: { description: 'Join the walking group', share: true },
        check: (body) => written.goals.push((JSON.parse(body) as { id: string }).id),
      },
      {
        action: 'LW: record a measure',
        method: 'POST',
        path: `${at}/questionnaires`,
        body: { instrument: 'swemwbs', timing: 'baseline', answers: SWEMWBS, share: true },
        check: (body) => {
          const record = JSON.parse(body) as { id: string; scores: { measure: string }[] };
          written.measures.push({
            id: record.id,
            observations: record.scores.map((s) => `${record.id}.${s.measure}`),
          });
        },
      },
    ];
  };
  return runUser(
    adapterUrl,
    token,
    limits,
    () => {
      if (queue.length === 0) {
        const id = caseloadRead ? pool.take() : undefined;
        caseloadRead = id === undefined;
        if (id === undefined) return caseload;
        queue = work(id);
      }
      return queue.shift() ?? caseload;
    },
    samples,
    written,
  );
}
