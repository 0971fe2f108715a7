import { ProfileInputError } from './errors';
import {
  buildConsent,
  consentState,
  buildGoal,
  buildOnwardReferral,
  buildOutcomeObservation,
  buildQuestionnaireResponse,
  buildReferral,
  buildReferralTask,
  statusHistoryOf,
  supersededReferralTask,
  isLinkwellConsent,
  isLinkwellGoal,
  isOnwardReferral,
  isOutcomeObservation,
  isReferral,
  isReferralTask,
  LINKWELL_IDENTIFIER_SYSTEMS,
  PROFILE_URLS,
  QUESTIONNAIRE_URLS,
  RESEARCH_PURPOSE,
  researchPermitted,
  researchProvision,
  withdrawConsent,
  withResearchPermission,
  type ReferralInput,
} from './index';

const patient = 'Patient/p1';
const referralRef = 'ServiceRequest/r1';
const referralInput: ReferralInput = {
  identifier: 'b7d1',
  patient,
  requester: 'PractitionerRole/gp1',
  performer: 'HealthcareService/lw1',
  authoredOn: '2025-02-03T10:15:00Z',
  needs: ['social-isolation', 'housing'],
};

describe('buildReferral', () => {
  it('claims the profile and carries the essentials', () => {
    const referral = buildReferral({
      ...referralInput,
      note: '  lives alone  ',
      consent: 'Consent/c1',
      contactPreferences: ['phone'],
    });
    expect(referral.meta?.profile).toEqual([PROFILE_URLS.referral]);
    expect(referral.identifier).toEqual([
      { system: LINKWELL_IDENTIFIER_SYSTEMS.referral, value: 'b7d1' },
    ]);
    expect(referral).toMatchObject({
      status: 'active',
      intent: 'order',
      priority: 'routine',
      code: { coding: [{ system: 'http://snomed.info/sct', code: '871731000000106' }] },
      subject: { reference: patient },
      performer: [{ reference: 'HealthcareService/lw1' }],
      supportingInfo: [{ reference: 'Consent/c1' }],
      note: [{ text: 'lives alone' }],
    });
    expect(referral.reasonCode?.map((c) => c.coding?.[0]?.code)).toEqual(['422650009', 'housing']);
    expect(referral.extension?.[0]?.valueCodeableConcept?.coding?.[0]?.code).toBe('phone');
  });

  it('keeps a caller-supplied identifier system', () => {
    const referral = buildReferral({
      ...referralInput,
      identifier: { system: 'https://ehr.example/referrals', value: '42' },
    });
    expect(referral.identifier?.[0]).toEqual({
      system: 'https://ehr.example/referrals',
      value: '42',
    });
  });

  it('accepts urn:uuid references for transactions', () => {
    const ref = 'urn:uuid:0f0e0d0c-0b0a-4909-8807-060504030201';
    expect(buildReferral({ ...referralInput, patient: ref }).subject).toEqual({ reference: ref });
  });

  it.each([
    [{ needs: [] }, 'needs: needs at least one entry'],
    [{ identifier: ' ' }, 'identifier: is required'],
    [{ authoredOn: '2025-02-03T10:15:00' }, 'authoredOn: must be a FHIR dateTime'],
    [{ patient: 'Practitioner/x' }, 'patient: must reference Patient'],
    [
      { performer: 'Practitioner/x' },
      'performer: must reference Organization or HealthcareService',
    ],
    [{ needs: ['broken-leg'] }, 'needs[0]: must be one of social-isolation, loneliness'],
    [{ priority: 'whenever' }, 'priority: must be one of routine, urgent, asap, stat'],
    [{ contactPreferences: ['pigeon'] }, 'contactPreferences[0]: must be one of phone'],
  ])('refuses %p', (change, message) => {
    const input = { ...referralInput, ...change } as ReferralInput;
    expect(() => buildReferral(input)).toThrow(ProfileInputError);
    expect(() => buildReferral(input)).toThrow(message);
  });
});

describe('supersededReferralTask', () => {
  it('cancels the service’s own Task as a duplicate, naming the Task the case continues on', () => {
    const own = buildReferralTask({
      referral: referralRef,
      patient,
      requester: 'Organization/svc',
      owner: 'Organization/svc',
      authoredOn: '2025-02-03T10:15:00Z',
      status: 'accepted',
      statusHistory: [
        { status: 'requested', date: '2025-02-03T10:15:00Z' },
        { status: 'accepted', date: '2025-02-04T09:00:00Z' },
      ],
    });
    const closed = supersededReferralTask(own, {
      replacedBy: 'Task/gp-1',
      at: '2025-02-10T12:00:00Z',
      by: { reference: 'Practitioner/lw1', display: 'Aisha Begum' },
    });
    expect(closed).toMatchObject({ status: 'cancelled', lastModified: '2025-02-10T12:00:00Z' });
    expect(closed.statusReason?.coding?.[0]?.code).toBe('duplicate-referral');
    expect(closed.statusReason?.text).toContain('Task/gp-1');
    expect(statusHistoryOf(closed).map((s) => [s.status, s.by?.display])).toEqual([
      ['requested', undefined],
      ['accepted', undefined],
      ['cancelled', 'Aisha Begum'],
    ]);
    expect(() => supersededReferralTask(own, { replacedBy: 'Task/gp-1', at: 'soon' })).toThrow(
      ProfileInputError,
    );
  });
});

