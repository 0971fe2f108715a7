import { randomUUID } from 'node:crypto';
import type { FhirResource } from 'fhir/r4';
import {
  buildClosingSummary,
  buildConsent,
  buildGoal,
  buildOnwardReferral,
  buildOutcomeObservation,
  buildQuestionnaireResponse,
  buildReferral,
  buildReferralTask,
  withdrawConsent,
} from '@linkwell/profiles';

// One resource from every builder, referring to the support resources in profiles/fhir/examples.
const patient = 'Patient/linkwell-example-patient';
const gp = 'PractitionerRole/linkwell-example-gp-role';
const linkWorker = 'PractitionerRole/linkwell-example-link-worker-role';
const referral = 'ServiceRequest/linkwell-example-referral';

export function builderOutputs(): Record<string, FhirResource> {
  return {
    referral: buildReferral({
      identifier: randomUUID(),
      patient,
      requester: gp,
      performer: 'HealthcareService/linkwell-example-link-worker-service',
      authoredOn: '2025-03-01T09:30:00Z',
      needs: ['loneliness', 'social-isolation', 'carer-strain'],
      priority: 'routine',
      note: 'Cares for her husband, who has dementia; no time for herself.',
      consent: 'Consent/linkwell-example-consent',
      contactPreferences: ['phone', 'text-message'],
    }),
    referralTask: buildReferralTask({
      referral,
      patient,
      requester: gp,
      owner: 'HealthcareService/linkwell-example-link-worker-service',
      authoredOn: '2025-03-01T09:30:00Z',
      status: 'cancelled',
      statusReason: 'patient-declined',
      businessStatus: 'declined',
      statusHistory: [
        { status: 'requested', date: '2025-03-01T09:30:00Z' },
        {
          status: 'accepted',
          businessStatus: 'awaiting-contact',
          date: '2025-03-02T10:00:00Z',
          by: { reference: linkWorker, display: 'Aisha Begum' },
        },
        { status: 'cancelled', businessStatus: 'declined', date: '2025-03-09T16:00:00Z' },
      ],
      caseHolder: { reference: linkWorker, display: 'Aisha Begum' },
    }),
    withdrawnConsent: withdrawConsent(
      buildConsent({
        patient,
        dateTime: '2025-03-01T09:25:00Z',
        linkWorkerService: 'Organization/linkwell-example-link-worker-service',
        permits: ['share-referral', 'write-back-outcomes'],
        recordedBy: { reference: gp, display: 'Dr Amara Okafor' },
      }),
      {
        date: '2025-04-02T11:00:00Z',
        by: { reference: linkWorker, display: 'Aisha Begum' },
      },
    ),
    closingSummary: buildClosingSummary({
      identifier: randomUUID(),
      patient,
      referral,
      task: 'Task/linkwell-example-task',
      linkWorker: { reference: linkWorker, display: 'Aisha Begum' },
      service: {
        reference: 'Organization/linkwell-example-link-worker-service',
        display: 'Riverside Social Prescribing',
      },
      serviceContact: '0191 000 0000',
      patientName: 'Jean Example',
      referredOn: '2025-03-01T09:30:00Z',
      closedOn: '2025-06-20T15:00:00Z',
      outcome: 'Discharged',
      reason: 'Goals met; goes to the walking group each week.',
      support: {
        contactAttempts: 3,
        conversations: 2,
        meetings: 4,
        onward: [{ service: 'Tuesday Morning Walking Group', status: 'taken up' }],
      },
      goals: [{ description: 'Walk to the park with a friend', status: 'Achieved' }],
      outcomes: [{ measure: 'swemwbs', baseline: 15.32, latest: 25.03 }],
      writeBackWithheld: false,
      gpActions: 'Please review her blood pressure at the next appointment.',
      related: ['ServiceRequest/linkwell-example-referral'],
    }),
    goal: buildGoal({
      description: 'I would like to go swimming again with my granddaughter.',
      patient,
      referral,
      startDate: '2025-03-10',
      achievement: 'in-progress',
      expressedBy: patient,
      target: { measure: 'Swims each month', detail: 2, dueDate: '2025-06-10' },
      identifier: randomUUID(),
    }),
    consent: buildConsent({
      patient,
      dateTime: '2025-03-01T09:25:00Z',
      linkWorkerService: 'Organization/linkwell-example-link-worker-service',
      permits: ['share-referral', 'write-back-outcomes'],
      organization: 'Organization/linkwell-example-practice',
      from: '2025-03-01',
    }),
    ons4Observation: buildOutcomeObservation({
      measure: 'ons4-happiness',
      value: 7,
      patient,
      referral,
      performer: linkWorker,
      effectiveDateTime: '2025-05-20T10:00:00+01:00',
      questionnaireResponse: 'QuestionnaireResponse/linkwell-example-ons4-baseline',
    }),
    swemwbsObservation: buildOutcomeObservation({
      measure: 'swemwbs',
      value: 23.21,
      patient,
      referral,
      performer: patient,
      effectiveDateTime: '2025-05-20T10:10:00+01:00',
    }),
    onwardReferral: buildOnwardReferral({
      identifier: randomUUID(),
      referral,
      patient,
      requester: linkWorker,
      service: 'HealthcareService/linkwell-example-walking-group',
      serviceName: 'Tuesday Morning Walking Group',
      authoredOn: '2025-03-12T13:00:00Z',
      needs: ['physical-inactivity', 'loneliness'],
    }),
    ons4Response: buildQuestionnaireResponse({
      instrument: 'ons4',
      answers: { 'life-satisfaction': 6, worthwhile: 7, happiness: 7, anxiety: 3 },
      patient,
      authored: '2025-05-20T10:00:00+01:00',
      author: linkWorker,
      referral,
    }),
    ucla3Response: buildQuestionnaireResponse({
      instrument: 'ucla3',
      answers: { 'lack-companionship': 2, 'left-out': 1, isolated: 2 },
      patient,
      authored: '2025-05-20T10:05:00+01:00',
      referral,
    }),
    swemwbsResponse: buildQuestionnaireResponse({
      instrument: 'swemwbs',
      answers: {
        'swemwbs-1': 4,
        'swemwbs-2': 3,
        'swemwbs-3': 4,
        'swemwbs-4': 4,
        'swemwbs-5': 3,
        'swemwbs-6': 4,
        'swemwbs-7': 4,
      },
      patient,
      authored: '2025-05-20T10:10:00+01:00',
      referral,
    }),
  };
}
