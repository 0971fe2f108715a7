import type { Consent, HealthcareService, ServiceRequest, Task } from 'fhir/r4';
import {
  buildConsent,
  buildReferral,
  buildReferralTask,
  withdrawConsent,
} from '@linkwell/profiles';
import {
  consentFacts,
  consentProblem,
  consentRefOf,
  localRef,
  referralProblem,
  taskShape,
} from './inbound-checks';

const SVC = 'svc';
const task = (patch: Partial<Task> = {}): Task => ({
  ...buildReferralTask({
    referral: 'ServiceRequest/sr1',
    patient: 'Patient/p1',
    requester: 'Practitioner/gp',
    owner: `Organization/${SVC}`,
    authoredOn: '2025-03-01T09:30:00Z',
  }),
  id: 't1',
  ...patch,
});
const referral = (patch: Partial<ServiceRequest> = {}): ServiceRequest => ({
  ...buildReferral({
    identifier: 'r1',
    patient: 'Patient/p1',
    requester: 'Practitioner/gp',
    performer: `Organization/${SVC}`,
    authoredOn: '2025-03-01T09:30:00Z',
    needs: ['loneliness'],
    consent: 'Consent/c1',
  }),
  id: 'sr1',
  ...patch,
});
const consent = (patch: Partial<Consent> = {}): Consent => ({
  ...buildConsent({
    patient: 'Patient/p1',
    dateTime: '2025-03-01T09:30:00Z',
    linkWorkerService: `Organization/${SVC}`,
    permits: ['share-referral', 'write-back-outcomes'],
    recordedBy: { reference: 'Practitioner/gp', display: 'Dr Amara Okafor' },
  }),
  id: 'c1',
  meta: { versionId: '3' },
  ...patch,
});
const shaped = (t: Task) => {
  const shape = taskShape(t, SVC);
  if (shape.kind !== 'referral') throw new Error(`not a referral shape: ${shape.kind}`);
  return shape;
};

describe('taskShape', () => {
  it('ignores Tasks owned by another service and holds ones without a Referral or Patient', () => {
    expect(taskShape(task({ owner: { reference: 'Organization/other' } }), SVC).kind).toBe(
      'not-ours',
    );
    expect(
      taskShape(task({ focus: { reference: 'http://x/fhir/ServiceRequest/1' } }), SVC),
    ).toEqual({ kind: 'held', reason: 'Task.focus is not a reference to a ServiceRequest.' });
    expect(taskShape(task({ for: { identifier: { value: '123' } } }), SVC)).toMatchObject({
      kind: 'held',
    });
    expect(taskShape(task(), SVC)).toEqual({
      kind: 'referral',
      referralRef: 'ServiceRequest/sr1',
      patientRef: 'Patient/p1',
    });
  });

  it('reads relative literal references only', () => {
    expect(localRef('Patient/p-1.2', 'Patient')).toBe('Patient/p-1.2');
    expect(localRef('Patient/p1/_history/2', 'Patient')).toBeUndefined();
    expect(localRef('Group/p1', 'Patient')).toBeUndefined();
  });
});

