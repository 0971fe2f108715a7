import type { Consent } from 'fhir/r4';
import {
  buildClosingSummary,
  buildConsent,
  buildReferralTask,
  caseHolderOf,
  closingSummaryLetter,
  consentState,
  statusHistoryOf,
  withdrawConsent,
  type ClosingSummaryInput,
} from './index';

const input: ClosingSummaryInput = {
  identifier: 'case-1',
  patient: 'Patient/p1',
  referral: 'ServiceRequest/r1',
  task: 'Task/t1',
  linkWorker: { reference: 'Practitioner/lw1', display: 'Aisha Begum' },
  service: { reference: 'Organization/svc', display: 'Riverside Social Prescribing' },
  serviceContact: '0191 000 0000',
  closedOn: '2025-06-20T15:00:00Z',
  referredOn: '2025-03-01T09:30:00Z',
  outcome: 'Discharged',
  reason: 'Goals met — goes to the walking group each week.',
  support: { contactAttempts: 3, conversations: 2, meetings: 4, onward: [] },
  goals: [{ description: 'Walk to the park', status: 'Achieved' }],
  outcomes: [
    { measure: 'swemwbs', baseline: 15.32, latest: 25.03 },
    { measure: 'ucla3-total', baseline: 8, latest: 5 },
  ],
  writeBackWithheld: false,
  gpActions: 'Review blood pressure.',
};

describe('closing summary', () => {
  it('carries a readable letter with the reason, goals, outcome changes and who to contact', () => {
    const letter = closingSummaryLetter(buildClosingSummary(input));
    expect(letter?.text).toContain(
      'Discharged on 2025-06-20: Goals met — goes to the walking group',
    );
    expect(letter?.text).toContain('Walk to the park: Achieved');
    expect(letter?.text).toContain('15.32 → 25.03, better by 9.71');
    // UCLA-3: lower is better, so 8 → 5 is better.
    expect(letter?.text).toContain('8 → 5, better by 3');
    expect(letter?.text).toContain('Review blood pressure.');
    expect(letter?.text).toContain('Aisha Begum, Riverside Social Prescribing (0191 000 0000)');
  });

  it('leaves goals and outcomes out when the person did not agree to write-back', () => {
    const text = closingSummaryLetter(
      buildClosingSummary({ ...input, writeBackWithheld: true }),
    )?.text;
    expect(text).not.toContain('Walk to the park');
    expect(text).not.toContain('25.03');
    expect(text).toContain('did not agree to goals and outcome measures being shared');
  });

  it('escapes the HTML letter', () => {
    const doc = buildClosingSummary({ ...input, reason: '<script>alert(1)</script>' });
    const html = atob(doc.content[1]?.attachment.data ?? '');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&#60;script&#62;');
  });

  it('refuses a summary without a reason', () => {
    expect(() => buildClosingSummary({ ...input, reason: ' ' })).toThrow(/reason/);
  });
});

describe('Task status history and case holder', () => {
  it('round-trips the steps, oldest first, and the holder', () => {
    const task = buildReferralTask({
      referral: 'ServiceRequest/r1',
      patient: 'Patient/p1',
      requester: 'Practitioner/gp',
      owner: 'Organization/svc',
      authoredOn: '2025-03-01T09:30:00Z',
      status: 'in-progress',
      businessStatus: 'contacted',
      statusHistory: [
        { status: 'in-progress', businessStatus: 'contacted', date: '2025-03-03T10:00:00Z' },
        { status: 'accepted', businessStatus: 'awaiting-contact', date: '2025-03-02T10:00:00Z' },
      ],
      caseHolder: { reference: 'Practitioner/lw1', display: 'Aisha Begum' },
    });
    expect(statusHistoryOf(task).map((s) => s.businessStatus)).toEqual([
      'awaiting-contact',
      'contacted',
    ]);
    expect(caseHolderOf(task)).toEqual({ reference: 'Practitioner/lw1', display: 'Aisha Begum' });
  });

  it('refuses a step with a status the profile does not allow', () => {
    expect(() =>
      buildReferralTask({
        referral: 'ServiceRequest/r1',
        patient: 'Patient/p1',
        requester: 'Practitioner/gp',
        owner: 'Organization/svc',
        authoredOn: '2025-03-01T09:30:00Z',
        statusHistory: [{ status: 'draft' as never, date: '2025-03-02T10:00:00Z' }],
      }),
    ).toThrow(/statusHistory\[0\]\.status/);
  });
});

describe('consent state', () => {
  const consent: Consent = buildConsent({
    patient: 'Patient/p1',
    dateTime: '2025-03-01T09:25:00Z',
    linkWorkerService: 'Organization/svc',
    permits: ['share-referral', 'write-back-outcomes'],
    recordedBy: { reference: 'Practitioner/gp', display: 'Dr Amara Okafor' },
  });

  it('reads what the patient agreed to and who recorded it', () => {
    expect(consentState(consent)).toMatchObject({
      shareWithService: true,
      writeBack: true,
      recordedBy: 'Dr Amara Okafor',
      recordedAt: '2025-03-01T09:25:00Z',
      withdrawnAt: undefined,
    });
  });

  it('a withdrawal stops both permits and says when and by whom', () => {
    const withdrawn = withdrawConsent(consent, {
      date: '2025-04-01T12:00:00Z',
      by: { reference: 'Practitioner/lw1', display: 'Aisha Begum' },
    });
    expect(withdrawn.status).toBe('inactive');
    expect(withdrawn.provision?.period?.end).toBe('2025-04-01T12:00:00Z');
    expect(consentState(withdrawn)).toMatchObject({
      writeBack: false,
      shareWithService: false,
      withdrawnAt: '2025-04-01T12:00:00Z',
      withdrawnBy: 'Aisha Begum',
      recordedBy: 'Dr Amara Okafor',
    });
  });

  it('share-only consent allows no write-back', () => {
    const shareOnly = buildConsent({
      patient: 'Patient/p1',
      dateTime: '2025-03-01T09:25:00Z',
      linkWorkerService: 'Organization/svc',
      permits: ['share-referral'],
    });
    expect(consentState(shareOnly)).toMatchObject({ shareWithService: true, writeBack: false });
  });
});
