import { criteriaFor, hookSubscription } from './inbound-subscriptions';

describe('hookSubscription', () => {
  it('watches the service’s Tasks and Consents with stable, distinct ids', () => {
    const task = hookSubscription('Task', 'svc', 'http://a/fhir-hook', 's3cret');
    const consent = hookSubscription('Consent', 'svc', 'http://a/fhir-hook', 's3cret');
    expect(task.criteria).toBe('Task?owner=Organization/svc');
    expect(consent.criteria).toBe(criteriaFor('Consent', 'svc'));
    expect(consent.criteria).toBe('Consent?actor=Organization/svc');
    expect(task.id).toBe(hookSubscription('Task', 'svc', 'http://a/fhir-hook', 'other').id);
    expect(task.id).not.toBe(consent.id);
    expect(task.id).not.toBe(hookSubscription('Task', 'svc', 'http://b/fhir-hook', 's3cret').id);
    expect(task.channel).toEqual({
      type: 'rest-hook',
      endpoint: 'http://a/fhir-hook',
      payload: 'application/fhir+json',
      header: ['Authorization: Bearer s3cret'],
    });
    expect(hookSubscription('Task', 'svc', 'http://a/fhir-hook', 's', 'off').status).toBe('off');
  });
});
