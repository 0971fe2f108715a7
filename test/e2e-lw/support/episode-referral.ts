import { randomBytes, randomUUID } from 'node:crypto';
import type { Bundle } from 'fhir/r4';
import { SEED } from '@linkwell/ehr-sandbox';
import { referralTransaction } from '@linkwell/smart-app';
import { fhirRequest } from '../../support/fhir-http';
import { putPatient } from '../../e2e-loop/support/gp-record';

/** A family name of letters only, so the caseload's name search finds exactly this patient. */
export function lettersOnlyFamily(prefix: string): string {
  return `${prefix}${randomBytes(6)
    .toString('hex')
    .replace(/\d/g, (d) => 'abcdefghij'[Number(d)] ?? 'x')}`;
}

/** A new patient referred by the first seed GP to the Riverside service, as the GP app writes it. */
export async function referNewPatient(given: string, family: string): Promise<string> {
  const patientId = `e2e-lw-${randomBytes(4).toString('hex')}`;
  await putPatient(patientId, given, family, { birthDate: '1951-03-09', gender: 'female' });
  const bundle = referralTransaction({
    referralId: randomUUID(),
    patientId,
    requester: `Practitioner/${SEED.gps[0] ?? ''}`,
    now: new Date().toISOString(),
    newUuid: randomUUID,
    draft: {
      needs: ['social-isolation'],
      otherNeeds: '',
      whatMatters: 'Getting out of the house',
      priority: 'routine',
      consentToShare: true,
      consentToWriteBack: true,
      contactPreferences: [],
      service: `Organization/${SEED.linkWorkerService}`,
    },
  });
  const posted = await fhirRequest<Bundle>('POST', '', bundle);
  if (posted.status !== 200) throw new Error(`referral answered ${String(posted.status)}`);
  return patientId;
}