describe('referralProblem', () => {
  const shape = shaped(task());
  it('accepts a Referral for the same patient addressed to the service', () => {
    expect(referralProblem(shape, referral(), SVC)).toBeUndefined();
  });

  it('holds a missing focus, a non-Referral, another patient and another service', () => {
    expect(referralProblem(shape, undefined, SVC)).toMatch(/was not found/);
    expect(referralProblem(shape, { ...referral(), meta: {}, code: { text: 'x' } }, SVC)).toMatch(
      /not a social prescribing Referral/,
    );
    const other = referral({ subject: { reference: 'Patient/p2' } });
    expect(referralProblem(shape, other, SVC)).toBe(
      'The Referral ServiceRequest/sr1 is for a different patient than the Task.',
    );
    expect(
      referralProblem(shape, referral({ performer: [{ reference: 'Organization/x' }] }), SVC),
    ).toMatch(/addressed to another service/);
  });

  it('accepts a HealthcareService the service provides, and no other', () => {
    const viaService = referral({ performer: [{ reference: 'HealthcareService/hs1' }] });
    const hs = (providedBy: string): HealthcareService => ({
      resourceType: 'HealthcareService',
      id: 'hs1',
      providedBy: { reference: providedBy },
    });
    const ours = new Map([['HealthcareService/hs1', hs(`Organization/${SVC}`)]]);
    const theirs = new Map([['HealthcareService/hs1', hs('Organization/x')]]);
    expect(referralProblem(shape, viaService, SVC, ours)).toBeUndefined();
    expect(referralProblem(shape, viaService, SVC, theirs)).toMatch(/another service/);
    expect(referralProblem(shape, viaService, SVC)).toMatch(/another service/);
  });

  it('never names the patient in a reason', () => {
    const other = referral({ subject: { reference: 'Patient/p2' } });
    expect(referralProblem(shape, other, SVC)).not.toMatch(/Patient\//);
  });
});

describe('consent', () => {
  it('finds the Consent the Referral points at', () => {
    expect(consentRefOf(referral())).toBe('Consent/c1');
    expect(consentRefOf(referral({ supportingInfo: [] }))).toBeUndefined();
  });

  it('reads the permits, date and who recorded them', () => {
    expect(consentFacts(consent(), SVC, 'Patient/p1')).toEqual({
      consentRef: 'Consent/c1',
      versionId: '3',
      status: 'active',
      shareWithService: true,
      writeBack: true,
      recordedAt: '2025-03-01T09:30:00Z',
      recordedBy: 'Dr Amara Okafor',
      withdrawnAt: undefined,
      withdrawnBy: undefined,
      research: false,
    });
  });

  it('reads the research permission only for this service and patient, and not once withdrawn', () => {
    const withResearch = {
      ...buildConsent({
        patient: 'Patient/p1',
        dateTime: '2025-03-01T09:30:00Z',
        linkWorkerService: `Organization/${SVC}`,
        permits: ['share-referral'],
        research: true,
      }),
      id: 'c3',
    };
    expect(consentFacts(withResearch, SVC, 'Patient/p1').research).toBe(true);
    expect(consentFacts(withResearch, SVC, 'Patient/p2').research).toBe(false);
    expect(consentFacts(withResearch, 'another-service', 'Patient/p1').research).toBe(false);
    const withdrawn = withdrawConsent(withResearch, {
      date: '2025-03-04T12:00:00Z',
      by: { reference: 'Practitioner/gp', display: 'Dr Amara Okafor' },
    });
    expect(consentFacts(withdrawn, SVC, 'Patient/p1').research).toBe(false);
  });

  it('gives no write-back for a share-only, withdrawn, foreign or misaddressed Consent', () => {
    const shareOnly = buildConsent({
      patient: 'Patient/p1',
      dateTime: '2025-03-01T09:30:00Z',
      linkWorkerService: `Organization/${SVC}`,
      permits: ['share-referral'],
    });
    expect(consentFacts({ ...shareOnly, id: 'c2' }, SVC, 'Patient/p1')).toMatchObject({
      shareWithService: true,
      writeBack: false,
    });
    const withdrawn = withdrawConsent(consent(), {
      date: '2025-03-04T12:00:00Z',
      by: { reference: 'Practitioner/gp', display: 'Dr Amara Okafor' },
    });
    expect(consentFacts(withdrawn, SVC, 'Patient/p1')).toMatchObject({
      status: 'inactive',
      writeBack: false,
      withdrawnAt: '2025-03-04T12:00:00Z',
      withdrawnBy: 'Dr Amara Okafor',
    });
    expect(consentFacts(consent(), SVC, 'Patient/p2').writeBack).toBe(false);
    expect(consentFacts(consent(), 'another-service', 'Patient/p1').writeBack).toBe(false);
  });

  it('holds a Consent for another patient', () => {
    expect(consentProblem(consent(), 'Patient/p1')).toBeUndefined();
    expect(consentProblem(consent(), 'Patient/p2')).toMatch(/different patient/);
  });
});
