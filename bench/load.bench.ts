import { randomUUID } from 'node:crypto';
import { dashboardBatch, DEFAULT_CONFIG, scopeFor } from '@linkwell/smart-app';
import { reportLoad } from './support/load-report';
import { loadReferral, seedLoadPractice, type LoadPractice } from './support/load-seed';
import {
  GP_CLIENT,
  GP_LAUNCH_URI,
  GP_REDIRECT,
  SIGN_IN_CLIENT,
  SIGN_IN_REDIRECT,
  startLoadStack,
  type LoadStack,
} from './support/load-stack';
import { checkOnce, drained, heldChanges } from './support/load-sync';
import {
  CasePool,
  runGp,
  runLinkWorker,
  type Gp,
  type Sample,
  type Written,
} from './support/load-users';
import { postBundle, withBenchFhirServer } from './support/seed';
import { gpAccessToken, linkWorkerToken } from './support/smart-login';

// A load run on localhost against the whole stack: HAPI with our profiles, the EHR sandbox (SMART
// authorization server and scope-enforcing proxy) and the adapter (link-worker API, sync both
// ways, PostgreSQL store), each in its own process. GPs open the dashboard and refer through the
// proxy with a real SMART token each; link workers, signed in for real, work cases through the
// adapter's API; autocannon drives each user, bounded in time and in requests. Reported: p50, p95
// and p99 per action against the same request alone on the idle stack, and the error rate; then,
// once inbound and outbound sync have drained, that every write is on the FHIR server exactly
// once (each referral's Task and ServiceRequest, each Goal and outcome Observation, one
// Provenance per write).
// Run: npx tsx bench/load.bench.ts [seconds] [gps] [link workers]   (default 60 50 20)
//   LINKWELL_LOAD_THINK_SECONDS: each user's mean pause between an answer and their next request
//     (default 5, drawn from 0.5-1.5x; 0 = no pause, paced by the rate instead);
//   LINKWELL_LOAD_RATE: with no think time, requests per second per user (default 1; 0 = as fast
//     as answers come);
//   LINKWELL_LOAD_MAX_REQUESTS: requests per user at most (default what the pace allows in the
//     time, or 100000);
//   LINKWELL_BENCH_FHIR_BASE reuses a HAPI; LINKWELL_BENCH_DATABASE_URL an (empty) PostgreSQL.
const SECONDS = Number(process.argv[2] ?? 60);
const GPS = Number(process.argv[3] ?? 50);
const WORKERS = Number(process.argv[4] ?? 20);
const THINK_SECONDS = Number(process.env.LINKWELL_LOAD_THINK_SECONDS ?? 5);
const RATE = THINK_SECONDS > 0 ? 0 : Number(process.env.LINKWELL_LOAD_RATE ?? 1);
const MAX_REQUESTS = Number(
  process.env.LINKWELL_LOAD_MAX_REQUESTS ??
    (THINK_SECONDS > 0
      ? Math.ceil(SECONDS / (THINK_SECONDS / 2)) + 1
      : RATE > 0
        ? Math.ceil(RATE * SECONDS)
        : 100_000),
);
// Cases waiting for the link workers when the run starts (the GPs' referrals add more).
const WAITING_PER_WORKER = 2;
const ALONE_ROUNDS = 10;

function pace(): string {
  if (THINK_SECONDS > 0)
    return `a pause of ${String(THINK_SECONDS)} s on average after each answer`;
  return RATE > 0 ? `${String(RATE)} request/s per user` : 'unpaced';
}

