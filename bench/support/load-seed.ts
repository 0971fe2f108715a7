import { randomUUID } from 'node:crypto';
import type { Bundle } from 'fhir/r4';
import { referralTransaction } from '@linkwell/smart-app';
import { postBundle } from './seed';

// The load run's practice and service, PUT by fixed ids under one run prefix (a shared HAPI keeps
// other runs' data): a practice with its GPs (each with a PractitionerRole, as the GP app's
// requester) and one patient each, a link-worker service with its link workers, and the practice's
// affiliation to that service (the GP app's preselected service).

export interface LoadPractice {
  readonly service: string;
  readonly gps: readonly { practitioner: string; role: string; patient: string }[];
  readonly linkWorkers: readonly string[];
}

const LINKWELL = 'https://linkwell.example.org/fhir';
const PROVIDER = {
  coding: [{ system: 'http://terminology.hl7.org/CodeSystem/organization-type', code: 'prov' }],
};

type Resource = Record<string, unknown> & { resourceType: string; id: string };
const put = (resource: Resource) => ({
  resource,
  request: { method: 'PUT', url: `${resource.resourceType}/${resource.id}` },
});

export async function seedLoadPractice(
  base: string,
  run: string,
  gpCount: number,
  workerCount: number,
): Promise<LoadPractice> {
  const practice = `${run}-practice`;
  const service = `${run}-service`;
  const gps = Array.from({ length: gpCount }, (_, i) => ({
    practitioner: `${run}-gp-${String(i)}`,
    role: `${run}-gp-${String(i)}-role`,
    patient: `${run}-pt-${String(i)}`,
  }));
  const linkWorkers = Array.from({ length: workerCount }, (_, i) => `${run}-lw-${String(i)}`);
  const person = (resourceType: string, id: string, given: string, family: string) =>
    put({ resourceType, id, active: true, name: [{ use: 'official', given: [given], family }] });
  const entries = [
    put({
      resourceType: 'Organization',
      id: practice,
      active: true,
      name: `Load practice ${run}`,
      type: [PROVIDER],
    }),
    put({
      resourceType: 'Organization',
      id: service,
      active: true,
      name: `Load service ${run}`,
      type: [
        PROVIDER,
        {
          coding: [
            {
              system: `${LINKWELL}/CodeSystem/linkwell-organization-type`,
              code: 'link-worker-service',
            },
          ],
        },
      ],
    }),
    put({
      resourceType: 'OrganizationAffiliation',
      id: `${run}-affiliation`,
      active: true,
      organization: { reference: `Organization/${service}` },
      participatingOrganization: { reference: `Organization/${practice}` },
    }),
    ...gps.flatMap((gp, i) => [
      person('Practitioner', gp.practitioner, 'Load', `GP ${String(i)}`),
      put({
        resourceType: 'PractitionerRole',
        id: gp.role,
        active: true,
        practitioner: { reference: `Practitioner/${gp.practitioner}` },
        organization: { reference: `Organization/${practice}` },
        code: [{ text: 'General practitioner' }],
      }),
      put({
        ...person('Patient', gp.patient, 'Load', `Patient ${String(i)}`).resource,
        birthDate: '1950-01-01',
        generalPractitioner: [{ reference: `Practitioner/${gp.practitioner}` }],
        managingOrganization: { reference: `Organization/${practice}` },
      }),
    ]),
    ...linkWorkers.flatMap((lw, i) => [
      person('Practitioner', lw, 'Load', `Worker ${String(i)}`),
      put({
        resourceType: 'PractitionerRole',
        id: `${lw}-role`,
        active: true,
        practitioner: { reference: `Practitioner/${lw}` },
        organization: { reference: `Organization/${service}` },
        code: [{ text: 'Social prescribing link worker' }],
      }),
    ]),
  ];
  await postBundle(base, { resourceType: 'Bundle', type: 'transaction', entry: entries });
  return { service, gps, linkWorkers };
}

/** The GP app's referral transaction for one of the practice's GPs and their patient. */
export function loadReferral(
  practice: LoadPractice,
  gp: LoadPractice['gps'][number],
  referralId: string,
): Bundle {
  return referralTransaction({
    referralId,
    patientId: gp.patient,
    requester: `PractitionerRole/${gp.role}`,
    recordedBy: { reference: `Practitioner/${gp.practitioner}`, display: 'Load GP' },
    now: new Date().toISOString(),
    newUuid: randomUUID,
    draft: {
      needs: ['loneliness'],
      otherNeeds: '',
      whatMatters: 'Getting out of the house',
      priority: 'routine',
      consentToShare: true,
      consentToWriteBack: true,
      contactPreferences: ['phone'],
      service: `Organization/${practice.service}`,
    },
  });
}
