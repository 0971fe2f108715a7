import type { LinkWorkerApi } from '../src/api/api-client';
import type {
  CaseAssignments,
  CaseConsent,
  CaseDetails,
  CaseloadRow,
  CaseRecordDetail,
  CommunityService,
  DiaryAppointment,
  HeldReferral,
  TeamMember,
} from '@linkwell/contracts';

// An in-memory LinkWorkerApi for component tests: it records every change it is asked for.

export const ME = 'Practitioner/lw-lw-carter';
export const COLLEAGUE = 'Practitioner/lw-lw-begum';
export const TEAM: TeamMember[] = [
  { practitioner: ME, name: 'Jo Carter' },
  { practitioner: COLLEAGUE, name: 'Sam Begum' },
];

/** The consent the GP recorded with the referral: share with the service, write back. */
export const CONSENT: CaseConsent = {
  caseId: 'case-1',
  consentRef: 'Consent/c-1',
  status: 'active',
  shareWithService: true,
  writeBack: true,
  recordedAt: '2025-03-01T09:30:00Z',
  recordedBy: 'Dr Ann Patel',
  research: false,
};

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
    consent: CONSENT,
    closure: null,
    statusHistory: [],
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

/**
 * What the case's own reads answer when a test gives none: nothing recorded. A test that
 * cares passes `reads` for the path, which wins; any other path still has no fake answer.
 */
export const EMPTY_READS: Readonly<Record<string, unknown>> = {
  risks: { risks: [], communication: null },
  'care-plan': { plan: null, needs: [], actions: [], goals: [], onward: [] },
  'questionnaire-links': { links: [] },
  sources: { local: false, person: null, sources: [] },
};

function defaultRead(path: string): { found: boolean; value?: unknown } {
  const match = /^cases\/[^/]+\/([^/]+)$/.exec(path);
  const kind = match?.[1];
  return kind !== undefined && kind in EMPTY_READS
    ? { found: true, value: EMPTY_READS[kind] }
    : { found: false };
}

export interface FakeApi extends LinkWorkerApi {
  readonly changes: { method: string; path: string; body?: object }[];
  /** Task ids of the holds dismissed. */
  readonly dismissed: string[];
  readonly retried: number[];
  /** How many times the case was read (a refused change reloads it). */
  readonly loads: () => number;
  /** What the next read of the case returns (as if someone else changed it). */
  setRecord(record: CaseRecordDetail): void;
}

export function fakeApi(data: {
  rows?: CaseloadRow[];
  record?: CaseRecordDetail;
  details?: CaseDetails;
  refuse?: Error;
  /** Refuses a change to this path (`accept`, `goals`, ...) with this error. */
  refuseChange?: Readonly<Record<string, Error>>;
  held?: HeldReferral[];
  team?: TeamMember[];
  /** What `get(path)` answers, by path (risks, care plan and links default to none). */
  reads?: Readonly<Record<string, unknown>>;
  /** What `post(path)` answers, by path (the change is recorded too). */
  posts?: Readonly<Record<string, unknown>>;
  appointments?: DiaryAppointment[];
  assignments?: CaseAssignments;
}): FakeApi {
  const changes: FakeApi['changes'] = [];
  const retried: number[] = [];
  const dismissed: string[] = [];
  let held = data.held ?? [];
  const rows = data.rows ?? [];
  let record = data.record ?? caseRecord();
  let loads = 0;
  return {
    changes,
    retried,
    dismissed,
    loads: () => loads,
    setRecord: (next) => {
      record = next;
    },
    me: () => Promise.resolve({ practitioner: ME, serviceOrg: 'svc', name: 'Jo Carter' }),
    team: () => Promise.resolve(data.team ?? TEAM),
    heldReferrals: () => Promise.resolve(held),
    dismissHeldReferral: (taskId) => {
      held = held.filter((h) => h.taskId !== taskId);
      dismissed.push(taskId);
      return Promise.resolve();
    },
    caseload: () =>
      data.refuse
        ? Promise.reject(data.refuse)
        : Promise.resolve({
            cases: rows,
            awaitingFirstContact: rows.filter((r) => r.awaitingFirstContact).length,
          }),
    caseRecord: () => {
      loads += 1;
      return Promise.resolve(record);
    },
    caseDetails: () => Promise.resolve(data.details ?? DETAILS),
    services: () => Promise.resolve(SERVICES),
    change: (method, _caseId, path, body) => {
      const refusal = data.refuseChange?.[path];
      if (refusal !== undefined) return Promise.reject(refusal);
      changes.push({ method, path, ...(body === undefined ? {} : { body }) });
      return Promise.resolve();
    },
    retrySync: (seq) => {
      retried.push(seq);
      return Promise.resolve();
    },
    get: <T>(path: string) => {
      if (path in (data.reads ?? {})) return Promise.resolve(data.reads?.[path] as T);
      const fallback = defaultRead(path);
      return fallback.found
        ? Promise.resolve(fallback.value as T)
        : Promise.reject(new Error(`no fake answer for GET ${path}`));
    },
    post: <T>(path: string, body: object) => {
      changes.push({ method: 'POST', path, body });
      return path in (data.posts ?? {})
        ? Promise.resolve(data.posts?.[path] as T)
        : Promise.reject(new Error(`no fake answer for POST ${path}`));
    },
    appointments: () => {
      const list = data.appointments ?? [];
      return Promise.resolve({
        appointments: list,
        attendance: {
          attended: list.filter((a) => a.status === 'fulfilled').length,
          didNotAttend: list.filter((a) => a.status === 'noshow').length,
          cancelled: list.filter((a) => a.status === 'cancelled').length,
        },
      });
    },
    diary: () => Promise.resolve(data.appointments ?? []),
    assignments: () => Promise.resolve(data.assignments ?? { history: [], cover: null }),
  };
}
