import type {
  CapacityState,
  DirectoryImport,
  ServiceCapacity,
  ServiceResult,
  ServiceSearch,
  TrackRecord,
} from '@linkwell/contracts';

// The directory search as the adapter answers it: the shapes are the contract's; the query the app
// builds and the words it shows are the app's.

export type {
  CapacityState,
  DirectoryImport,
  ServiceCapacity,
  ServiceResult,
  ServiceSearch,
  TrackRecord,
};

export interface ServiceQuery {
  readonly need?: string;
  readonly text?: string;
  /** Search near the person's address (their postcode, through the case). */
  readonly caseId?: string;
  readonly openNow?: boolean;
  readonly day?: string;
  readonly age?: number;
}

export function queryString(query: ServiceQuery): string {
  const params = new URLSearchParams();
  if (query.need !== undefined && query.need !== '') params.set('need', query.need);
  if (query.text !== undefined && query.text.trim() !== '') params.set('text', query.text.trim());
  if (query.caseId !== undefined) params.set('caseId', query.caseId);
  if (query.openNow === true) params.set('openNow', 'true');
  if (query.day !== undefined && query.day !== '') params.set('day', query.day);
  if (query.age !== undefined) params.set('age', String(query.age));
  return params.toString();
}

export const CAPACITY_TEXT: Record<CapacityState, string> = {
  'taking-referrals': 'Taking referrals',
  'waiting-list': 'Waiting list',
  paused: 'Paused',
  closed: 'Closed',
};

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
  return `${CAPACITY_TEXT[capacity.state]}${wait}${when}`;
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
