import { ApiError, codeOfStatus } from '@linkwell/contracts';
import type {
  CaseAppointments,
  CaseAssignments,
  CaseDetails,
  Caseload,
  CaseRecordDetail,
  CommunityService,
  DiaryAppointment,
  HeldReferral,
  OnwardReportRequest,
  SignedInWorker,
  TeamMember,
} from '@linkwell/contracts';
import type { ServiceSearch } from '../directory/types';
import type { ExportKind, ExportStatus, InsightsReport } from '@linkwell/contracts';

// The adapter's error, as the contract defines it: its status, code and the words a person can act on.
export { ApiError };

/** The answer's JSON ({} when empty), or undefined when it is not JSON (a proxy's error page). */
function parseJson(text: string): unknown {
  if (text === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Everything the screens ask of the adapter; tests pass a fake. */
export interface LinkWorkerApi {
  me(): Promise<SignedInWorker>;
  caseload(includeClosed: boolean): Promise<Caseload>;
  caseRecord(caseId: string): Promise<CaseRecordDetail>;
  caseDetails(caseId: string): Promise<CaseDetails>;
  services(): Promise<readonly CommunityService[]>;
  /** The link workers of the signed-in worker's service, by name. */
  team(): Promise<readonly TeamMember[]>;
  /** Referrals held for review instead of becoming cases (reasons only). */
  heldReferrals(): Promise<readonly HeldReferral[]>;
  /** Sets a reviewed hold aside (it opens again if the Task changes and is still wrong). */
  dismissHeldReferral(taskId: string): Promise<void>;
  /** A change to a case: `POST|PUT|PATCH /api/cases/<caseId>/<path>`. */
  change(
    method: 'POST' | 'PUT' | 'PATCH',
    caseId: string,
    path: string,
    body?: object,
  ): Promise<void>;
  retrySync(seq: number): Promise<void>;
  /** Searches the imported directory (`GET /api/directory/services?<query>`); absent in older fakes. */
  searchServices?(query: string): Promise<ServiceSearch>;
  /** Records what a community service said by phone about an onward referral. */
  reportOnward?(onwardId: string, report: OnwardReportRequest): Promise<void>;
  /** The service's figures (`GET /api/insights?…`); optional so screens without it still work. */
  insights?(query: string): Promise<InsightsReport>;
  /** A read of the API that has no method of its own: `GET /api/<path>`. */
  get<T>(path: string): Promise<T>;
  /** A change whose answer the screen needs: `POST /api/<path>`. */
  post<T>(path: string, body: object): Promise<T>;
  /** The case's meetings and calls, and how many were attended, missed or cancelled. */
  appointments(caseId: string): Promise<CaseAppointments>;
  /** The signed-in worker's diary from a day (YYYY-MM-DD) for `days` days. */
  diary(from: string, days: number): Promise<readonly DiaryAppointment[]>;
  /** Who has held and covered the case. */
  assignments(caseId: string): Promise<CaseAssignments>;
  /** Starts an export for the manager (`POST /api/exports?…`); then its progress, then the file. */
  startExport?(kind: ExportKind, query: string): Promise<ExportStatus>;
  exportStatus?(id: string): Promise<ExportStatus>;
  downloadExport?(id: string): Promise<Blob>;
}

/** The adapter's API over fetch, with the access token issued for it as Bearer; 401 ends the session. */
export function httpApi(options: {
  readonly accessToken: () => string | undefined;
  readonly onSessionEnded: () => void;
  readonly fetch?: typeof fetch;
}): LinkWorkerApi {
  const fetcher = options.fetch ?? ((input, init) => fetch(input, init));

  async function call<T>(method: string, path: string, body?: object): Promise<T> {
    const response = await fetcher(`/api${path}`, {
      method,
      headers: {
        authorization: `Bearer ${options.accessToken() ?? ''}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const parsed = parseJson(text);
    if (!response.ok || parsed === undefined) {
      if (response.status === 401) options.onSessionEnded();
      throw ApiError.fromAnswer(response.status, parsed);
    }
    return parsed as T;
  }

  return {
    me: () => call('GET', '/me'),
    caseload: (includeClosed) => call('GET', `/caseload${includeClosed ? '?closed=true' : ''}`),
    caseRecord: (caseId) => call('GET', `/cases/${encodeURIComponent(caseId)}`),
    caseDetails: (caseId) => call('GET', `/cases/${encodeURIComponent(caseId)}/details`),
    services: async () =>
      (await call<{ services: CommunityService[] }>('GET', '/directory/services')).services,
    team: async () => (await call<{ members: TeamMember[] }>('GET', '/team')).members,
    heldReferrals: async () => (await call<{ held: HeldReferral[] }>('GET', '/inbound/held')).held,
    dismissHeldReferral: async (taskId) => {
      await call('POST', `/inbound/held/${encodeURIComponent(taskId)}/dismiss`);
    },
    change: async (method, caseId, path, body) => {
      await call(method, `/cases/${encodeURIComponent(caseId)}/${path}`, body);
    },
    retrySync: async (seq) => {
      await call('POST', `/sync/problems/${seq}/retry`);
    },
    searchServices: (query) => call('GET', `/directory/services?${query}`),
    reportOnward: async (onwardId, report) => {
      await call('POST', `/onward-referrals/${encodeURIComponent(onwardId)}/report`, report);
    },
    insights: (query) => call('GET', `/insights${query}`),
    get: (path) => call('GET', `/${path}`),
    post: (path, body) => call('POST', `/${path}`, body),
    appointments: (caseId) => call('GET', `/cases/${encodeURIComponent(caseId)}/appointments`),
    diary: async (from, days) =>
      (
        await call<{ appointments: DiaryAppointment[] }>(
          'GET',
          `/diary?from=${encodeURIComponent(from)}&days=${days}`,
        )
      ).appointments,
    assignments: (caseId) => call('GET', `/cases/${encodeURIComponent(caseId)}/assignments`),
    startExport: (kind, query) => call('POST', `/exports${query}`, { kind }),
    exportStatus: (id) => call('GET', `/exports/${encodeURIComponent(id)}`),
    downloadExport: async (id) => {
      const response = await fetcher(`/api/exports/${encodeURIComponent(id)}/download`, {
        headers: { authorization: `Bearer ${options.accessToken() ?? ''}` },
      });
      if (!response.ok)
        throw new ApiError(
          response.status,
          codeOfStatus(response.status),
          'The export could not be downloaded.',
        );
      return response.blob();
    },
  };
}
