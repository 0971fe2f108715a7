import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bundle, Consent, FhirResource, OperationOutcome } from 'fhir/r4';
import { SERVICE_MANAGER_ROLE, researchPermitted } from '@linkwell/profiles';
import type { RunningAdapter } from '@linkwell/fhir-server-adapter';
import { fhirRequest, uniqueId } from '../../support/fhir-http';
import { api, startTestAdapter } from '../support/adapter-env';
import { gpReferralTransaction, supportBundle } from '../support/referral';

// Exports end to end: referrals the GP app writes reach the adapter; the manager exports the
// minimum dataset as FHIR NDJSON (every line valid and loaded into the real HAPI), as CSV (every
// column as the data dictionary says) and as the pseudonymised research extract, which holds only
// people who permit research: the first person agreed to research in the GP's referral, the
// second did too but withdrew consent, the third agreed to share but not to research.
const service = uniqueId('exp-svc');
const manager = `${service}-mgr`;
const linkWorker = `${service}-lw`;
const patients = [uniqueId('exp-pt'), uniqueId('exp-pt'), uniqueId('exp-pt')];
const dataDir = join(tmpdir(), `${service}-data`);
let adapter: RunningAdapter;
/** The cases, in the order of `patients`. */
let caseIds: string[] = [];

const as = (practitioner: string) => ({ authorization: `Bearer ${practitioner}` });

