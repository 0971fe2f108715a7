import type { Requester } from '@linkwell/contracts';
import { shownName } from '../people/people';
import type { SectionProps } from './CasePage';
import { formatDate } from '../dates';
import { Section } from './form-parts';

function Row({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div className="nhsuk-summary-list__row">
      <dt className="nhsuk-summary-list__key">{term}</dt>
      <dd className="nhsuk-summary-list__value">{children}</dd>
    </div>
  );
}

/** Who referred, as "Dr Ann Patel, GP, Riverside Surgery"; never an id. */
export function requesterText(requester: Requester | undefined): string {
  const name = shownName(requester?.name);
  if (requester === undefined || name === undefined) return 'Not recorded';
  return [name, requester.role, requester.practice]
    .filter((part): part is string => part !== undefined && part.trim() !== '')
    .join(', ');
}

/** The GP's referral (needs, context, urgency, contact preferences) and the person's details. */
export function ReferralSection({ view }: SectionProps) {
  const referral = view.details.referral;
  if (referral === null) {
    return (
      <Section title="Referral" id="referral-heading">
        <p>The referral could not be read from the GP record just now. Try again later.</p>
      </Section>
    );
  }
  const patient = referral.patient;
  return (
    <Section title="Referral" id="referral-heading">
      <dl className="nhsuk-summary-list nhsuk-u-font-size-16 nhsuk-u-margin-bottom-3">
        <Row term="Referred">{formatDate(referral.authoredOn)}</Row>
        <Row term="Referred by">{requesterText(referral.requester)}</Row>
        {view.details.gpRecord ? <Row term="GP record">{view.details.gpRecord.name}</Row> : null}
        <Row term="Urgency">
          {referral.priority === 'routine' ? (
            'Routine'
          ) : (
            <span className="nhsuk-tag nhsuk-tag--red">{referral.priority}</span>
          )}
        </Row>
        <Row term="Needs">{referral.needs.map((n) => n.display).join(', ') || '—'}</Row>
        <Row term="What the GP says">{referral.context ?? '—'}</Row>
        <Row term="Contact preferences">
          {referral.contactPreferences.map((c) => c.display).join(', ') || 'None given'}
        </Row>
      </dl>
      <h3 className="nhsuk-heading-xs">The person</h3>
      {patient === undefined ? (
        <p>Their details could not be read from the GP record.</p>
      ) : (
        <dl className="nhsuk-summary-list nhsuk-u-font-size-16 nhsuk-u-margin-bottom-3">
          <Row term="Name">{patient.name}</Row>
          <Row term="Date of birth">{formatDate(patient.birthDate)}</Row>
          <Row term="NHS number">{patient.nhsNumber ?? '—'}</Row>
          <Row term="Phone">{patient.phone ?? '—'}</Row>
          <Row term="Email">{patient.email ?? '—'}</Row>
          <Row term="Address">{patient.address ?? '—'}</Row>
        </dl>
      )}
    </Section>
  );
}
