import type { Sample, Written } from './load-users';
import type { OnceFigures } from './load-sync';
import { percentiles, table, writeResults, type Percentiles } from './results';

// The load run's figures: a table per action (requests, errors, p50/p95/p99, and the same request
// alone on the idle stack before the run), the error rate and why, what is on the FHIR server
// exactly once, and the same as JSON.

export interface LoadFigures {
  readonly settings: Record<string, number>;
  readonly samples: readonly Sample[];
  /** The same actions alone (one user, idle stack), through the same parts and straight to HAPI. */
  readonly alone: Readonly<Record<string, readonly number[]>>;
  readonly written: Written;
  readonly wallSeconds: number;
  readonly drainSeconds: number;
  readonly held: number;
  readonly once: OnceFigures;
}

const out = (text: string): void => {
  process.stdout.write(`${text}\n`);
};
const ms = (value: number): number | string => (Number.isFinite(value) ? Math.round(value) : '-');

export function reportLoad(figures: LoadFigures): void {
  const { samples, written, once } = figures;
  const actions = [...new Set(samples.map((s) => s.action))].sort();
  const alone = Object.fromEntries(
    Object.entries(figures.alone).map(([action, list]) => [action, percentiles(list)]),
  );
  const rows: (Percentiles & { action: string; requests: number; errors: number })[] = [
    ...actions.map((action) => samples.filter((s) => s.action === action)),
    [...samples],
  ].map((mine, i) => ({
    action: actions[i] ?? 'all',
    requests: mine.length,
    errors: mine.filter((s) => !s.ok).length,
    ...percentiles(mine.filter((s) => s.ok).map((s) => s.ms)),
  }));
  out(
    table(
      ['action', 'requests', 'errors', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'alone p50 ms'],
      rows.map((r) => [
        r.action,
        r.requests,
        r.errors,
        ms(r.p50),
        ms(r.p95),
        ms(r.p99),
        ms(r.max),
        ms(alone[r.action]?.p50 ?? NaN),
      ]),
    ),
  );
  for (const [action, p] of Object.entries(alone)) {
    if (!actions.includes(action)) out(`alone: ${action} p50 ${String(ms(p.p50))} ms`);
  }
  const all = rows[rows.length - 1];
  const errorRate = (all?.errors ?? 0) / Math.max(1, all?.requests ?? 0);
  out(
    `${String(all?.requests)} requests in ${figures.wallSeconds.toFixed(1)} s ` +
      `(${((all?.requests ?? 0) / figures.wallSeconds).toFixed(0)}/s), error rate ${(100 * errorRate).toFixed(2)}%; ` +
      `${String(written.referrals.length)} referrals, ${String(written.accepted.length)} cases accepted; ` +
      `sync drained ${figures.drainSeconds.toFixed(1)} s after the run, ${String(figures.held)} changes held`,
  );
  for (const [why, n] of written.errors) out(`  error x${String(n)}: ${why}`);
  out(
    table(
      [
        'on the FHIR server once?',
        'expected',
        'found',
        'missing',
        'duplicated',
        'unexpected',
        'timed out or unanswered',
      ],
      once.reports.map((r) => [
        r.what,
        r.expected,
        r.found,
        r.missing,
        r.duplicated,
        r.unexpected,
        r.unanswered,
      ]),
    ),
  );
  const p = once.provenance;
  out(
    `Provenance: ${String(p.provenances)}; Goals and Observations not the target of exactly one: ` +
      `${String(p.writtenOnceNotOnce)}; Task writes ${String(p.taskWrites)}, their Provenances ` +
      `${String(p.taskProvenances)}; Task versions repeating the one before: ${String(p.repeatedTaskVersions)}`,
  );
  const everyWriteOnce =
    once.reports.every(
      (r) => r.missing === 0 && r.duplicated === 0 && r.unexpected <= r.unanswered,
    ) &&
    p.writtenOnceNotOnce === 0 &&
    p.taskWrites === p.taskProvenances &&
    p.repeatedTaskVersions === 0;
  out(`every write on the FHIR server exactly once: ${everyWriteOnce ? 'yes' : 'NO'}`);
  const path = writeResults('load', {
    everyWriteOnce,
    ...figures.settings,
    wallSeconds: figures.wallSeconds,
    requests: all?.requests,
    errors: all?.errors,
    errorRate,
    actions: rows,
    alone,
    errorKinds: Object.fromEntries(written.errors),
    unanswered: Object.fromEntries(written.unanswered),
    referrals: written.referrals.length,
    accepted: written.accepted.length,
    goals: written.goals.length,
    measures: written.measures.length,
    drainSeconds: figures.drainSeconds,
    held: figures.held,
    exactlyOnce: once,
  });
  out(`figures written to ${path}`);
}
