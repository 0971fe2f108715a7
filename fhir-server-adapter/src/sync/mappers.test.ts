import type { Task } from 'fhir/r4';
import {
  PROFILE_URLS,
  ProfileInputError,
  buildReferralTask,
  caseHolderOf,
  statusHistoryOf,
} from '@linkwell/profiles';
import type { LinkedCase, GoalRecord, QuestionnaireAnswersRecord } from '../store/records';
import {
  contentHash,
  goalResource,
  mergeTask,
  onwardResource,
  outcomeResources,
  provenanceResource,
  scoresOf,
} from './mappers';

const serverTask: Task = {
  ...buildReferralTask({
    referral: 'ServiceRequest/ref-1',
    patient: 'Patient/pt-1',
    requester: 'Practitioner/gp-1',
    owner: 'Organization/service-1',
    authoredOn: '2025-02-03T10:15:00Z',
  }),
  id: 'task-1',
  meta: { versionId: '3' },
  note: [{ text: 'added by the GP' }],
};

export const sampleCase: LinkedCase = {
  id: 'case-1',
  serviceOrg: 'service-1',
  endpoint: 'default',
  taskId: 'task-1',
  taskVersion: '3',
  task: serverTask,
  referralRef: 'ServiceRequest/ref-1',
  patientRef: 'Patient/pt-1',
  status: 'accepted',
  statusReason: undefined,
  businessStatus: 'awaiting-contact',
  assignedTo: 'Practitioner/lw-1',
  receivedAt: '2025-02-03T10:20:00.000Z',
  updatedAt: '2025-02-04T09:00:00.000Z',
};

const goal: GoalRecord = {
  id: 'goal-1',
  caseId: 'case-1',
  description: 'Get out of the house twice a week',
  lifecycleStatus: 'active',
  achievement: undefined,
  targetMeasure: 'Walks a week',
  targetDetail: undefined,
  targetDue: '2025-05-01',
  startDate: '2025-02-04',
  shared: true,
  linkWorker: 'Practitioner/lw-1',
  createdAt: '2025-02-04T09:00:00.000Z',
};

const swemwbs: QuestionnaireAnswersRecord = {
  id: 'qr-1',
  caseId: 'case-1',
  instrument: 'swemwbs',
  timing: 'baseline',
  answers: {
    'swemwbs-1': 3,
    'swemwbs-2': 3,
    'swemwbs-3': 3,
    'swemwbs-4': 3,
    'swemwbs-5': 3,
    'swemwbs-6': 3,
    'swemwbs-7': 3,
  },
  authored: '2025-02-04T09:30:00.000Z',
  shared: true,
  linkWorker: 'Practitioner/lw-1',
};

