import { useCallback, useMemo, useState } from 'react';
import { REFERRAL_TASK_STATUSES } from '@linkwell/profiles';
import type { LinkWorkerApi } from '../api/api-client';
import {
  DEFAULT_QUERY,
  caseloadView,
  statusLabel,
  type CaseloadQuery,
  type Order,
  type Show,
  type StatusFilter,
} from '../caseload/caseload-view';
import { loadPeople, people } from '../people/people';
import { CaseRow } from './CaseRow';
import { HeldReferrals } from './HeldReferrals';
import { Loading } from './SessionScreens';
import { ErrorSummary } from './ErrorSummary';
import { refusalText } from './form-errors';
import { useAction, useLoad } from './use-load';

export interface CaseloadPageProps {
  readonly api: LinkWorkerApi;
  readonly practitioner: string;
  readonly onOpen: (caseId: string) => void;
  /** Opens the form for a referral from anyone other than the GP. */
  readonly onNewReferral?: () => void;
}

/** The caseload's columns, in CaseRow's order. */
const COLUMNS = [
  'Name',
  'Needs',
  'Referred',
  'Waiting',
  'Status',
  'Next follow-up',
  'Link worker',
] as const;

/** A refusal to accept from the list says what it was about. */
const ACCEPT_OPTIONS = {
  words: (failure: unknown): string => `Not accepted: ${refusalText(failure)}`,
};

/** The service's open cases: counts, filters, name search and the queue. */
export function CaseloadPage({ api, practitioner, onOpen, onNewReferral }: CaseloadPageProps) {
  const [closed, setClosed] = useState(false);
  const load = useCallback(() => api.caseload(closed), [api, closed]);
  const [state, reload] = useLoad(load);
  const { busy, problems, run } = useAction(reload, ACCEPT_OPTIONS);
  // Accepting from the list opens the case, ready for the first contact.
  const accept = (caseId: string): void => {
    void run(() => api.change('POST', caseId, 'accept')).then((accepted) => {
      if (accepted) onOpen(caseId);
    });
  };
  const loadNames = useCallback(() => loadPeople(api), [api]);
  const [loadedNames] = useLoad(loadNames);
  const names = useMemo(
    () =>
      loadedNames.kind === 'ready'
        ? loadedNames.value
        : people({ practitioner, serviceOrg: '' }, []),
    [loadedNames, practitioner],
  );
  const [query, setQuery] = useState<CaseloadQuery>(DEFAULT_QUERY);
  const rows = useMemo(
    () => (state.kind === 'ready' ? caseloadView(state.value.cases, query, practitioner) : []),
    [state, query, practitioner],
  );
  const set = (patch: Partial<CaseloadQuery>): void => {
    setQuery((current) => ({ ...current, ...patch }));
  };

  return (
    <>
      <h1 className="nhsuk-heading-l">Caseload</h1>
      {onNewReferral === undefined ? null : (
        <p>
          <a
            href="/referrals/new"
            className="nhsuk-button nhsuk-button--secondary"
            onClick={(event) => {
              event.preventDefault();
              onNewReferral();
            }}
          >
            New referral
          </a>
        </p>
      )}
      <HeldReferrals api={api} />
      {state.kind === 'ready' ? (
        <p className="lw-count" aria-live="polite">
          <strong>{state.value.awaitingFirstContact}</strong>{' '}
          {state.value.awaitingFirstContact === 1 ? 'referral awaits' : 'referrals await'} first
          contact · {state.value.cases.length} {closed ? '' : 'open '}
          {state.value.cases.length === 1 ? 'case' : 'cases'}
        </p>
      ) : null}
      <form
        className="lw-filters"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
        }}
      >
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor="search">
            Search by name
          </label>
          <input
            id="search"
            className="nhsuk-input"
            type="search"
            value={query.search}
            onChange={(e) => {
              set({ search: e.target.value });
            }}
          />
        </div>
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor="show">
            Show
          </label>
          <select
            id="show"
            className="nhsuk-select"
            value={query.show}
            onChange={(e) => {
              set({ show: e.target.value as Show });
            }}
          >
            <option value="all">All cases</option>
            <option value="mine">My cases</option>
            <option value="unassigned">Unassigned</option>
          </select>
        </div>
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor="status">
            Status
          </label>
          <select
            id="status"
            className="nhsuk-select"
            value={query.status}
            onChange={(e) => {
              set({ status: e.target.value as StatusFilter });
            }}
          >
            <option value="any">Any status</option>
            {REFERRAL_TASK_STATUSES.filter((s) => s !== 'entered-in-error').map((s) => (
              <option key={s} value={s}>
                {statusLabel(s)}
              </option>
            ))}
          </select>
        </div>
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor="order">
            Sort by
          </label>
          <select
            id="order"
            className="nhsuk-select"
            value={query.order}
            onChange={(e) => {
              set({ order: e.target.value as Order });
            }}
          >
            <option value="newest">Newest referrals first</option>
            <option value="waiting-longest">Waiting longest first</option>
            <option value="follow-up">Next follow-up first</option>
          </select>
        </div>
        <div className="nhsuk-checkboxes__item">
          <input
            id="closed"
            className="nhsuk-checkboxes__input"
            type="checkbox"
            checked={closed}
            onChange={(e) => {
              setClosed(e.target.checked);
            }}
          />
          <label className="nhsuk-checkboxes__label" htmlFor="closed">
            Include closed cases
          </label>
        </div>
      </form>
      <ErrorSummary problems={problems} />
      {state.kind === 'loading' ? <Loading label="Loading the caseload…" /> : null}
      {state.kind === 'failed' ? (
        <div className="lw-problem" role="alert">
          <h2 className="nhsuk-heading-m">The caseload could not be loaded</h2>
          <p>{state.message}</p>
        </div>
      ) : null}
      {state.kind === 'ready' ? (
        <>
          {/* nhsuk-frontend's responsive table: a table on a desk, one card per case on a phone. */}
          <table className="nhsuk-table nhsuk-table--responsive nhsuk-table--compact" role="table">
            <caption className="nhsuk-u-visually-hidden">Cases, {rows.length} shown</caption>
            <thead className="nhsuk-table__head" role="rowgroup">
              <tr className="nhsuk-table__row" role="row">
                {COLUMNS.map((column) => (
                  <th key={column} className="nhsuk-table__header" scope="col" role="columnheader">
                    {column}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="nhsuk-table__body">
              {rows.map((row) => (
                <CaseRow
                  key={row.id}
                  row={row}
                  names={names}
                  onOpen={onOpen}
                  onAccept={accept}
                  busy={busy}
                />
              ))}
            </tbody>
          </table>
          {rows.length === 0 ? <p className="nhsuk-inset-text">No cases match.</p> : null}
        </>
      ) : null}
    </>
  );
}
