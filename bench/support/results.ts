import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// What benchmarks print and keep: percentiles of samples, a plain-text table, and the figures as
// JSON in LINKWELL_BENCH_RESULTS_DIR (default .data/bench, ignored by git), one file per benchmark.

export interface Percentiles {
  readonly count: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
}

/** Nearest-rank percentiles of `samples` (NaN when there are none). */
export function percentiles(samples: readonly number[]): Percentiles {
  const sorted = samples.filter((s) => Number.isFinite(s)).sort((a, b) => a - b);
  const at = (q: number): number =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
  return { count: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: at(1) };
}

/** Columns padded to their widest cell; numbers right-aligned. */
export function table(
  header: readonly string[],
  rows: readonly (readonly (string | number)[])[],
): string {
  const cells = [header, ...rows].map((row) => row.map((cell) => String(cell)));
  const widths = header.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? '').length)));
  const line = (row: readonly string[], numeric: (i: number) => boolean): string =>
    row
      .map((cell, i) => (numeric(i) ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  const isNumber = (i: number): boolean => rows.some((row) => typeof row[i] === 'number');
  return [
    line(cells[0] ?? [], () => false),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...cells.slice(1).map((row) => line(row, isNumber)),
  ].join('\n');
}

/** Writes `figures` as `<name>.json`; returns the path. */
export function writeResults(name: string, figures: unknown): string {
  const dir =
    process.env.LINKWELL_BENCH_RESULTS_DIR ?? join(__dirname, '..', '..', '.data', 'bench');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.json`);
  writeFileSync(
    path,
    `${JSON.stringify({ measuredAt: new Date().toISOString(), ...(figures as object) }, null, 2)}\n`,
  );
  return path;
}
