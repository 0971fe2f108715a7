import type { Goal, Observation, Provenance, ServiceRequest, Task } from 'fhir/r4';
import { LINKWELL_IDENTIFIER_SYSTEMS } from '@linkwell/profiles';
import {
  onceByIdentifier,
  provenancePerWrite,
  searchAll,
  type OnceReport,
  type ProvenanceReport,
} from './exactly-once';
import type { LoadPractice } from './load-seed';
import type { LoadStack } from './load-stack';
import type { Written } from './load-users';

// The load run's sync side: when inbound (every referral a case) and outbound (nothing pending)
// have drained, and whether every write is then on the FHIR server exactly once.

const DRAIN_TIMEOUT_MS = 10 * 60_000;

/** Seconds until every referral is a case and no change is pending (held rows count as left). */
export async function drained(
  stack: LoadStack,
  service: string,
  referrals: number,
): Promise<number> {
  const started = performance.now();
  let quietSince: number | undefined;
  for (;;) {
    const [cases] = await stack.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM cases WHERE service_org = $1',
      [service],
    );
    const [pending] = await stack.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM outbox WHERE state = 'pending'",
    );
    const done = (cases?.n ?? 0) >= referrals && (pending?.n ?? 0) === 0;
    // Drained when it has stayed so for two seconds (a case just opened may queue a change).
    if (done && quietSince !== undefined && performance.now() - quietSince > 2000) {
      return (performance.now() - started - 2000) / 1000;
    }
    quietSince = done ? (quietSince ?? performance.now()) : undefined;
    if (performance.now() - started > DRAIN_TIMEOUT_MS) {
      throw new Error(
        `sync did not drain: ${String(cases?.n)} of ${String(referrals)} referrals are cases, ` +
          `${String(pending?.n)} changes pending\n${stack.adapterOutput()}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Changes the adapter could not send (held for a person to look at). */
export async function heldChanges(stack: LoadStack): Promise<number> {
  const [held] = await stack.db.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM outbox WHERE state = 'held'",
  );
  return held?.n ?? 0;
}

export interface OnceFigures {
  readonly reports: OnceReport[];
  readonly provenance: ProvenanceReport;
}

export async function checkOnce(
  base: string,
  practice: LoadPractice,
  written: Written,
  since: string,
): Promise<OnceFigures> {
  const unanswered = (action: string): number => written.unanswered.get(action) ?? 0;
  const patients = practice.gps.map((gp) => `Patient/${gp.patient}`).join(',');
  const [tasks, referrals, goals, observations, provenances] = await Promise.all([
    searchAll<Task>(base, `Task?owner=Organization/${practice.service}&_count=500`),
    searchAll<ServiceRequest>(base, `ServiceRequest?subject=${patients}&_count=500`),
    searchAll<Goal>(base, `Goal?subject=${patients}&_count=500`),
    searchAll<Observation>(base, `Observation?subject=${patients}&_count=500`),
    searchAll<Provenance>(
      base,
      `Provenance?agent=${practice.linkWorkers.map((lw) => `Practitioner/${lw}`).join(',')}&_count=500`,
    ),
  ]);
  const ours = new Set(tasks.map((t) => t.id));
  const history = (
    await searchAll<Task>(base, `Task/_history?_since=${encodeURIComponent(since)}&_count=500`)
  ).filter((t) => ours.has(t.id));
  const system = LINKWELL_IDENTIFIER_SYSTEMS;
  const goalIds = new Map(
    goals.flatMap((g) => (g.identifier ?? []).map((i) => [i.value ?? '', `Goal/${g.id ?? ''}`])),
  );
  const observationIds = new Map(
    observations.flatMap((o) =>
      (o.identifier ?? []).map((i) => [i.value ?? '', `Observation/${o.id ?? ''}`]),
    ),
  );
  const writtenOnce = [
    ...written.goals.map((id) => goalIds.get(id)),
    ...written.measures.flatMap((m) => m.observations.map((id) => observationIds.get(id))),
  ].filter((reference): reference is string => reference !== undefined);
  return {
    reports: [
      onceByIdentifier(
        'referral Task',
        tasks,
        system.referral,
        written.referrals,
        unanswered('GP: refer'),
      ),
      onceByIdentifier(
        'referral ServiceRequest',
        referrals,
        system.referral,
        written.referrals,
        unanswered('GP: refer'),
      ),
      onceByIdentifier('Goal', goals, system.goal, written.goals, unanswered('LW: add a goal')),
      onceByIdentifier(
        'outcome Observation',
        observations,
        system.outcome,
        written.measures.flatMap((m) => m.observations),
        // SWEMWBS: two scores, two Observations.
        2 * unanswered('LW: record a measure'),
      ),
    ],
    provenance: provenancePerWrite(provenances, writtenOnce, history),
  };
}
