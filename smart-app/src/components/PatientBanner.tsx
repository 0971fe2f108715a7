import type { ReactNode } from 'react';
import type { Patient } from 'fhir/r4';
import { formatDate } from '../dates';

const NHS_NUMBER = 'https://fhir.nhs.uk/Id/nhs-number';

export function patientName(patient: Patient): string {
  const name = patient.name?.find((n) => n.use === 'official') ?? patient.name?.[0];
  if (name === undefined) return 'Name not recorded';
  if (name.text !== undefined) return name.text;
  const family = (name.family ?? '').toUpperCase();
  return [family, (name.given ?? []).join(' ')].filter((part) => part !== '').join(', ');
}

/** NHS numbers are read in groups of 3, 3 and 4. */
function nhsNumber(patient: Patient): string | undefined {
  const value = patient.identifier?.find((i) => i.system === NHS_NUMBER)?.value;
  return value?.replace(/^(\d{3})(\d{3})(\d{4})$/, '$1 $2 $3');
}

/** Shown when the EHR asks for it (need_patient_banner), so the GP always sees whose record it is. */
export function PatientBanner({ patient }: { readonly patient: Patient }): ReactNode {
  const nhs = nhsNumber(patient);
  return (
    <section className="lw-banner" aria-label="Patient">
      <p className="lw-banner__name">{patientName(patient)}</p>
      <dl className="lw-banner__details">
        <div>
          <dt>Born</dt>
          <dd>
            {patient.birthDate === undefined ? 'Not recorded' : formatDate(patient.birthDate)}
          </dd>
        </div>
        <div>
          <dt>Gender</dt>
          <dd>{patient.gender ?? 'Not recorded'}</dd>
        </div>
        <div>
          <dt>NHS number</dt>
          <dd>{nhs ?? 'Not recorded'}</dd>
        </div>
      </dl>
    </section>
  );
}
