import { Figure, FigureTable } from './Figure';
import { DIMENSION_LABELS, chartable, days, percent, shownText, signed } from './insights-view';
import type { Bar, InsightsReport } from '@linkwell/contracts';

function CountFigure({
  id,
  title,
  bars,
  what,
}: {
  id: string;
  title: string;
  bars: readonly Bar[];
  what: string;
}) {
  return (
    <Figure id={id} title={title} points={chartable(bars, (b) => b.count)} unit={what}>
      <FigureTable
        caption={title}
        headers={[
          title.split(' by ')[1] ?? 'Group',
          `${what.charAt(0).toUpperCase()}${what.slice(1)}`,
        ]}
        rows={bars.map((b) => [b.label, shownText(b.count)])}
      />
    </Figure>
  );
}

export function FlowSection({ flow }: { flow: InsightsReport['flow'] }) {
  return (
    <section className="lw-insights__section" aria-labelledby="flow">
      <h2 className="nhsuk-heading-m" id="flow">
        Flow: {shownText(flow.referrals)} referrals
      </h2>
      <CountFigure
        id="flow-month"
        title="Referrals by month"
        bars={flow.byMonth}
        what="referrals"
      />
      <CountFigure
        id="flow-practice"
        title="Referrals by practice"
        bars={flow.byPractice}
        what="referrals"
      />
      <CountFigure id="flow-need" title="Referrals by need" bars={flow.byNeed} what="referrals" />
      <CountFigure
        id="flow-outcome"
        title="Referrals by outcome"
        bars={flow.byOutcome}
        what="referrals"
      />
      <CountFigure
        id="flow-declined"
        title="Declined by reason"
        bars={flow.declineReasons}
        what="referrals"
      />
      <CountFigure
        id="flow-caseload"
        title="Open caseload by worker"
        bars={flow.openByWorker}
        what="open cases"
      />
    </section>
  );
}

export function TimelinessSection({ timeliness }: { timeliness: InsightsReport['timeliness'] }) {
  const points = timeliness.measures.flatMap((m) => [
    ...(m.medianDays.suppressed
      ? []
      : [{ name: `${m.label} (median)`, value: m.medianDays.value }]),
    ...(m.p90Days.suppressed
      ? []
      : [{ name: `${m.label} (90th percentile)`, value: m.p90Days.value }]),
  ]);
  return (
    <section className="lw-insights__section" aria-labelledby="timeliness">
      <h2 className="nhsuk-heading-m" id="timeliness">
        Timeliness
      </h2>
      <p>
        Overdue follow-ups: <strong>{shownText(timeliness.overdueFollowUps)}</strong> of{' '}
        {shownText(timeliness.openCases)} open cases.
      </p>
      <Figure id="time-days" title="Days from referral" points={points} unit="days">
        <FigureTable
          caption="Days from referral"
          headers={['From referral to', 'Referrals', 'Median', '90th percentile']}
          rows={timeliness.measures.map((m) => [
            m.label.replace('Referral to ', ''),
            shownText(m.referrals),
            shownText(m.medianDays, days),
            shownText(m.p90Days, days),
          ])}
        />
      </Figure>
    </section>
  );
}

export function SupportSection({ support }: { support: InsightsReport['support'] }) {
  const byService = support.onward.map((o) => ({ ...o, label: `${o.service}: ${o.label}` }));
  return (
    <section className="lw-insights__section" aria-labelledby="support">
      <h2 className="nhsuk-heading-m" id="support">
        Support
      </h2>
      <dl className="nhsuk-summary-list">
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">Cases worked</dt>
          <dd className="nhsuk-summary-list__value">{shownText(support.cases)}</dd>
        </div>
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">Contacts per case (mean, median)</dt>
          <dd className="nhsuk-summary-list__value">
            {shownText(support.contactsPerCase)}, {shownText(support.medianContacts)}
          </dd>
        </div>
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">Meetings per case (mean, median)</dt>
          <dd className="nhsuk-summary-list__value">
            {shownText(support.meetingsPerCase)}, {shownText(support.medianMeetings)}
          </dd>
        </div>
      </dl>
      <Figure
        id="support-onward"
        title="Onward referrals by service and outcome"
        points={chartable(byService, (o) => o.count)}
        unit="onward referrals"
      >
        <FigureTable
          caption="Onward referrals by service and outcome"
          headers={['Service', 'What came of it', 'Onward referrals']}
          rows={support.onward.map((o) => [o.service, o.label, shownText(o.count)])}
        />
      </Figure>
    </section>
  );
}

