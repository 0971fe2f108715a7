import type { HealthcareService } from 'fhir/r4';
import type { RunningAdapter } from '@linkwell/fhir-server-adapter';
import { generateFeed, type OrukService } from '@linkwell/oruk-feed';
import { api } from '../adapter/support/adapter-env';
import { fhirRequest } from '../support/fhir-http';

export interface ImportReport {
  id: string;
  state: string;
  created: number;
  updated: number;
  unchanged: number;
  inactivated: number;
  refused: { id?: string; reasons: string[] }[];
  transactions: number;
  resourcesWritten: number;
  pagesRead: number;
}

/** Asks for an import and waits until its report says it is over. */
export async function importNow(adapter: RunningAdapter): Promise<ImportReport> {
  const started = await api<ImportReport>(adapter, 'POST', '/api/directory/import');
  expect(started.status).toBe(202);
  for (;;) {
    const report = await api<ImportReport>(
      adapter,
      'GET',
      `/api/directory/import/${started.body.id}`,
    );
    if (report.body.state !== 'running') return report.body;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A feed whose ids are this test's own (a second fixed-seed feed would share ids on one HAPI). */
export function ownFeed(count: number, seed: number): OrukService[] {
  return generateFeed({ count, seed });
}

export async function serviceOnHapi(
  system: string,
  feedId: string,
): Promise<HealthcareService | undefined> {
  const found = await fhirRequest<{ entry?: { resource: HealthcareService }[] }>(
    'GET',
    `HealthcareService?identifier=${encodeURIComponent(`${system}|${feedId}`)}`,
  );
  return found.body.entry?.[0]?.resource;
}