describe('mappers', () => {
  it('maps a goal in the patient words, addressing the referral', () => {
    const resource = goalResource(goal, sampleCase);
    expect(resource.meta?.profile).toEqual([PROFILE_URLS.goal]);
    expect(resource.description.text).toBe(goal.description);
    expect(resource.addresses).toEqual([{ reference: 'ServiceRequest/ref-1' }]);
    expect(resource.identifier?.[0]?.value).toBe('goal-1');
    expect(resource.target?.[0]?.dueDate).toBe('2025-05-01');
  });

  it('maps SWEMWBS answers to a QuestionnaireResponse and metric and raw Observations', () => {
    const { questionnaireResponse, observations } = outcomeResources(
      swemwbs,
      sampleCase,
      'urn:uuid:00000000-0000-4000-8000-000000000001',
    );
    expect(questionnaireResponse.identifier?.value).toBe('qr-1');
    expect(questionnaireResponse.item).toHaveLength(7);
    expect(observations.map((o) => o.valueQuantity?.value ?? o.valueInteger)).toEqual([19.25, 21]);
    expect(observations[0]?.derivedFrom).toEqual([
      { reference: 'urn:uuid:00000000-0000-4000-8000-000000000001' },
    ]);
    expect(observations[0]?.performer).toEqual([{ reference: 'Practitioner/lw-1' }]);
  });

  it('scores ONS4 into four observations and refuses an out-of-range answer', () => {
    expect(
      scoresOf({
        instrument: 'ons4',
        answers: { 'life-satisfaction': 5, worthwhile: 6, happiness: 7, anxiety: 2 },
      }),
    ).toHaveLength(4);
    expect(() =>
      scoresOf({
        instrument: 'ucla3',
        answers: { 'lack-companionship': 4, 'left-out': 1, isolated: 1 },
      }),
    ).toThrow(/from 1 to 3, got 4/);
  });

  it('lays our Task fields over the server copy, keeping what others wrote', () => {
    const merged = mergeTask(
      serverTask,
      { ...sampleCase, status: 'rejected', statusReason: 'outside-area' },
      [{ type: 'Goal', reference: 'Goal/9' }],
    );
    expect(merged.status).toBe('rejected');
    expect(merged.statusReason?.coding?.[0]?.code).toBe('outside-area');
    expect(merged.note).toEqual([{ text: 'added by the GP' }]);
    expect(merged.meta?.versionId).toBe('3');
    expect(merged.output?.[0]?.valueReference?.reference).toBe('Goal/9');
    expect(
      mergeTask(merged, sampleCase, [{ type: 'Goal', reference: 'Goal/9' }]).output,
    ).toHaveLength(1);
    expect(mergeTask(merged, sampleCase, []).statusReason).toBeUndefined();
  });

  it("writes the status history and case holder, replacing ours and keeping others' extensions", () => {
    const story = {
      statusHistory: [
        { status: 'requested' as const, date: '2025-02-03T10:15:00Z' },
        {
          status: 'accepted' as const,
          businessStatus: 'awaiting-contact' as const,
          date: '2025-02-04T09:00:00Z',
        },
      ],
      caseHolder: { reference: 'Practitioner/lw-1', display: 'Aisha Begum' },
    };
    const other = { url: 'https://example.org/ext', valueString: 'kept' };
    const first = mergeTask({ ...serverTask, extension: [other] }, sampleCase, [], story);
    const again = mergeTask(first, sampleCase, [], story);
    expect(again.extension).toHaveLength(4);
    expect(again.extension?.[0]).toEqual(other);
    expect(statusHistoryOf(again).map((s) => s.status)).toEqual(['requested', 'accepted']);
    expect(caseHolderOf(again)).toEqual(story.caseHolder);
  });

  it('refuses a Task whose requester is known only by identifier or by an absolute URL', () => {
    for (const requester of [
      { identifier: { system: 'https://example.org/ods', value: 'G1' } },
      { reference: 'https://other.example/fhir/Practitioner/9' },
    ]) {
      expect(() => mergeTask({ ...serverTask, requester }, sampleCase, [])).toThrow(
        ProfileInputError,
      );
    }
  });

  it('keeps free-text reasons as text', () => {
    const merged = mergeTask(
      serverTask,
      { ...sampleCase, status: 'cancelled', statusReason: 'Moved to Leeds' },
      [],
    );
    expect(merged.statusReason).toEqual({ text: 'Moved to Leeds' });
  });

  it('maps an onward referral to a HealthcareService', () => {
    const resource = onwardResource(
      {
        id: 'on-1',
        caseId: 'case-1',
        serviceRef: 'HealthcareService/walking',
        serviceName: 'Walking group',
        note: undefined,
        status: 'active',
        authoredOn: '2025-02-05T10:00:00.000Z',
        shared: true,
        linkWorker: 'Practitioner/lw-1',
      },
      sampleCase,
    );
    expect(resource.performer?.[0]?.reference).toBe('HealthcareService/walking');
    expect(resource.basedOn).toEqual([{ reference: 'ServiceRequest/ref-1' }]);
  });

  it('names the link worker in Provenance and hashes content stably', () => {
    const provenance = provenanceResource(
      'p1',
      [{ reference: 'Goal/1' }],
      'Practitioner/lw-1',
      'service-1',
      '2025-02-04T09:00:00.000Z',
    );
    expect(provenance.agent[0]?.who.reference).toBe('Practitioner/lw-1');
    expect(contentHash({ a: 1 })).toBe(contentHash({ a: 1 }));
    expect(contentHash({ a: 1 })).not.toBe(contentHash({ a: 2 }));
  });
});