export function OutcomesSection({ outcomes }: { outcomes: InsightsReport['outcomes'] }) {
  const points = outcomes.flatMap((o) =>
    o.meanChange.suppressed || o.ciLow.suppressed || o.ciHigh.suppressed
      ? []
      : [
          {
            name: o.label,
            value: o.meanChange.value,
            error: [
              o.meanChange.value - o.ciLow.value,
              o.ciHigh.value - o.meanChange.value,
            ] as const,
          },
        ],
  );
  return (
    <section className="lw-insights__section" aria-labelledby="outcomes">
      <h2 className="nhsuk-heading-m" id="outcomes">
        Outcomes
      </h2>
      <p>
        Change from a person&apos;s first baseline to their latest follow-up, for people with both;
        someone referred more than once counts once. Lower is better for anxiety and loneliness.
      </p>
      <Figure
        id="outcomes-change"
        title="Mean change with 95% confidence interval"
        points={points}
        unit="score points"
      >
        <FigureTable
          caption="Mean change with 95% confidence interval"
          headers={[
            'Measure',
            'People with both',
            'Mean change',
            '95% CI',
            'Meaningful improvement',
            'Threshold',
          ]}
          rows={outcomes.map((o) => [
            o.label,
            shownText(o.people),
            shownText(o.meanChange, signed),
            o.ciLow.suppressed || o.ciHigh.suppressed
              ? 'fewer than 5'
              : `${signed(o.ciLow.value)} to ${signed(o.ciHigh.value)}`,
            shownText(o.passedShare, percent),
            `${o.threshold} points ${o.higherIsBetter ? 'up' : 'down'}`,
          ])}
        />
      </Figure>
      <details className="nhsuk-details">
        <summary className="nhsuk-details__summary">
          <span className="nhsuk-details__summary-text">Where the thresholds come from</span>
        </summary>
        <div className="nhsuk-details__text">
          <ul className="nhsuk-list nhsuk-list--bullet">
            {outcomes.map((o) => (
              <li key={o.key}>
                <strong>{o.label}</strong>: {o.thresholdSource}
              </li>
            ))}
          </ul>
        </div>
      </details>
    </section>
  );
}

export function EquitySection({ equity }: { equity: InsightsReport['equity'] }) {
  return (
    <section className="lw-insights__section" aria-labelledby="equity">
      <h2 className="nhsuk-heading-m" id="equity">
        Reach and equity
      </h2>
      <p>
        Referrals count each referral. People with an outcome count each person once, in the group
        of their first referral in view.
      </p>
      {(Object.keys(DIMENSION_LABELS) as (keyof typeof DIMENSION_LABELS)[]).map((dimension) => {
        const rows = equity.filter((e) => e.dimension === dimension);
        const title = `Referrals by ${DIMENSION_LABELS[dimension].toLowerCase()}`;
        return (
          <Figure
            key={dimension}
            id={`equity-${dimension}`}
            title={title}
            points={chartable(
              rows.map((r) => ({ ...r, label: r.group })),
              (r) => r.referrals,
            )}
            unit="referrals"
          >
            <FigureTable
              caption={title}
              headers={[
                DIMENSION_LABELS[dimension],
                'Referrals',
                'People with baseline and follow-up',
                'People meaningfully improved',
              ]}
              rows={rows.map((r) => [
                r.group,
                shownText(r.referrals),
                shownText(r.withOutcome),
                shownText(r.improved),
              ])}
            />
          </Figure>
        );
      })}
    </section>
  );
}
