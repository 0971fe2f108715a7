import type { Instrument } from '@linkwell/profiles';
import type { AnswersRecord } from '@linkwell/contracts';
import { formatDate } from '../dates';
import { INSTRUMENT_FORMS, scoreAnswers } from '../outcomes/instruments';
import { SyncBadge, type SyncLookup } from './SyncBadge';

const RANGES: Record<Instrument, [number, number]> = {
  ons4: [0, 10],
  swemwbs: [7, 35],
  ucla3: [3, 9],
};
const show = (n: number): string => (Number.isInteger(n) ? String(n) : n.toFixed(2));

/** The headline scores of an instrument's records, oldest first. */
function scoresOf(instrument: Instrument, records: readonly AnswersRecord[]) {
  return [...records]
    .sort((a, b) => a.authored.localeCompare(b.authored))
    .flatMap((r) => {
      const scored = scoreAnswers(instrument, r.answers);
      return scored.ok ? [{ record: r, value: scored.headline }] : [];
    });
}

/** The change from baseline to the latest, in words ("Better by 3 since baseline."). */
function changeSummary(instrument: Instrument, points: readonly { value: number }[]): string {
  const first = points[0];
  const last = points[points.length - 1];
  const change =
    first !== undefined && last !== undefined && points.length > 1
      ? last.value - first.value
      : undefined;
  const better =
    change === undefined || change === 0
      ? undefined
      : change > 0 === INSTRUMENT_FORMS[instrument].higherIsBetter;
  return change === undefined
    ? 'Baseline only so far.'
    : change === 0
      ? 'No change since baseline.'
      : `${better === true ? 'Better' : 'Worse'} by ${show(Math.abs(change))} since baseline.`;
}

/** One line for an instrument: its headline, the latest score and the change (none if unrecorded). */
export function scoreLine(
  instrument: Instrument,
  records: readonly AnswersRecord[],
): string | undefined {
  const points = scoresOf(instrument, records);
  const last = points[points.length - 1];
  if (last === undefined) return undefined;
  return `${INSTRUMENT_FORMS[instrument].headline}: ${show(last.value)}. ${changeSummary(instrument, points)}`;
}

/** Baseline against follow-ups for one instrument: a small line chart, a table and the change. */
export function OutcomeChart({
  instrument,
  records,
  sync,
  onRetry,
}: {
  instrument: Instrument;
  records: readonly AnswersRecord[];
  sync: SyncLookup;
  onRetry: (seq: number) => Promise<void>;
}) {
  if (records.length === 0) return null;
  const form = INSTRUMENT_FORMS[instrument];
  const points = scoresOf(instrument, records);
  const [low, high] = RANGES[instrument];
  const x = (i: number): number =>
    30 + (points.length === 1 ? 120 : (i * 240) / (points.length - 1));
  const y = (v: number): number => 110 - ((v - low) / (high - low)) * 100;
  const summary = changeSummary(instrument, points);
  return (
    <figure className="lw-chart">
      <figcaption className="lw-chart__title">
        {form.headline}
        <span className="lw-chart__direction">
          {form.higherIsBetter ? 'Higher is better' : 'Lower is better'} · {summary}
        </span>
      </figcaption>
      <svg
        className="lw-chart__svg"
        viewBox="0 0 300 120"
        role="img"
        aria-label={`${form.headline}: ${points.map((p) => show(p.value)).join(', ')}`}
      >
        <line className="lw-chart__axis" x1="25" y1="110" x2="290" y2="110" />
        <polyline
          className="lw-chart__line"
          points={points.map((p, i) => `${x(i)},${y(p.value)}`).join(' ')}
        />
        {points.map((p, i) => (
          <g key={p.record.id}>
            <circle className="lw-chart__point" cx={x(i)} cy={y(p.value)} r="4" />
            <text className="lw-chart__label" x={x(i)} y={y(p.value) - 8} textAnchor="middle">
              {show(p.value)}
            </text>
          </g>
        ))}
      </svg>
      {/* The package's compact table at the working screens' 16 px, flush with the chart's foot. */}
      <table className="nhsuk-table nhsuk-table--compact nhsuk-u-font-size-16 nhsuk-u-margin-bottom-0">
        <caption className="nhsuk-u-visually-hidden">{form.title} results</caption>
        <thead className="nhsuk-table__head">
          <tr className="nhsuk-table__row">
            <th className="nhsuk-table__header" scope="col">
              When
            </th>
            <th className="nhsuk-table__header" scope="col">
              Timing
            </th>
            <th className="nhsuk-table__header" scope="col">
              Score
            </th>
            <th className="nhsuk-table__header" scope="col">
              GP record
            </th>
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {points.map((p) => (
            <tr key={p.record.id} className="nhsuk-table__row">
              <td className="nhsuk-table__cell">{formatDate(p.record.authored)}</td>
              <td className="nhsuk-table__cell">
                {p.record.timing === 'baseline' ? 'Baseline' : 'Follow-up'}
              </td>
              <td className="nhsuk-table__cell">{show(p.value)}</td>
              <td className="nhsuk-table__cell">
                <SyncBadge
                  shared={p.record.shared}
                  state={sync('outcome', p.record.id)}
                  onRetry={onRetry}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
