import type { ReactNode } from 'react';
import type { CaseloadRow } from '@linkwell/contracts';
import { stageLabel } from '../caseload/caseload-view';
import { days, formatDate } from '../dates';
import type { People } from '../people/people';

/**
 * A cell of nhsuk-frontend's responsive table: on a phone the package shows each cell's column
 * heading beside its value (hidden from assistive technology, which has the column header).
 */
function Cell({ label, children }: { label: string; children: ReactNode }) {
  return (
    <td className="nhsuk-table__cell" role="cell">
      <span className="nhsuk-table__heading" aria-hidden="true">
        {label}{' '}
      </span>
      <div>{children}</div>
    </td>
  );
}

/** One case in the caseload: a table row on a desk, a card on a phone. */
export function CaseRow({
  row,
  names,
  onOpen,
  onAccept,
  busy,
}: {
  row: CaseloadRow;
  names: People;
  onOpen: (caseId: string) => void;
  /** Accepts a new referral and opens the case. */
  onAccept: (caseId: string) => void;
  busy: boolean;
}) {
  const name = row.patientName ?? 'Name not available';
  return (
    <tr className="nhsuk-table__row" role="row">
      <th className="nhsuk-table__header" scope="row" role="rowheader">
        <span className="nhsuk-table__heading" aria-hidden="true">
          Name{' '}
        </span>
        <div>
          <a
            href={`/cases/${row.id}`}
            onClick={(event) => {
              event.preventDefault();
              onOpen(row.id);
            }}
          >
            {name}
          </a>
          {row.priority === 'routine' ? null : (
            <>
              {' '}
              <span className="nhsuk-tag nhsuk-tag--red">{row.priority}</span>
            </>
          )}
        </div>
      </th>
      <Cell label="Needs">{row.needs.join(', ') || '—'}</Cell>
      <Cell label="Referred">{formatDate(row.referredAt)}</Cell>
      <Cell label="Waiting">
        {days(row.waitingDays)}
        {row.awaitingFirstContact ? (
          <span className="lw-chart__direction">no contact yet</span>
        ) : null}
      </Cell>
      <Cell label="Status">
        {stageLabel(row)}
        {row.status === 'requested' ? (
          <button
            type="button"
            className="nhsuk-button nhsuk-button--secondary lw-button--row"
            aria-label={`Accept referral: ${name}`}
            disabled={busy}
            onClick={() => {
              onAccept(row.id);
            }}
          >
            Accept referral
          </button>
        ) : null}
        {row.didNotAttend === undefined || row.didNotAttend === 0 ? null : (
          <span className="lw-chart__direction">
            {row.didNotAttend === 1 ? '1 missed meeting' : `${row.didNotAttend} missed meetings`}
          </span>
        )}
      </Cell>
      <Cell label="Next follow-up">
        {formatDate(row.nextFollowUp)}
        {row.followUpOverdue ? (
          <>
            {' '}
            <span className="nhsuk-tag nhsuk-tag--red">Overdue</span>
          </>
        ) : null}
      </Cell>
      <Cell label="Link worker">
        {row.assignedTo === undefined
          ? 'Unassigned'
          : names.nameOf(row.assignedTo, row.assignedToName).replace(/^another/, 'Another')}
        {row.cover === undefined ? null : (
          <span className="lw-chart__direction">
            {row.cover.active ? 'Covered by ' : 'Cover from '}
            {row.cover.active ? '' : `${formatDate(row.cover.from)} by `}
            {names.nameOf(row.cover.practitioner, row.cover.name)} until{' '}
            {formatDate(row.cover.until)}
          </span>
        )}
      </Cell>
    </tr>
  );
}
