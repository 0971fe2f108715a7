import type {
  CaseDetails,
  Caseload,
  CaseRecordDetail,
  CommunityService,
  HeldReferral,
  SignedInWorker,
  TeamMember,
} from './types';
import type { ExportKind, ExportStatus, InsightsReport } from '../insights/report-types';

/** The adapter's error, keeping its code and the words a person can act on. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ApiError';
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
  /** The service's figures (`GET /api/insights?…`); optional so screens without it still work. */
  insights?(query: string): Promise<InsightsReport>;
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
    const parsed = (text === '' ? {} : JSON.parse(text)) as unknown;
    if (!response.ok) {
      const error = (parsed as { error?: { code?: string; message?: string; field?: string } })
        .error;
      if (response.status === 401) options.onSessionEnded();
      throw new ApiError(
        response.status,
        error?.code ?? 'unknown',
        error?.message ?? `The adapter answered ${response.status}.`,
        error?.field,
      );
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
    insights: (query) => call('GET', `/insights${query}`),
    startExport: (kind, query) => call('POST', `/exports${query}`, { kind }),
    exportStatus: (id) => call('GET', `/exports/${encodeURIComponent(id)}`),
    downloadExport: async (id) => {
      const response = await fetcher(`/api/exports/${encodeURIComponent(id)}/download`, {
        headers: { authorization: `Bearer ${options.accessToken() ?? ''}` },
      });
      if (!response.ok)
        throw new ApiError(response.status, 'download', 'The export could not be downloaded.');
      return response.blob();
    },
  };
}
