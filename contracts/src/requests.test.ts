import type { z } from 'zod';
import { ApiError } from './api-error';
import {
  ActionRequest,
  ActionStatusRequest,
  AssessedNeedRequest,
  CarePlanRequest,
} from './care-plan';
import { BusinessStatusRequest, DischargeRequest, RejectRequest } from './case';
import { FollowUpRequest } from './caseload';
import { WithdrawConsentRequest } from './consent';
import {
  AppointmentOutcomeRequest,
  BookAppointmentRequest,
  DiaryQuery,
  MoveAppointmentRequest,
} from './diary';
import { CapacityRequest, DirectoryQuery, OnwardReportRequest } from './directory';
import { PeopleQuery, ReferralRequest } from './intake';
import { parseWith } from './parse';
import {
  AnswersRequest,
  ContactAttemptRequest,
  GoalRequest,
  GoalUpdateRequest,
  NoteRequest,
  OnwardReferralRequest,
  QuestionnaireLinkRequest,
} from './record';
import { CommunicationRequest, RiskRequest, RiskReviewRequest } from './risk';

/** The 400 a schema answers `value` with: its field and message. */
function refusal(schema: z.ZodType, value: unknown): { field?: string; message: string } {
  try {
    parseWith(schema, value);
  } catch (error) {
    if (error instanceof ApiError && error.status === 400 && error.code === 'bad-request') {
      return {
        ...(error.field === undefined ? {} : { field: error.field }),
        message: error.message,
      };
    }
    throw error;
  }
  throw new Error('accepted');
}

const START = '2025-02-03T10:15:00Z';
const referral = {
  source: {
    kind: 'housing',
    referrerName: 'Sam Lee',
    referrerOrganisation: 'Homes Ltd',
    reason: 'Lonely',
  },
  patient: 'Patient/p1',
  needs: ['social-isolation'],
  consent: { shareWithService: true, writeBack: false },
};

