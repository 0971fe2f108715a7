import { copyFileSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bundle } from 'fhir/r4';
import { loadTransactionBundles } from '@linkwell/hapi';
import { fhirRequest, testFhirBase } from '../support/fhir-http';

const FIXTURES = join(__dirname, '..', '..', 'sandbox', 'fixtures', 'synthea-r4');

describe('loadTransactionBundles', () => {
  it('loads a Synthea patient bundle once and skips it the second time', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lw-seed-'));
    const first = readdirSync(FIXTURES).find((name) => name.endsWith('.json'));
    if (first === undefined) throw new Error(`No fixtures in ${FIXTURES}`);
    copyFileSync(join(FIXTURES, first), join(dir, first));
    const patientId = /_([0-9a-f-]{36})\.json$/.exec(first)?.[1] ?? '';

    const loaded = await loadTransactionBundles(testFhirBase(), dir);
    expect(loaded).toEqual({ loaded: [first], skipped: [] });
    const again = await loadTransactionBundles(testFhirBase(), dir);
    expect(again).toEqual({ loaded: [], skipped: [first] });

    const patients = await fhirRequest<Bundle>('GET', `Patient?identifier=${patientId}`);
    expect(patients.body.total).toBe(1);
  });
});