/** Splits CSV text into rows of cells (quotes honoured), for checking exports. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text.charAt(i);
    if (quoted) {
      if (ch === '"' && text.charAt(i + 1) === '"') {
        cell += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n') {
      row.push(cell.replace(/\r$/, ''));
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  return rows;
}

async function exported(kind: string): Promise<string> {
  const started = await api<{ id: string }>(adapter, 'POST', '/api/exports', { kind }, as(manager));
  expect(started.status).toBe(202);
  let job: { status: string; progress: number; download: string | null } = {
    status: 'running',
    progress: 0,
    download: null,
  };
  for (let i = 0; i < 100 && job.status === 'running'; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    job = (
      await api<typeof job>(
        adapter,
        'GET',
        `/api/exports/${started.body.id}`,
        undefined,
        as(manager),
      )
    ).body;
  }
  expect(job).toMatchObject({ status: 'done', progress: 1 });
  const response = await fetch(`${adapter.url}${job.download ?? ''}`, { headers: as(manager) });
  expect(response.status).toBe(200);
  return response.text();
}

beforeAll(async () => {
  for (const patient of patients) {
    await fhirRequest(
      'POST',
      '',
      supportBundle({ patient, gp: `${service}-gp`, service }, `${service}-walk`),
    );
  }
  await fhirRequest('PUT', `Practitioner/${manager}`, {
    resourceType: 'Practitioner',
    id: manager,
  });
  await fhirRequest('PUT', `PractitionerRole/${manager}-role`, {
    resourceType: 'PractitionerRole',
    id: `${manager}-role`,
    active: true,
    practitioner: { reference: `Practitioner/${manager}` },
    organization: { reference: `Organization/${service}` },
    code: [{ coding: [SERVICE_MANAGER_ROLE] }],
  });
  await fhirRequest('PUT', `PractitionerRole/${linkWorker}-role`, {
    resourceType: 'PractitionerRole',
    id: `${linkWorker}-role`,
    active: true,
    practitioner: { reference: `Practitioner/${linkWorker}` },
    organization: { reference: `Organization/${service}` },
  });
  for (const [i, patient] of patients.entries()) {
    // The SMART app's own transaction; HAPI validates each Consent against linkwell-consent.
    const written = await fhirRequest<Bundle>(
      'POST',
      '',
      gpReferralTransaction({
        patient,
        gp: `${service}-gp`,
        service,
        identifier: uniqueId('exp-ref'),
        research: i < 2,
      }),
    );
    expect(written.status).toBe(200);
  }
  adapter = await startTestAdapter(
    process.env.LINKWELL_TEST_FHIR_BASE ?? '',
    service,
    { ADAPTER_DATA_DIR: dataDir },
    {
      authenticate: (authorization) =>
        Promise.resolve({
          practitioner: `Practitioner/${(authorization ?? '').replace(/^Bearer /, '')}`,
          serviceOrg: service,
        }),
    },
  );
  expect((await adapter.inbound.poll()).created).toBe(3);
  const byPatient = await adapter.db.query<{ id: string; patient_ref: string }>(
    'SELECT id, patient_ref FROM cases WHERE service_org = $1',
    [service],
  );
  // In the order of `patients`.
  const cases = patients.map((p) => {
    const found = byPatient.find((c) => c.patient_ref === `Patient/${p}`);
    if (found === undefined) throw new Error(`no case for ${p}`);
    return found;
  });
  for (const c of cases) {
    await adapter.db.query(
      `UPDATE cases SET assigned_to = $2, status = 'in-progress' WHERE id = $1`,
      [c.id, `Practitioner/${linkWorker}`],
    );
    await adapter.db.query(
      `INSERT INTO contact_attempts (id, case_id, at, method, outcome, link_worker)
       VALUES ($1, $2, '2025-03-04T10:00:00Z', 'in-person', 'reached', $3)`,
      [`${c.id}-a`, c.id, `Practitioner/${linkWorker}`],
    );
    for (const [timing, answer, at] of [
      ['baseline', 3, '2025-03-04T10:00:00Z'],
      ['follow-up', 1, '2025-06-04T10:00:00Z'],
    ] as const) {
      await adapter.db.query(
        `INSERT INTO questionnaire_answers (id, case_id, instrument, timing, answers, authored, shared, link_worker)
         VALUES ($1, $2, 'ucla3', $3, $4, $5, false, $6)`,
        [
          `${c.id}-${timing}`,
          c.id,
          timing,
          { 'lack-companionship': answer, 'left-out': answer, isolated: answer },
          at,
          `Practitioner/${linkWorker}`,
        ],
      );
    }
  }
  // The second person withdrew consent, as their link worker records it: they stay in the
  // service's own figures only, and their research permission ends with it.
  const withdrawn = await api(
    adapter,
    'POST',
    `/api/cases/${cases[1]?.id ?? ''}/consent/withdraw`,
    {},
    as(linkWorker),
  );
  expect(withdrawn.status).toBe(200);
  caseIds = cases.map((c) => c.id);
  // A report first: it reads each case's facts (practice, needs, patient) from the EHR.
  expect((await api(adapter, 'GET', '/api/insights', undefined, as(manager))).status).toBe(200);
});
afterAll(async () => {
  await adapter.stop();
});

describe('exports', () => {
  it('keeps the facts of each referral from the EHR', async () => {
    const facts = await adapter.db.query<{ needs: string[]; birth_date: unknown }>(
      'SELECT f.needs FROM case_facts f JOIN cases c ON c.id = f.case_id WHERE c.service_org = $1',
      [service],
    );
    expect(facts.map((f) => f.needs)).toEqual([['422650009'], ['422650009'], ['422650009']]);
  });

  it('reads the research permission from the Consent the SMART app wrote, which HAPI accepted', async () => {
    const held = await adapter.db.query<{ patient_ref: string; research: boolean }>(
      `SELECT c.patient_ref, cc.research FROM cases c JOIN case_consents cc ON cc.case_id = c.id
       WHERE c.service_org = $1`,
      [service],
    );
    const research = (i: number): boolean | undefined =>
      held.find((h) => h.patient_ref === `Patient/${patients[i] ?? ''}`)?.research;
    // The second person's research ended with the withdrawal of their consent.
    expect([research(0), research(1), research(2)]).toEqual([true, false, false]);
    const stored = await fhirRequest<Bundle>('GET', `Consent?patient=Patient/${patients[0] ?? ''}`);
    const consent = stored.body.entry?.[0]?.resource as Consent;
    expect(researchPermitted(consent)).toBe(true);
    expect(consent.provision?.provision?.[0]?.purpose?.[0]).toMatchObject({
      system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason',
      code: 'HRESCH',
    });
    const validated = await fhirRequest<OperationOutcome>('POST', 'Consent/$validate', consent);
    expect(
      validated.body.issue.filter((i) => i.severity === 'error' || i.severity === 'fatal'),
    ).toEqual([]);
  });

  it('writes FHIR NDJSON that HAPI validates and loads', async () => {
    const lines = (await exported('ndjson')).split('\n').filter((l) => l !== '');
    const resources = lines.map((l) => JSON.parse(l) as FhirResource & { id: string });
    // Per case, all three: an EpisodeOfCare and the UCLA-3 baseline and follow-up.
    expect(resources.map((r) => r.resourceType).sort()).toEqual([
      'EpisodeOfCare',
      'EpisodeOfCare',
      'EpisodeOfCare',
      'Observation',
      'Observation',
      'Observation',
      'Observation',
      'Observation',
      'Observation',
    ]);
    for (const resource of resources) {
      const validated = await fhirRequest<OperationOutcome>(
        'POST',
        `${resource.resourceType}/$validate`,
        resource,
      );
      const errors = validated.body.issue.filter(
        (i) => i.severity === 'error' || i.severity === 'fatal',
      );
      expect([resource.resourceType, errors.map((e) => e.diagnostics)]).toEqual([
        resource.resourceType,
        [],
      ]);
      const loaded = await fhirRequest('PUT', `${resource.resourceType}/${resource.id}`, resource);
      expect([200, 201]).toContain(loaded.status);
    }
    const episode = resources.find((r) => r.resourceType === 'EpisodeOfCare');
    const read = await fhirRequest<{ referralRequest?: unknown[] }>(
      'GET',
      `EpisodeOfCare/${episode?.id ?? ''}`,
    );
    expect(read.body.referralRequest).toHaveLength(1);
  });

  it('writes CSV whose columns and values are as the data dictionary says', async () => {
    const dictionary = parseCsv(
      await (
        await fetch(`${adapter.url}/api/exports/data-dictionary.csv?for=service`, {
          headers: as(manager),
        })
      ).text(),
    );
    expect(dictionary[0]).toEqual([
      'column',
      'type',
      'description',
      'values',
      'in_research_extract',
    ]);
    const columns = dictionary.slice(1);
    const [header, ...rows] = parseCsv(await exported('csv'));
    expect(header).toEqual(columns.map((c) => c[0]));
    // Every case, whatever it permits: the service's own dataset is not research-filtered.
    expect(rows).toHaveLength(3);
    expect(rows.map((r) => r[header?.indexOf('patient_reference') ?? -1]).sort()).toEqual(
      patients.map((p) => `Patient/${p}`).sort(),
    );
    const patterns: Record<string, RegExp> = {
      integer: /^-?\d+$/,
      decimal: /^-?\d+(\.\d+)?$/,
      date: /^\d{4}-\d{2}-\d{2}$/,
      month: /^\d{4}-\d{2}$/,
    };
    for (const row of rows) {
      expect(row).toHaveLength(columns.length);
      columns.forEach(([name = '', type = '', , values = ''], i) => {
        const cell = row[i] ?? '';
        if (cell === '') return;
        const pattern = patterns[type];
        if (pattern !== undefined) expect([name, pattern.test(cell)]).toEqual([name, true]);
        if (type === 'code') expect(values.split(';')).toContain(cell);
      });
      const at = (name: string): string => row[header?.indexOf(name) ?? -1] ?? '';
      expect(at('ucla3-total_baseline')).toBe('9');
      expect(at('ucla3-total_follow_up')).toBe('3');
      expect(at('ucla3-total_change')).toBe('-6');
      expect(at('meetings')).toBe('1');
      expect(at('needs')).toBe('422650009');
    }
  });

  it('pseudonymises the research extract and leaves out the withdrawn and those not permitting research', async () => {
    const [header, ...rows] = parseCsv(await exported('research'));
    const research = parseCsv(
      await (
        await fetch(`${adapter.url}/api/exports/data-dictionary.csv?for=research`, {
          headers: as(manager),
        })
      ).text(),
    ).slice(1);
    expect(header).toEqual(research.map((c) => c[0]));
    // The data dictionary says who is in it.
    expect(research.find((c) => c[0] === 'person_pseudonym')?.[2]).toContain(
      'holds only people who agreed to their de-identified information being used for research',
    );
    expect(header).not.toContain('patient_reference');
    expect(header).not.toContain('case_id');
    expect(rows).toHaveLength(1);
    const key = Buffer.from(
      readFileSync(join(dataDir, 'keys', 'pseudonym-key'), 'utf8'),
      'base64url',
    );
    expect(key).toHaveLength(32);
    const expected = createHmac('sha256', key)
      .update(`Patient/${patients[0] ?? ''}`)
      .digest('hex');
    expect(rows[0]?.[header?.indexOf('person_pseudonym') ?? -1]).toBe(expected);
    expect(rows.flat().join(',')).not.toContain('Patient/');
  });

  it('lets the link worker record and withdraw research for a case, never once consent is withdrawn', async () => {
    const research = (caseId: string, permitted: unknown) =>
      api<{ consent: { research: boolean; researchChangedBy?: string } }>(
        adapter,
        'PUT',
        `/api/cases/${caseId}/consent/research`,
        { permitted },
        as(linkWorker),
      );
    const [, withdrawnCase = '', shareOnly = ''] = caseIds;
    const recorded = await research(shareOnly, true);
    expect(recorded.status).toBe(200);
    expect(recorded.body.consent.research).toBe(true);
    const pseudonyms = async (): Promise<string[]> => {
      const [header, ...rows] = parseCsv(await exported('research'));
      return rows.map((r) => r[header?.indexOf('person_pseudonym') ?? -1] ?? '');
    };
    expect(await pseudonyms()).toHaveLength(2);
    // A fresh copy of the EHR's Consent (which has no research provision) does not undo it.
    await adapter.inbound.poll();
    expect(await pseudonyms()).toHaveLength(2);
    expect((await research(shareOnly, false)).body.consent.research).toBe(false);
    expect(await pseudonyms()).toHaveLength(1);
    expect(await research(withdrawnCase, true)).toMatchObject({
      status: 409,
      body: { error: { code: 'no-consent' } },
    });
    expect((await research(shareOnly, 'yes')).status).toBe(400);
  });

  it('refuses every export to a link worker, and hides one manager export from anyone else', async () => {
    for (const kind of ['research', 'csv', 'ndjson']) {
      const refused = await api(adapter, 'POST', '/api/exports', { kind }, as(linkWorker));
      expect([kind, refused.status]).toEqual([kind, 403]);
    }
    const started = await api<{ id: string }>(
      adapter,
      'POST',
      '/api/exports',
      { kind: 'csv' },
      as(manager),
    );
    expect(
      (await api(adapter, 'GET', `/api/exports/${started.body.id}`, undefined, as(linkWorker)))
        .status,
    ).toBe(404);
    expect(
      (await api(adapter, 'POST', '/api/exports', { kind: 'xls' }, as(manager))).body,
    ).toMatchObject({
      error: { code: 'bad-request', field: 'kind' },
    });
  });
});
