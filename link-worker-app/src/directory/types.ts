import {
  CAPACITY_LABELS,
  type CapacityState,
  type DirectoryImport,
  type DirectoryQuery,
  type ServiceCapacity,
  type ServiceResult,
  type ServiceSearch,
  type TrackRecord,
} from '@linkwell/contracts';

// The directory search as the adapter answers it: the shapes, the query and the capacity words are
// the contract's; how the app puts them into words is the app's.

export type {
  CapacityState,
  DirectoryImport,
  ServiceCapacity,
  ServiceResult,
  ServiceSearch,
  TrackRecord,
};

/** What the search form asks: near the person's address (their postcode, through `caseId`). */
export type ServiceQuery = Pick<
  DirectoryQuery,
  'need' | 'text' | 'caseId' | 'openNow' | 'day' | 'age'
>;

/** The query as `GET /api/directory/services` reads it (DirectoryQuery). */
export function queryString(query: ServiceQuery): string {
  const params = new URLSearchParams();
  if (query.need !== undefined && query.need !== '') params.set('need', query.need);
  if (query.text !== undefined && query.text.trim() !== '') params.set('text', query.text.trim());
  if (query.caseId !== undefined) params.set('caseId', query.caseId);
  if (query.openNow === true) params.set('openNow', 'true');
  if (query.day !== undefined) params.set('day', query.day);
  if (query.age !== undefined) params.set('age', String(query.age));
  return params.toString();
}

export const capacityWarns = (capacity: ServiceCapacity | undefined): boolean =>
  capacity?.state === 'paused' || capacity?.state === 'closed';

export function capacityText(capacity: ServiceCapacity): string {
  const wait =
    capacity.state === 'waiting-list' && capacity.expectedWaitWeeks !== undefined
      ? `, about ${capacity.expectedWaitWeeks} weeks`
      : '';
  const when =
    capacity.confirmedAt === undefined
      ? ''
      : ` (${capacity.confirmedBy === 'feed' ? 'as the directory says' : 'confirmed'} ${capacity.confirmedAt.slice(0, 10)})`;
  return `${CAPACITY_LABELS[capacity.state]}${wait}${when}`;
}

export function trackRecordText(record: TrackRecord | undefined): string {
  if (record === undefined || record.referrals === 0) return 'No referrals from us yet.';
  const pct = (v: number | undefined): string =>
    v === undefined ? 'not known yet' : `${Math.round(v * 100)}%`;
  const days =
    record.medianDaysToReply === undefined
      ? 'no replies yet'
      : `${record.medianDaysToReply} days to reply (median)`;
  return `${record.referrals} referred; accepted ${pct(record.acceptanceRate)}; ${days}; attended ${pct(record.attendanceRate)}`;
}