async function timed(
  url: string,
  init: { method: string; token?: string; body?: unknown },
): Promise<number> {
  const started = performance.now();
  const response = await fetch(url, {
    method: init.method,
    headers: {
      accept: 'application/json, application/fhir+json',
      'content-type': 'application/fhir+json',
      ...(init.token === undefined ? {} : { authorization: `Bearer ${init.token}` }),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  if (!response.ok)
    throw new Error(`${init.method} ${url}: HTTP ${response.status} ${text.slice(0, 200)}`);
  return performance.now() - started;
}

/** Each action alone on the idle stack, through the same parts, and the GP's straight to HAPI. */
async function alone(
  base: string,
  stack: LoadStack,
  practice: LoadPractice,
  gp: Gp,
  worker: string,
  written: Written,
): Promise<Record<string, number[]>> {
  const result: Record<string, number[]> = {};
  const add = async (action: string, run: () => Promise<number>): Promise<void> => {
    for (let i = 0; i < ALONE_ROUNDS; i += 1) (result[action] ??= []).push(await run());
  };
  const referral = (): { body: unknown } => {
    const id = randomUUID();
    written.referrals.push(id);
    return { body: loadReferral(practice, gp, id) };
  };
  const dashboard = dashboardBatch(gp.patient, gp.practitioner);
  const proxy = stack.ehr.fhirBase;
  await add('GP: open the dashboard', () =>
    timed(proxy, { method: 'POST', token: gp.token, body: dashboard }),
  );
  await add('GP: open the dashboard (HAPI alone)', () =>
    timed(base, { method: 'POST', body: dashboard }),
  );
  await add('GP: refer', () => timed(proxy, { method: 'POST', token: gp.token, ...referral() }));
  await add('GP: refer (HAPI alone)', () => timed(base, { method: 'POST', ...referral() }));
  await drained(stack, practice.service, written.referrals.length);
  await add('LW: caseload', () =>
    timed(`${stack.adapterUrl}/api/caseload`, { method: 'GET', token: worker }),
  );
  return result;
}

async function signIn(
  stack: LoadStack,
  practice: LoadPractice,
): Promise<{ gps: Gp[]; workers: string[] }> {
  const scope = scopeFor(DEFAULT_CONFIG, true);
  const gps: Gp[] = [];
  for (const gp of practice.gps) {
    const token = await gpAccessToken(stack.ehr.baseUrl, stack.ehr.fhirBase, {
      clientId: GP_CLIENT,
      redirectUri: GP_REDIRECT,
      launchUri: GP_LAUNCH_URI,
      scope,
      practitioner: gp.practitioner,
      patient: gp.patient,
    });
    gps.push({ ...gp, token });
  }
  const workers: string[] = [];
  for (const lw of practice.linkWorkers) {
    workers.push(
      await linkWorkerToken(stack.ehr.baseUrl, {
        clientId: SIGN_IN_CLIENT,
        redirectUri: SIGN_IN_REDIRECT,
        audience: stack.adapterUrl,
        practitioner: lw,
      }),
    );
  }
  return { gps, workers };
}

async function measure(base: string): Promise<void> {
  const run = `load-${Date.now().toString(36)}`;
  const since = new Date().toISOString();
  const practice = await seedLoadPractice(base, run, GPS, WORKERS);
  const stack = await startLoadStack(base, practice.service);
  try {
    const written: Written = {
      referrals: [],
      goals: [],
      measures: [],
      accepted: [],
      errors: new Map(),
      unanswered: new Map(),
    };
    const { gps, workers } = await signIn(stack, practice);
    for (let i = 0; i < WORKERS * WAITING_PER_WORKER; i += 1) {
      const gp = practice.gps[i % practice.gps.length];
      if (gp === undefined) break;
      const id = randomUUID();
      await postBundle(base, loadReferral(practice, gp, id));
      written.referrals.push(id);
    }
    const [firstGp, firstWorker] = [gps[0], workers[0]];
    if (firstGp === undefined || firstWorker === undefined) throw new Error('no GP or link worker');
    const idle = await alone(base, stack, practice, firstGp, firstWorker, written);
    process.stdout.write(
      `${String(GPS)} GPs and ${String(WORKERS)} link workers for ${String(SECONDS)} s, ` +
        `${pace()}, at most ${String(MAX_REQUESTS)} ` +
        `requests per user; ${String(written.referrals.length)} cases waiting\n`,
    );
    const limits = {
      seconds: SECONDS,
      rate: RATE,
      maxRequests: MAX_REQUESTS,
      thinkSeconds: THINK_SECONDS,
    };
    const samples: Sample[] = [];
    const pool = new CasePool();
    const started = performance.now();
    await Promise.all([
      ...gps.map((gp) =>
        runGp(
          stack.ehr.fhirBase,
          gp,
          (id) => loadReferral(practice, gp, id),
          limits,
          samples,
          written,
        ),
      ),
      ...workers.map((token) =>
        runLinkWorker(stack.adapterUrl, token, pool, limits, samples, written),
      ),
    ]);
    const wallSeconds = (performance.now() - started) / 1000;
    const drainSeconds = await drained(stack, practice.service, written.referrals.length);
    reportLoad({
      settings: {
        gps: GPS,
        linkWorkers: WORKERS,
        seconds: SECONDS,
        thinkSeconds: THINK_SECONDS,
        ratePerUser: RATE,
        maxRequestsPerUser: MAX_REQUESTS,
      },
      samples,
      alone: idle,
      written,
      wallSeconds,
      drainSeconds,
      held: await heldChanges(stack),
      once: await checkOnce(base, practice, written, since),
    });
  } finally {
    await stack.stop();
  }
}

withBenchFhirServer(measure).catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
