import type { CaseConsent } from '@linkwell/contracts';
import { writeBackOf } from './write-back';

const consent: CaseConsent = {
  caseId: 'c',
  status: 'active',
  shareWithService: true,
  writeBack: true,
  recordedAt: '2025-03-01T09:30:00Z',
  recordedBy: 'Dr Ann Patel',
};

describe('writeBackOf (the adapter’s writeBackAllowed, with the reason)', () => {
  it('allows write-back only with an active, agreed, unwithdrawn consent', () => {
    expect(writeBackOf(consent)).toEqual({ allowed: true });
    expect(writeBackOf(null).allowed).toBe(false);
    expect(writeBackOf(undefined).allowed).toBe(false);
    expect(writeBackOf({ ...consent, writeBack: false }).why).toMatch(/did not agree/);
    expect(writeBackOf({ ...consent, status: 'draft' }).why).toMatch(/consent is draft/);
  });

  it('says when consent was withdrawn', () => {
    const withdrawn = { ...consent, status: 'inactive', withdrawnAt: '2025-04-05T11:00:00Z' };
    expect(writeBackOf(withdrawn)).toEqual({
      allowed: false,
      why: 'Consent was withdrawn on 5 Apr 2025: nothing more is written back to the GP record.',
    });
  });
});