describe('buildReferralTask', () => {
  const taskInput = {
    referral: referralRef,
    patient,
    requester: 'PractitionerRole/gp1',
    owner: 'HealthcareService/lw1',
    authoredOn: '2025-02-03T10:15:00Z',
  } as const;

  it('defaults to a requested fulfill Task claiming the profile', () => {
    const task = buildReferralTask(taskInput);
    expect(task.meta?.profile).toEqual([PROFILE_URLS.referralTask]);
    expect(task).toMatchObject({
      status: 'requested',
      intent: 'order',
      code: { coding: [{ code: 'fulfill' }] },
      focus: { reference: referralRef },
      for: { reference: patient },
      lastModified: taskInput.authoredOn,
    });
    expect(task.statusReason).toBeUndefined();
  });

  it.each(['rejected', 'cancelled', 'failed'] as const)(
    'needs a statusReason when %s',
    (status) => {
      expect(() => buildReferralTask({ ...taskInput, status })).toThrow(
        'statusReason: is required when status is rejected, cancelled, failed',
      );
    },
  );

  it('codes reasons and business status from the Linkwell code systems', () => {
    const task = buildReferralTask({
      ...taskInput,
      status: 'rejected',
      statusReason: 'outside-area',
      businessStatus: 'declined',
      identifier: 'b7d1',
    });
    expect(task.statusReason?.coding?.[0]?.code).toBe('outside-area');
    expect(task.businessStatus?.coding?.[0]?.code).toBe('declined');
    expect(task.identifier?.[0]?.value).toBe('b7d1');
  });

  it('takes SNOMED "social prescribing declined" and free-text reasons', () => {
    expect(
      buildReferralTask({
        ...taskInput,
        status: 'cancelled',
        statusReason: 'social-prescribing-declined',
      }).statusReason?.coding?.[0]?.code,
    ).toBe('871711000000103');
    expect(
      buildReferralTask({ ...taskInput, status: 'failed', statusReason: { text: 'Moved abroad' } })
        .statusReason,
    ).toEqual({ text: 'Moved abroad' });
  });

  it('refuses statuses outside the referral lifecycle', () => {
    const input = { ...taskInput, status: 'draft' } as unknown as Parameters<
      typeof buildReferralTask
    >[0];
    expect(() => buildReferralTask(input)).toThrow('status: must be one of requested');
  });
});

describe('buildGoal', () => {
  const goalInput = {
    description: 'Get out of the house twice a week',
    patient,
    referral: referralRef,
    startDate: '2025-02-17',
  } as const;

  it('keeps the words in description.text and addresses the referral', () => {
    const goal = buildGoal({
      ...goalInput,
      target: { measure: 'Outings each week', detail: 2, dueDate: '2025-05-17' },
    });
    expect(goal.meta?.profile).toEqual([PROFILE_URLS.goal]);
    expect(goal).toMatchObject({
      lifecycleStatus: 'active',
      description: { text: goalInput.description },
      addresses: [{ reference: referralRef }],
      target: [{ measure: { text: 'Outings each week' }, detailInteger: 2, dueDate: '2025-05-17' }],
    });
  });

  it.each([
    [{ description: '  ' }, 'description: is required'],
    [{ startDate: '17/02/2025' }, 'startDate: must be a date YYYY-MM-DD'],
    [{ referral: 'Goal/g1' }, 'referral: must reference ServiceRequest'],
  ])('refuses %p', (change, message) => {
    expect(() => buildGoal({ ...goalInput, ...change } as typeof goalInput)).toThrow(message);
  });
});

