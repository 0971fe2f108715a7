import { useEffect, useState } from 'react';
import type { LinkWorkerApi } from '../api/api-client';
import { Figure, FigureTable, type ChartPoint } from './Figure';
import { shownText, signed } from './insights-view';
import type {
  EncounterRefreshStatus,
  HealthcareUse,
  HealthcareUseFigure,
} from '@linkwell/contracts';

const REFRESH = 'insights/healthcare-use/refresh';
const mean = (n: number): string => n.toFixed(2);

const interval = (f: HealthcareUseFigure): string =>
  f.ciLow.suppressed || f.ciHigh.suppressed
    ? 'fewer than 5'
    : `${signed(f.ciLow.value)} to ${signed(f.ciHigh.value)}`;

/** Before and after bars of the figures that can be shown (5 or more people followed up). */
function beforeAfterPoints(figures: readonly HealthcareUseFigure[]): ChartPoint[] {
  return figures.flatMap((f) =>
    f.meanBefore.suppressed || f.meanAfter.suppressed
      ? []
      : [
          { name: `${f.label}: before`, value: f.meanBefore.value },
          { name: `${f.label}: after`, value: f.meanAfter.value },
        ],
  );
}

function differencePoints(
  figures: readonly HealthcareUseFigure[],
  name: (f: HealthcareUseFigure) => string,
): ChartPoint[] {
  return figures.flatMap((f) =>
    f.meanDifference.suppressed
      ? []
      : [
          {
            name: name(f),
            value: f.meanDifference.value,
            ...(f.ciLow.suppressed || f.ciHigh.suppressed
              ? {}
              : {
                  error: [
                    f.meanDifference.value - f.ciLow.value,
                    f.ciHigh.value - f.meanDifference.value,
                  ] as const,
                }),
          },
        ],
  );
}

function GroupFigure({
  id,
  title,
  column,
  figures,
}: {
  id: string;
  title: string;
  column: string;
  figures: readonly HealthcareUseFigure[];
}) {
  // The chart draws GP contacts over 12 months per group; the table has every window and setting.
  const drawn = figures.filter((f) => f.setting === 'gp' && f.months === 12);
  return (
    <Figure
      id={id}
      title={title}
      points={differencePoints(drawn, (f) => f.group)}
      unit="change in GP contacts per person over 12 months"
    >
      <FigureTable
        caption={title}
        headers={[column, 'Window', 'People', 'Followed up', 'Before', 'After', 'Difference']}
        rows={figures.map((f) => [
          f.group,
          f.label,
          shownText(f.people),
          shownText(f.followedUp),
          shownText(f.meanBefore, mean),
          shownText(f.meanAfter, mean),
          shownText(f.meanDifference, signed),
        ])}
      />
    </Figure>
  );
}

/** Reads the Encounters again on request, shows how far it is, and reloads the figures after. */
function RefreshControl({
  api,
  latest,
  onDone,
}: {
  api: LinkWorkerApi;
  latest: EncounterRefreshStatus | null;
  onDone: () => void;
}) {
  const [job, setJob] = useState<EncounterRefreshStatus | null>(latest);
  const [problem, setProblem] = useState<string | undefined>();
  useEffect(() => {
    if (job?.status !== 'running') return;
    const timer = setTimeout(() => {
      api.get<EncounterRefreshStatus>(REFRESH).then(
        (next) => {
          setJob(next);
          if (next.status !== 'running') onDone();
        },
        (error: unknown) => {
          setProblem(error instanceof Error ? error.message : String(error));
        },
      );
    }, 400);
    return () => {
      clearTimeout(timer);
    };
  }, [api, job, onDone]);
  return (
    <div aria-live="polite">
      <button
        type="button"
        className="nhsuk-button nhsuk-button--secondary"
        disabled={job?.status === 'running'}
        onClick={() => {
          setProblem(undefined);
          api.post<EncounterRefreshStatus>(REFRESH, {}).then(
            (started) => {
              setJob(started);
              // Nothing to read finishes at once: the figures are reloaded all the same.
              if (started.status !== 'running') onDone();
            },
            (error: unknown) => {
              setProblem(error instanceof Error ? error.message : String(error));
            },
          );
        }}
      >
        Read Encounters from the GP record
      </button>
      {job === null ? null : job.status === 'running' ? (
        <p>
          <label htmlFor="encounter-progress">Reading Encounters: </label>
          <progress id="encounter-progress" max={1} value={job.progress} /> {job.read} of{' '}
          {job.patients} people
        </p>
      ) : job.status === 'failed' ? (
        <p className="lw-problem">
          Reading the Encounters failed part way; what was read is kept. Try again later.
          {(job.failedRecordNames ?? []).length === 0
            ? null
            : ` Not read from ${(job.failedRecordNames ?? []).join(', ')}: the people registered there keep their older figures.`}
        </p>
      ) : (
        <p>
          Encounters last read {new Date(job.finishedAt ?? job.startedAt).toLocaleString('en-GB')} (
          {job.patients} people needed reading).
        </p>
      )}
      {problem === undefined ? null : (
        <p className="lw-problem" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}

/** SHINE's primary outcome: GP contacts, emergency attendances and admissions before and after. */
export function HealthcareUseSection({
  use,
  api,
  onRefreshed,
}: {
  use: HealthcareUse;
  api: LinkWorkerApi;
  onRefreshed: () => void;
}) {
  return (
    <section className="lw-insights__section" aria-labelledby="healthcare-use">
      <h2 className="nhsuk-heading-m" id="healthcare-use">
        Healthcare use before and after referral
      </h2>
      <p>
        From the GP record&apos;s Encounters of people who agreed to share:{' '}
        <strong>{shownText(use.consented)}</strong> people with consent,{' '}
        {shownText(use.awaitingRead)} of them not read yet. {use.windowRule}
      </p>
      <RefreshControl api={api} latest={use.refresh} onDone={onRefreshed} />
      <h3 className="nhsuk-heading-s">How each Encounter is classified</h3>
      <ul className="nhsuk-list nhsuk-list--bullet" aria-label="How each Encounter is classified">
        {use.classification.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <Figure
        id="use-before-after"
        title="Mean per person before and after referral"
        points={beforeAfterPoints(use.overall)}
        unit="contacts per person"
      >
        <FigureTable
          caption="Mean per person before and after referral"
          headers={['Window', 'People', 'Followed up', 'Before', 'After']}
          rows={use.overall.map((f) => [
            f.label,
            shownText(f.people),
            shownText(f.followedUp),
            shownText(f.meanBefore, mean),
            shownText(f.meanAfter, mean),
          ])}
        />
      </Figure>
      <Figure
        id="use-difference"
        title="Paired difference, after minus before"
        points={differencePoints(use.overall, (f) => f.label)}
        unit="contacts per person"
      >
        <FigureTable
          caption="Paired difference with 95% confidence interval"
          headers={['Window', 'Followed up', 'Mean difference', '95% CI']}
          rows={use.overall.map((f) => [
            f.label,
            shownText(f.followedUp),
            shownText(f.meanDifference, signed),
            interval(f),
          ])}
        />
      </Figure>
      <GroupFigure
        id="use-practice"
        title="Healthcare use by practice"
        column="Practice"
        figures={use.byPractice}
      />
      <GroupFigure
        id="use-cohort"
        title="Healthcare use by referral month"
        column="Referral month"
        figures={use.byCohort}
      />
    </section>
  );
}