describe('request schemas', () => {
  it('every schema refuses a body that is not an object', () => {
    for (const schema of [
      RejectRequest,
      BusinessStatusRequest,
      DischargeRequest,
      FollowUpRequest,
      AssessedNeedRequest,
      ActionRequest,
      ActionStatusRequest,
      CarePlanRequest,
      WithdrawConsentRequest,
      BookAppointmentRequest,
      MoveAppointmentRequest,
      AppointmentOutcomeRequest,
      ReferralRequest,
      ContactAttemptRequest,
      NoteRequest,
      GoalRequest,
      GoalUpdateRequest,
      AnswersRequest,
      OnwardReferralRequest,
      QuestionnaireLinkRequest,
      RiskRequest,
      RiskReviewRequest,
      CommunicationRequest,
      CapacityRequest,
      OnwardReportRequest,
    ]) {
      expect(refusal(schema, [])).toEqual({ message: 'The request body must be a JSON object.' });
    }
  });

  it('case lifecycle: reasons, business statuses and discharge outcomes from the lists', () => {
    expect(refusal(RejectRequest, { reason: 'because' })).toMatchObject({ field: 'reason' });
    expect(refusal(RejectRequest, { reason: 'because' }).message).toContain(
      'social-prescribing-declined',
    );
    expect(parseWith(RejectRequest, { reason: 'outside-area' })).toEqual({
      reason: 'outside-area',
    });
    expect(refusal(BusinessStatusRequest, { businessStatus: 'lost' }).field).toBe('businessStatus');
    expect(refusal(DischargeRequest, { outcome: 'discharged' })).toEqual({
      field: 'reason',
      message: 'reason is required and must be text.',
    });
    expect(refusal(DischargeRequest, { outcome: 'gone', reason: 'x' }).field).toBe('outcome');
  });

  it('follow-up: a real day or null, and says so when left out', () => {
    expect(refusal(FollowUpRequest, {})).toEqual({
      field: 'due',
      message: 'due is required (YYYY-MM-DD, or null).',
    });
    expect(refusal(FollowUpRequest, { due: '2025-02-30' }).field).toBe('due');
    expect(parseWith(FollowUpRequest, { due: null })).toEqual({ due: null });
  });

  it('care plan: needs from the profiles, action statuses, clearable words', () => {
    expect(refusal(AssessedNeedRequest, { need: 'money' }).field).toBe('need');
    expect(refusal(ActionRequest, { description: 'Call', due: 'soon' }).field).toBe('due');
    expect(refusal(ActionStatusRequest, { status: 'finished' }).message).toBe(
      'status must be one of agreed, done, dropped.',
    );
    expect(refusal(CarePlanRequest, { share: 'yes' }).field).toBe('share');
    expect(parseWith(CarePlanRequest, { whatMatters: null })).toEqual({ whatMatters: null });
  });

  it('consent withdrawal takes an empty body', () => {
    expect(parseWith(WithdrawConsentRequest, {})).toEqual({});
  });

  it('diary: start required, minutes 5 to 480, modes and outcomes from the lists, days 1 to 14', () => {
    expect(refusal(BookAppointmentRequest, { minutes: 30, mode: 'phone' })).toEqual({
      field: 'start',
      message: 'start is required: when the meeting or call begins.',
    });
    expect(refusal(MoveAppointmentRequest, { start: '2025-02-03T10:15', minutes: 30 }).field).toBe(
      'start',
    );
    for (const minutes of [4, 481, 30.5, '30']) {
      expect(refusal(MoveAppointmentRequest, { start: START, minutes })).toEqual({
        field: 'minutes',
        message: 'minutes must be a whole number of minutes from 5 to 480.',
      });
    }
    expect(refusal(BookAppointmentRequest, { start: START, minutes: 30, mode: 'fax' }).field).toBe(
      'mode',
    );
    expect(refusal(AppointmentOutcomeRequest, { outcome: 'late' }).field).toBe('outcome');
    for (const days of ['0', '15', '1.5', 'x']) {
      expect(refusal(DiaryQuery, { days }).message).toBe(
        'days must be a whole number from 1 to 14.',
      );
    }
    expect(parseWith(DiaryQuery, {})).toEqual({ days: 1 });
    expect(parseWith(DiaryQuery, { from: '2025-02-03', days: '7' })).toEqual({
      from: '2025-02-03',
      days: 7,
    });
  });

  it('referrals from anyone: nested fields by their path, one of patient or person', () => {
    expect(parseWith(ReferralRequest, referral).who).toEqual({ patient: 'Patient/p1' });
    expect(
      refusal(ReferralRequest, {
        ...referral,
        source: { ...referral.source, referrerName: undefined },
      }),
    ).toEqual({
      field: 'source.referrerName',
      message: 'source.referrerName is required and must be text.',
    });
    expect(
      parseWith(ReferralRequest, { ...referral, source: { kind: 'self', reason: 'Lonely' } })
        .source,
    ).toMatchObject({ kind: 'self' });
    expect(
      refusal(ReferralRequest, { ...referral, source: { ...referral.source, kind: 'gp' } }).field,
    ).toBe('source.kind');
    expect(refusal(ReferralRequest, { ...referral, patient: 'p1' }).message).toBe(
      'patient must be a reference Patient/<id>.',
    );
    expect(refusal(ReferralRequest, { ...referral, patient: undefined }).field).toBe('patient');
    expect(refusal(ReferralRequest, { ...referral, needs: [] }).message).toBe(
      'needs must list at least one need.',
    );
    expect(refusal(ReferralRequest, { ...referral, needs: ['social-isolation', 'x'] }).field).toBe(
      'needs[1]',
    );
    expect(refusal(ReferralRequest, { ...referral, consent: undefined }).message).toBe(
      'consent is required and must be an object.',
    );
    expect(
      refusal(ReferralRequest, { ...referral, consent: { shareWithService: true } }).field,
    ).toBe('consent.writeBack');
    const person = {
      given: 'Ann',
      family: 'Lee',
      birthDate: '1950-01-01',
      nhsNumber: '943 476 5919',
    };
    const local = { ...referral, patient: undefined, person };
    expect(parseWith(ReferralRequest, local).who).toEqual({
      person: { ...person, nhsNumber: '9434765919', postcode: undefined, contact: undefined },
    });
    expect(
      refusal(ReferralRequest, { ...local, person: { ...person, birthDate: undefined } }),
    ).toEqual({
      field: 'person.birthDate',
      message: 'person.birthDate is required (YYYY-MM-DD).',
    });
    expect(
      refusal(ReferralRequest, { ...local, person: { ...person, birthDate: '2999-01-01' } })
        .message,
    ).toBe('person.birthDate must not be in the future.');
    expect(
      refusal(ReferralRequest, { ...local, person: { ...person, nhsNumber: '9434765910' } }).field,
    ).toBe('person.nhsNumber');
  });

  it('people search: by NHS number, or family with a birth date', () => {
    expect(refusal(PeopleQuery, {})).toEqual({
      field: 'family',
      message: 'Search by nhsNumber, or by family and birthDate.',
    });
    expect(refusal(PeopleQuery, { family: 'Lee' }).field).toBe('birthDate');
    expect(refusal(PeopleQuery, { nhsNumber: '123' }).message).toBe(
      'nhsNumber must be a valid 10-digit NHS number.',
    );
    expect(parseWith(PeopleQuery, { nhsNumber: '9434765919' }).nhsNumber).toBe('9434765919');
  });

  it('case records: methods, outcomes, goals, answers and onward services', () => {
    expect(refusal(ContactAttemptRequest, { method: 'pigeon', outcome: 'reached' }).field).toBe(
      'method',
    );
    expect(refusal(ContactAttemptRequest, { method: 'phone', outcome: 'ok' }).field).toBe(
      'outcome',
    );
    expect(refusal(NoteRequest, { text: ' ' }).field).toBe('text');
    expect(refusal(GoalRequest, { description: '' }).field).toBe('description');
    expect(refusal(GoalRequest, { description: 'Walk', targetDue: '2025-13-01' }).field).toBe(
      'targetDue',
    );
    expect(refusal(GoalUpdateRequest, { lifecycleStatus: 'proposed' }).field).toBe(
      'lifecycleStatus',
    );
    expect(
      refusal(GoalUpdateRequest, { lifecycleStatus: 'active', achievement: 'nearly' }).field,
    ).toBe('achievement');
    expect(
      refusal(AnswersRequest, { instrument: 'phq9', answers: {}, timing: 'baseline' }).field,
    ).toBe('instrument');
    expect(
      refusal(AnswersRequest, { instrument: 'ons4', answers: { anxiety: 2.5 }, timing: 'baseline' })
        .field,
    ).toBe('answers.anxiety');
    expect(
      refusal(AnswersRequest, { instrument: 'ons4', answers: {}, timing: 'later' }).field,
    ).toBe('timing');
    expect(refusal(OnwardReferralRequest, { service: 'HealthcareService/a b' })).toEqual({
      field: 'service',
      message: 'service must be a HealthcareService id.',
    });
    expect(parseWith(OnwardReferralRequest, { service: 'HealthcareService/hs-1' }).service).toBe(
      'hs-1',
    );
    expect(
      refusal(QuestionnaireLinkRequest, { instrument: 'ons4', timing: 'follow-up', validDays: 31 })
        .field,
    ).toBe('validDays');
    expect(
      parseWith(QuestionnaireLinkRequest, { instrument: 'ons4', timing: 'follow-up' }).validDays,
    ).toBe(7);
  });

  it('risks: types and statuses from the profiles, detail where the type needs it', () => {
    expect(refusal(RiskRequest, { type: 'dogs' }).field).toBe('type');
    expect(refusal(RiskRequest, { type: 'other-agency' })).toEqual({
      field: 'detail',
      message: 'Say which agencies are involved.',
    });
    expect(refusal(RiskRequest, { type: 'other-risk' }).message).toBe('Say what the risk is.');
    expect(refusal(RiskReviewRequest, { status: 'gone' }).field).toBe('status');
    expect(refusal(CommunicationRequest, { language: 'Polish!' }).field).toBe('language');
    expect(refusal(CommunicationRequest, { adjustments: ['shouting'] }).field).toBe('adjustments');
    expect(refusal(CommunicationRequest, { interpreterNeeded: true })).toEqual({
      field: 'language',
      message: 'Say which language the interpreter should speak.',
    });
    expect(
      parseWith(CommunicationRequest, { language: 'pl', adjustments: ['easy-read', 'easy-read'] }),
    ).toEqual({
      language: 'pl',
      adjustments: ['easy-read'],
      interpreterNeeded: false,
      detail: undefined,
    });
  });

  it('directory: capacity states and weeks, a refusal or no-show says why', () => {
    expect(refusal(CapacityRequest, { state: 'open' }).field).toBe('state');
    expect(
      refusal(CapacityRequest, { state: 'waiting-list', expectedWaitWeeks: 105 }).message,
    ).toBe('expectedWaitWeeks must be a whole number of weeks (0 to 104).');
    expect(refusal(OnwardReportRequest, { state: 'declined' }).field).toBe('reason');
    expect(refusal(OnwardReportRequest, { state: 'lost' }).field).toBe('state');
  });

  it('directory search: days by their codes, ages in whole years, each parameter given once', () => {
    for (const day of ['XX', 'monday', 'M']) {
      expect(refusal(DirectoryQuery, { day })).toEqual({
        field: 'day',
        message: 'day must be one of MO, TU, WE, TH, FR, SA, SU.',
      });
    }
    for (const age of ['abc', '-1', '131', '2.5', 'Infinity']) {
      expect(refusal(DirectoryQuery, { age })).toEqual({
        field: 'age',
        message: 'age must be a whole number of years.',
      });
    }
    expect(parseWith(DirectoryQuery, {})).toEqual({ openNow: false });
    expect(
      parseWith(DirectoryQuery, {
        need: ' money-debt ',
        text: 'x'.repeat(250),
        near: '',
        caseId: ['c-1', 'c-2'],
        day: 'tu',
        age: '0',
        openNow: 'true',
        limit: 'many',
      }),
    ).toEqual({
      need: 'money-debt',
      text: 'x'.repeat(200),
      day: 'TU',
      age: 0,
      openNow: true,
      limit: 20,
    });
    expect(parseWith(DirectoryQuery, { age: '130', openNow: 'yes', limit: '5' })).toEqual({
      age: 130,
      openNow: false,
      limit: 5,
    });
  });
});
