import { changeProbe, newestUpdate, somethingChanged } from './change-probe';
import { readDashboardBatch } from './dashboard-batch';
import { countResponse, dashboardResponse } from '../../test-support/dashboard-fixture';

describe('the change probe', () => {
  it('starts from the newest lastUpdated the dashboard read, whatever its offset', () => {
    const data = readDashboardBatch(dashboardResponse());
    expect(newestUpdate(data)).toBe('2025-05-12T10:00:00Z');
    const later = {
      ...data,
      goals: [{ ...data.goals[0], meta: { lastUpdated: '2025-05-12T11:30:00+01:00' } }],
    };
    // 11:30+01:00 is 10:30Z: later than 10:00Z although it sorts earlier as text.
    expect(newestUpdate(later as typeof data)).toBe('2025-05-12T11:30:00+01:00');
  });

  it('counts each dashboard search after that time, and everything when nothing was seen', () => {
    const probe = changeProbe('pat-1', '2025-05-12T11:30:00.123+01:00');
    expect(probe.type).toBe('batch');
    expect(probe.entry?.[1]?.request?.url).toBe(
      'Task?patient=pat-1&code=http%3A%2F%2Fhl7.org%2Ffhir%2FCodeSystem%2Ftask-code%7Cfulfill&_lastUpdated=gt2025-05-12T11%3A30%3A00.123%2B01%3A00&_summary=count',
    );
    // A whole-second instant is asked at millisecond precision, so nothing later that second is missed.
    expect(changeProbe('pat-1', '2025-05-12T10:00:00Z').entry?.[2]?.request?.url).toContain(
      encodeURIComponent('gt2025-05-12T10:00:00.000Z'),
    );
    expect(changeProbe('pat-1', undefined).entry?.[0]?.request?.url).toBe(
      'ServiceRequest?patient=pat-1&_summary=count',
    );
  });

  it('reports a change only when a count is above zero, and a refused count as an error', () => {
    expect(somethingChanged(countResponse())).toBe(false);
    expect(somethingChanged(countResponse([0, 0, 0, 0, 1]))).toBe(true);
    const refused = countResponse();
    refused.entry = [{ response: { status: '403 Forbidden' } }];
    expect(() => somethingChanged(refused)).toThrow(/403 reading changes \(serviceRequests\)/);
  });
});
