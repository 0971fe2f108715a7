import { REFERRAL_BUSINESS_STATUSES, type ReferralTaskStatus } from '@linkwell/profiles';
import type { CaseloadRow } from '@linkwell/contracts';

export type Show = 'all' | 'mine' | 'unassigned';
export type Order = 'newest' | 'waiting-longest' | 'follow-up';
export type StatusFilter = 'any' | ReferralTaskStatus;

export interface CaseloadQuery {
  readonly show: Show;
  readonly status: StatusFilter;
  /** Part of the person's name, any case. */
  readonly search: string;
  readonly order: Order;
}

export const DEFAULT_QUERY: CaseloadQuery = {
  show: 'all',
  status: 'any',
  search: '',
  order: 'newest',
};

const STATUS_LABELS: Record<ReferralTaskStatus, string> = {
  requested: 'New referral',
  accepted: 'Accepted',
  rejected: 'Not accepted',
  'in-progress': 'In progress',
  'on-hold': 'On hold',
  completed: 'Completed',
  cancelled: 'Cancelled',
  failed: 'Closed: did not engage',
  'entered-in-error': 'Entered in error',
};

export const statusLabel = (status: ReferralTaskStatus): string => STATUS_LABELS[status];

/** What the caseload says about where a case is: the business status once there is one. */
export function stageLabel(row: Pick<CaseloadRow, 'status' | 'businessStatus'>): string {
  if (row.status === 'requested' || row.businessStatus === undefined)
    return statusLabel(row.status);
  return REFERRAL_BUSINESS_STATUSES[row.businessStatus];
}

const byNewest = (a: CaseloadRow, b: CaseloadRow): number =>
  b.referredAt.localeCompare(a.referredAt);
const ORDERS: Record<Order, (a: CaseloadRow, b: CaseloadRow) => number> = {
  newest: byNewest,
  'waiting-longest': (a, b) =>
    Number(b.awaitingFirstContact) - Number(a.awaitingFirstContact) ||
    b.waitingDays - a.waitingDays ||
    byNewest(a, b),
  'follow-up': (a, b) =>
    (a.nextFollowUp ?? '9999').localeCompare(b.nextFollowUp ?? '9999') || byNewest(a, b),
};

/** The rows the link worker asked for, in the order asked (pure; a few hundred rows is instant). */
export function caseloadView(
  rows: readonly CaseloadRow[],
  query: CaseloadQuery,
  practitioner: string,
): CaseloadRow[] {
  const words = query.search.trim().toLowerCase().split(/\s+/).filter(Boolean);
  return (
    rows
      .filter((row) => {
        // A case I cover for an absent colleague is mine while the cover lasts.
        const covering = row.cover?.active === true && row.cover.practitioner === practitioner;
        if (query.show === 'mine' && row.assignedTo !== practitioner && !covering) return false;
        if (query.show === 'unassigned' && row.assignedTo !== undefined) return false;
        if (query.status !== 'any' && row.status !== query.status) return false;
        const name = (row.patientName ?? '').toLowerCase();
        return words.every((word) => name.includes(word));
      })
      // Overdue follow-ups come first whatever the order: they are the day's first calls.
      .sort(
        (a, b) =>
          Number(b.followUpOverdue) - Number(a.followUpOverdue) || ORDERS[query.order](a, b),
      )
  );
}
