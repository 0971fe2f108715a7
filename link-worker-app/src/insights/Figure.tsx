import { Bar, BarChart, CartesianGrid, ErrorBar, XAxis, YAxis } from 'recharts';

export interface ChartPoint {
  readonly name: string;
  readonly value: number;
  /** Distance below and above `value` (a confidence interval), when the chart draws one. */
  readonly error?: readonly [number, number];
}

/** One figure: a bar chart and, beside it, the table that carries its numbers for everyone. */
export function Figure({
  id,
  title,
  points,
  unit,
  children,
}: {
  id: string;
  title: string;
  points: readonly ChartPoint[];
  /** What the bars measure, read out with the chart ("referrals", "days"). */
  unit: string;
  children: React.ReactNode;
}) {
  const height = Math.max(160, 36 * points.length + 48);
  return (
    <section className="lw-figure" aria-labelledby={id}>
      <h3 className="nhsuk-heading-s" id={id}>
        {title}
      </h3>
      <div className="lw-figure__body">
        <div
          className="lw-figure__chart"
          role="img"
          aria-label={`Bar chart of ${title.toLowerCase()} in ${unit}; the table beside it gives the numbers.`}
        >
          {points.length === 0 ? (
            <p className="lw-figure__empty">Nothing to draw: no figures of 5 or more.</p>
          ) : (
            <BarChart
              width={420}
              height={height}
              data={points.map((p) => ({ ...p, error: p.error ? [...p.error] : undefined }))}
              layout="vertical"
              margin={{ top: 8, right: 24, bottom: 8, left: 8 }}
              accessibilityLayer={false}
            >
              <CartesianGrid strokeDasharray="3 3" horizontal={false} />
              <XAxis type="number" allowDecimals />
              <YAxis type="category" dataKey="name" width={150} tick={{ fontSize: 13 }} />
              <Bar dataKey="value" fill="#005eb8" isAnimationActive={false}>
                {points.some((p) => p.error !== undefined) ? (
                  <ErrorBar dataKey="error" width={6} stroke="#212b32" direction="x" />
                ) : null}
              </Bar>
            </BarChart>
          )}
        </div>
        {/* A wide table scrolls sideways: a focusable region, so a keyboard can scroll it too. */}
        <div
          className="nhsuk-table-container lw-figure__table"
          role="region"
          aria-label={`${title}: the numbers`}
          tabIndex={0}
        >
          {children}
        </div>
      </div>
    </section>
  );
}

/** A plain table of the figure's numbers, first column the row headers. */
export function FigureTable({
  caption,
  headers,
  rows,
}: {
  caption: string;
  headers: readonly string[];
  rows: readonly (readonly string[])[];
}) {
  return (
    <table className="nhsuk-table nhsuk-table--compact">
      <caption className="nhsuk-table__caption nhsuk-table__caption--s">{caption}</caption>
      <thead className="nhsuk-table__head">
        <tr className="nhsuk-table__row">
          {headers.map((h) => (
            <th key={h} className="nhsuk-table__header" scope="col">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="nhsuk-table__body">
        {rows.length === 0 ? (
          <tr className="nhsuk-table__row">
            <td className="nhsuk-table__cell" colSpan={headers.length}>
              None in this view.
            </td>
          </tr>
        ) : (
          rows.map((row) => (
            <tr key={row.join('|')} className="nhsuk-table__row">
              {row.map((cell, i) =>
                i === 0 ? (
                  <th key={`${i}-${cell}`} className="nhsuk-table__header" scope="row">
                    {cell}
                  </th>
                ) : (
                  <td key={`${i}-${cell}`} className="nhsuk-table__cell">
                    {cell}
                  </td>
                ),
              )}
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}
