import type { ReactNode } from 'react';
import { formatDate } from '../dates';
import { changeOf, directionText, type MeasureSeries } from '../dashboard/outcomes';

const [WIDTH, HEIGHT, PAD] = [300, 110, 18];

function changeText(series: MeasureSeries): { text: string; tone: string } {
  const { change, by } = changeOf(series);
  switch (change) {
    case 'better':
      return { text: `Better by ${by}`, tone: 'green' };
    case 'worse':
      return { text: `Worse by ${by}`, tone: 'red' };
    case 'same':
      return { text: 'No change', tone: 'grey' };
    case 'single':
      return { text: 'Baseline only', tone: 'grey' };
  }
}

/** One measure over time: a small line chart, baseline against latest in words, and the data. */
export function OutcomeChart({ series }: { readonly series: MeasureSeries }): ReactNode {
  const { points, min, max } = series;
  const first = points[0];
  const last = points[points.length - 1];
  const x = (i: number): number =>
    points.length < 2 ? WIDTH / 2 : PAD + (i * (WIDTH - 2 * PAD)) / (points.length - 1);
  const y = (value: number): number =>
    HEIGHT - PAD - ((value - min) / (max - min || 1)) * (HEIGHT - 2 * PAD);
  const change = changeText(series);
  return (
    <figure className="lw-chart">
      <figcaption>
        <span className="lw-chart__title">{series.label}</span>{' '}
        <strong className={`nhsuk-tag nhsuk-tag--${change.tone}`}>{change.text}</strong>
        <span className="lw-chart__direction">{directionText(series)}</span>
      </figcaption>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        className="lw-chart__svg"
        aria-hidden="true"
        focusable="false"
      >
        <line x1={PAD} x2={WIDTH - PAD} y1={y(min)} y2={y(min)} className="lw-chart__axis" />
        <line x1={PAD} x2={WIDTH - PAD} y1={y(max)} y2={y(max)} className="lw-chart__grid" />
        <text x={2} y={y(max) + 4} className="lw-chart__label">
          {max}
        </text>
        <text x={2} y={y(min) + 4} className="lw-chart__label">
          {min}
        </text>
        <polyline
          className="lw-chart__line"
          points={points.map((p, i) => `${x(i)},${y(p.value)}`).join(' ')}
        />
        {points.map((p, i) => (
          <circle
            key={`${p.date}-${i}`}
            cx={x(i)}
            cy={y(p.value)}
            r={4}
            className="lw-chart__point"
          />
        ))}
      </svg>
      {first !== undefined && last !== undefined && (
        <p className="lw-chart__summary">
          Baseline {first.value} ({formatDate(first.date)})
          {points.length > 1 ? `, latest ${last.value} (${formatDate(last.date)})` : ''}
        </p>
      )}
      <table className="nhsuk-u-visually-hidden">
        <caption>{series.label} scores</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Score</th>
          </tr>
        </thead>
        <tbody>
          {points.map((p, i) => (
            <tr key={`${p.date}-${i}`}>
              <td>{formatDate(p.date)}</td>
              <td>{p.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