describe('buildConsent', () => {
  const consentInput = {
    patient,
    dateTime: '2025-02-03T10:12:00Z',
    linkWorkerService: 'Organization/lw',
    permits: ['share-referral', 'write-back-outcomes'],
  } as const;

  it('records an opt-in with one action per permission', () => {
    const consent = buildConsent(consentInput);
    expect(consent.meta?.profile).toEqual([PROFILE_URLS.consent]);
    expect(consent.provision?.action?.map((a) => a.coding?.[0]?.code)).toEqual([
      'disclose',
      'collect',
    ]);
    expect(consent.provision?.actor?.[0]?.reference).toEqual({ reference: 'Organization/lw' });
  });

  it('adds the research permission as a nested permit for HRESCH only when asked', () => {
    expect(buildConsent(consentInput).provision?.provision).toBeUndefined();
    expect(buildConsent({ ...consentInput, research: false }).provision?.provision).toBeUndefined();
    const nested = buildConsent({ ...consentInput, research: true }).provision?.provision;
    expect(nested).toHaveLength(1);
    expect(nested?.[0]).toMatchObject({
      type: 'permit',
      purpose: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', code: 'HRESCH' }],
    });
  });

  it('reads the research permission only from a live permit', () => {
    const withResearch = buildConsent({ ...consentInput, research: true });
    expect(researchPermitted(withResearch)).toBe(true);
    expect(consentState(withResearch).research).toBe(true);
    expect(researchPermitted(buildConsent(consentInput))).toBe(false);
    // Withdrawing the consent to share withdraws research too.
    const withdrawn = withdrawConsent(withResearch, {
      date: '2025-04-02T11:00:00Z',
      by: { reference: 'Practitioner/lw1', display: 'Aisha Begum' },
    });
    expect(researchPermitted(withdrawn)).toBe(false);
    expect(researchPermitted({ ...withResearch, status: 'inactive' })).toBe(false);
    const provision = withResearch.provision ?? { type: 'permit' };
    // A research provision that denies, or one for another purpose, permits nothing.
    expect(
      researchPermitted({
        ...withResearch,
        provision: { ...provision, provision: [{ ...researchProvision(), type: 'deny' }] },
      }),
    ).toBe(false);
    expect(
      researchPermitted({
        ...withResearch,
        provision: {
          ...provision,
          provision: [
            {
              ...researchProvision(),
              purpose: [{ system: RESEARCH_PURPOSE.system, code: 'HMARKT' }],
            },
          ],
        },
      }),
    ).toBe(false);
    // Nested under a deny, it does not count either.
    expect(researchPermitted({ ...withResearch, provision: { ...provision, type: 'deny' } })).toBe(
      false,
    );
  });

  it('gives and takes back the research permission on a Consent, leaving the rest as it was', () => {
    const consent = buildConsent(consentInput);
    const given = withResearchPermission(consent, true);
    expect(researchPermitted(given)).toBe(true);
    expect(withResearchPermission(given, true).provision?.provision).toHaveLength(1);
    const { provision: nested, ...rest } = given.provision ?? { type: 'permit' };
    expect(nested).toHaveLength(1);
    expect(rest).toEqual(consent.provision);
    const taken = withResearchPermission(given, false);
    expect(researchPermitted(taken)).toBe(false);
    expect(taken).toEqual(consent);
    const withdrawn = withdrawConsent(consent, {
      date: '2025-04-02T11:00:00Z',
      by: { reference: 'Practitioner/lw1', display: 'Aisha Begum' },
    });
    expect(() => withResearchPermission(withdrawn, true)).toThrow(
      'research: cannot be permitted on a consent not in force',
    );
  });

  it('refuses no permissions and repeated permissions', () => {
    expect(() => buildConsent({ ...consentInput, permits: [] })).toThrow(
      'permits: needs at least one',
    );
    expect(() =>
      buildConsent({ ...consentInput, permits: ['share-referral', 'share-referral'] }),
    ).toThrow('permits: lists the same permission twice');
  });
});

describe('buildOutcomeObservation', () => {
  const base = {
    patient,
    referral: referralRef,
    performer: 'PractitionerRole/lw1',
    effectiveDateTime: '2025-02-17T11:00:00Z',
  } as const;

  it('adds the ONS4 band as interpretation', () => {
    const obs = buildOutcomeObservation({ ...base, measure: 'ons4-anxiety', value: 6 });
    expect(obs.meta?.profile).toEqual([PROFILE_URLS.outcomeObservation]);
    expect(obs).toMatchObject({
      status: 'final',
      valueInteger: 6,
      category: [{ coding: [{ code: 'survey' }] }],
      basedOn: [{ reference: referralRef }],
      interpretation: [{ coding: [{ code: 'high' }] }],
    });
  });

  it('carries decimal scores as a {score} Quantity without a band', () => {
    const obs = buildOutcomeObservation({ ...base, measure: 'swemwbs', value: 19.98 });
    expect(obs.valueQuantity).toEqual({
      value: 19.98,
      unit: 'score',
      system: 'http://unitsofmeasure.org',
      code: '{score}',
    });
    expect(obs.code.coding?.[0]?.code).toBe('718466001');
    expect(obs.interpretation).toBeUndefined();
  });

  it.each([
    ['ucla3-total', 10, 'value (ucla3-total): must be from 3 to 9, got 10'],
    ['ons4-happiness', 7.5, 'value (ons4-happiness): must be a whole number from 0 to 10'],
    ['swemwbs', 36, 'value (swemwbs): must be from 7 to 35'],
  ] as const)('refuses %s = %p', (measure, value, message) => {
    expect(() => buildOutcomeObservation({ ...base, measure, value })).toThrow(message);
  });
});

