import type { LinkWorkerApi } from '../src/api/api-client';
import type {
  CaseDetails,
  CaseloadRow,
  CaseRecordDetail,
  CommunityService,
} from '../src/api/types';

// An in-memory LinkWorkerApi for component tests: it records every change it is asked for.

export const ME = 'Practitioner/lw-lw-carter';

export function caseloadRow(id: string, patch: Partial<CaseloadRow> = {}): CaseloadRow {
  return {
    id,
    status: 'requested',
    receivedAt: '2025-03-01T10:00:00Z',
    updatedAt: '2025-03-01T10:00:00Z',
    priority: 'routine',
    needs: ['Loneliness'],
    referredAt: '2025-03-01T10:00:00Z',
    waitingDays: 3,
    awaitingFirstContact: true,
    contactAttempts: 0,
    followUpOverdue: false,
    ...patch,
  };
}

export function caseRecord(patch: Partial<CaseRecordDetail> = {}): CaseRecordDetail {
  return {
    id: 'case-1',
    status: 'in-progress',
    businessStatus: 'contacted',
    assignedTo: ME,
    receivedAt: '2025-03-01T10:00:00Z',
    updatedAt: '2025-03-01T10:00:00Z',
    contactAttempts: [],
    notes: [],
    goals: [],
    questionnaires: [],
    onwardReferrals: [],
    ...patch,
  };
}

export const DETAILS: CaseDetails = {
  referral: {
    authoredOn: '2025-03-01T09:30:00Z',
    priority: 'urgent',
    needs: [{ code: 'loneliness', display: 'Loneliness' }],
    context: 'Lost her husband in January',
    contactPreferences: [{ code: 'phone', display: 'Telephone call' }],
    patient: { name: 'Margaret Ellison', birthDate: '1944-03-12', phone: '01234 567890' },
  },
  nextFollowUp: null,
  syncStates: [],
};

export const SERVICES: CommunityService[] = [
  {
    id: 'lw-cs-walking',
    name: 'Riverside Ramblers walking group',
    offers: 'Friendly weekly walks',
    where: 'Riverside Park gates, Park Road',
  },
];

export interface FakeApi extends LinkWorkerApi {
  readonly changes: { method: string; path: string; body?: object }[];
  readonly retried: number[];
}

export function fakeApi(data: {
  rows?: CaseloadRow[];
  record?: CaseRecordDetail;
  details?: CaseDetails;
  refuse?: Error;
}): FakeApi {
  const changes: FakeApi['changes'] = [];
  const retried: number[] = [];
  const rows = data.rows ?? [];
  return {
    changes,
    retried,
    me: () => Promise.resolve({ practitioner: ME, serviceOrg: 'svc' }),
    caseload: () =>
      data.refuse
        ? Promise.reject(data.refuse)
        : Promise.resolve({
            cases: rows,
            awaitingFirstContact: rows.filter((r) => r.awaitingFirstContact).length,
          }),
    caseRecord: () => Promise.resolve(data.record ?? caseRecord()),
    caseDetails: () => Promise.resolve(data.details ?? DETAILS),
    services: () => Promise.resolve(SERVICES),
    change: (method, _caseId, path, body) => {
      changes.push({ method, path, ...(body === undefined ? {} : { body }) });
      return Promise.resolve();
    },
    retrySync: (seq) => {
      retried.push(seq);
      return Promise.resolve();
    },
  };
}
