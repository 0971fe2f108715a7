import { useCallback, useState } from 'react';
import type { LinkWorkerApi } from '../api/api-client';
import type { DiaryAppointment } from '@linkwell/contracts';
import { today } from '../dates';
import {
  appointmentLine,
  byDay,
  dayOf,
  daysFrom,
  mondayOf,
  STATUS_WORDS,
} from '../diary/appointments';
import { ErrorSummary } from './ErrorSummary';
import { choicesOf, RadioGroup } from './RadioGroup';
import { Loading } from './SessionScreens';
import { useLoad } from './use-load';

const SPANS = { day: 'Day', week: 'Week' };

const shift = (day: string, by: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + by * 86_400_000).toISOString().slice(0, 10);

/** The signed-in worker's diary, a day or a week at a time, each entry opening its case. */
export function DiaryPage({
  api,
  onOpen,
}: {
  api: LinkWorkerApi;
  onOpen: (caseId: string) => void;
}) {
  const [span, setSpan] = useState<'day' | 'week'>('day');
  const [day, setDay] = useState(today());
  const from = span === 'week' ? mondayOf(day) : day;
  const count = span === 'week' ? 7 : 1;
  const load = useCallback(() => api.diary(from, count), [api, from, count]);
  const [state] = useLoad(load);
  const grouped =
    state.kind === 'ready' ? byDay(state.value) : new Map<string, DiaryAppointment[]>();
  return (
    <>
      <h1 className="nhsuk-heading-l">Diary</h1>
      <div className="lw-inline-form">
        <RadioGroup
          name="diary-span"
          legend="Show"
          small
          inline
          choices={choicesOf(SPANS)}
          value={span}
          onChange={(value) => {
            setSpan(value === 'week' ? 'week' : 'day');
          }}
        />
        <div className="lw-button-row">
          <button
            type="button"
            className="nhsuk-button nhsuk-button--secondary"
            onClick={() => {
              setDay(shift(day, -count));
            }}
          >
            Previous {span}
          </button>
          <button
            type="button"
            className="nhsuk-button nhsuk-button--secondary"
            onClick={() => {
              setDay(today());
            }}
          >
            Today
          </button>
          <button
            type="button"
            className="nhsuk-button nhsuk-button--secondary"
            onClick={() => {
              setDay(shift(day, count));
            }}
          >
            Next {span}
          </button>
        </div>
      </div>
      {state.kind === 'loading' ? <Loading label="Loading the diary…" /> : null}
      {state.kind === 'failed' ? (
        <ErrorSummary
          focus={false}
          problems={[{ message: `The diary could not be loaded: ${state.message}` }]}
        />
      ) : null}
      {state.kind === 'ready'
        ? daysFrom(from, count).map((d) => {
            const entries = grouped.get(d) ?? [];
            return (
              <section
                key={d}
                className="nhsuk-card nhsuk-u-margin-bottom-4"
                aria-labelledby={`day-${d}`}
              >
                <div className="nhsuk-card__content">
                  <h2 className="nhsuk-heading-m" id={`day-${d}`}>
                    {dayOf(`${d}T12:00:00`)}
                  </h2>
                  {entries.length === 0 ? (
                    <p>Nothing booked.</p>
                  ) : (
                    <ul className="nhsuk-list nhsuk-list--border">
                      {entries.map((a) => (
                        <li key={a.id}>
                          <a
                            href={`/cases/${a.caseId}/diary`}
                            onClick={(e) => {
                              e.preventDefault();
                              onOpen(a.caseId);
                            }}
                          >
                            {a.patientName ?? 'Name not available'}
                          </a>{' '}
                          {appointmentLine(a)}
                          {a.status === 'booked' ? null : (
                            <>
                              {' '}
                              ·{' '}
                              <span className="nhsuk-tag nhsuk-tag--grey">
                                {STATUS_WORDS[a.status]}
                              </span>
                            </>
                          )}
                        </li>
                      ))}
                    </ul>
                  )}
                </div>
              </section>
            );
          })
        : null}
    </>
  );
}