describe('buildOnwardReferral', () => {
  it('is based on the referral and performed by the HealthcareService', () => {
    const onward = buildOnwardReferral({
      identifier: 'x1',
      referral: referralRef,
      patient,
      requester: 'PractitionerRole/lw1',
      service: 'HealthcareService/walk',
      serviceName: 'Walking group',
      authoredOn: '2025-02-24T14:00:00Z',
    });
    expect(onward.meta?.profile).toEqual([PROFILE_URLS.onwardReferral]);
    expect(onward).toMatchObject({
      basedOn: [{ reference: referralRef }],
      performer: [{ reference: 'HealthcareService/walk', display: 'Walking group' }],
      code: { coding: [{ code: 'community-service-referral' }], text: 'Walking group' },
      identifier: [{ system: LINKWELL_IDENTIFIER_SYSTEMS.onwardReferral, value: 'x1' }],
    });
  });

  it('refuses a performer that is not a HealthcareService', () => {
    expect(() =>
      buildOnwardReferral({
        identifier: 'x1',
        referral: referralRef,
        patient,
        requester: 'PractitionerRole/lw1',
        service: 'Organization/o1' as 'HealthcareService/o1',
        authoredOn: '2025-02-24T14:00:00Z',
      }),
    ).toThrow('service: must reference HealthcareService');
  });
});

describe('buildQuestionnaireResponse', () => {
  it('codes UCLA-3 answers and points at the questionnaire', () => {
    const qr = buildQuestionnaireResponse({
      instrument: 'ucla3',
      answers: { 'lack-companionship': 3, 'left-out': 1, isolated: 2 },
      patient,
      authored: '2025-02-17T11:05:00Z',
    });
    expect(qr.questionnaire).toBe(QUESTIONNAIRE_URLS.ucla3);
    expect(qr.item?.map((i) => i.answer?.[0]?.valueCoding?.display)).toEqual([
      'Often',
      'Hardly ever',
      'Some of the time',
    ]);
  });

  it('stores ONS4 answers as integers and refuses bad ones like the scorer', () => {
    const answers = { 'life-satisfaction': 4, worthwhile: 5, happiness: 3, anxiety: 6 };
    const qr = buildQuestionnaireResponse({
      instrument: 'ons4',
      answers,
      patient,
      authored: '2025-02-17',
    });
    expect(qr.item?.map((i) => i.answer?.[0]?.valueInteger)).toEqual([4, 5, 3, 6]);
    expect(() =>
      buildQuestionnaireResponse({
        instrument: 'ons4',
        answers: { ...answers, anxiety: 12 },
        patient,
        authored: '2025-02-17',
      }),
    ).toThrow('ONS4 anxiety: must be from 0 to 10, got 12');
  });
});

describe('type guards', () => {
  const referral = buildReferral(referralInput);

  it('recognise builder output by profile', () => {
    expect(isReferral(referral)).toBe(true);
    expect(isOnwardReferral(referral)).toBe(false);
    expect(isReferralTask(referral)).toBe(false);
  });

  it('recognise a referral and an outcome whose profile claim was dropped, by code', () => {
    const bare = { ...referral, meta: undefined };
    expect(isReferral(bare)).toBe(true);
    const obs = buildOutcomeObservation({
      measure: 'ucla3-total',
      value: 5,
      patient,
      referral: referralRef,
      performer: patient,
      effectiveDateTime: '2025-02-17',
    });
    const bareObs = { ...obs, meta: undefined };
    expect(isOutcomeObservation(bareObs)).toBe(true);
    expect(isOutcomeObservation({ ...bareObs, code: { text: 'Heart rate' } })).toBe(false);
  });

  it('reject other resources and undefined', () => {
    expect(isReferral(undefined)).toBe(false);
    expect(
      isReferral({
        resourceType: 'ServiceRequest',
        status: 'active',
        intent: 'order',
        subject: {},
      }),
    ).toBe(false);
    expect(isLinkwellGoal({ resourceType: 'Patient' })).toBe(false);
    expect(isLinkwellConsent({ resourceType: 'Patient' })).toBe(false);
  });
});
