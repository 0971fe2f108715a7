import type { CaseRecord } from '../store/records';
import type { ReferralView } from './referral-details';

/** What reads a case's referral needs of it: where it came from and which referral. */
export type CaseSource = Pick<CaseRecord, 'id' | 'endpoint' | 'referralRef'>;

/** Reads referrals (with patients and requesters) by ServiceRequest id from one FHIR server. */
export interface ReferralReader {
  forReferrals(ids: readonly string[]): Promise<Map<string, ReferralView>>;
}

/** Why an endpoint's referrals were not read (its name only: a message may quote the server). */
export type ReadFailure = (endpoint: string, error: unknown) => void;

const referralId = (ref: string): string => ref.replace(/^ServiceRequest\//, '');

/**
 * Each case's referral read from the case's own EHR endpoint (ServiceRequest ids are the server's,
 * so two endpoints can both have ServiceRequest/1). The endpoints are read side by side; one that
 * is away leaves its cases without a view and the others still show.
 */
export class CaseReferrals {
  constructor(private readonly readers: ReadonlyMap<string, ReferralReader>) {}

  /** Views by case id. */
  async forCases(
    cases: readonly CaseSource[],
    failed: ReadFailure = () => undefined,
  ): Promise<Map<string, ReferralView>> {
    const byEndpoint = new Map<string, CaseSource[]>();
    for (const c of cases) {
      // A case that lives only in the store (no referral on any EHR) has nothing to read.
      if (c.referralRef === undefined) continue;
      byEndpoint.set(c.endpoint, [...(byEndpoint.get(c.endpoint) ?? []), c]);
    }
    const views = new Map<string, ReferralView>();
    await Promise.all(
      [...byEndpoint].map(async ([endpoint, own]) => {
        const reader = this.readers.get(endpoint);
        if (reader === undefined) return;
        try {
          const found = await reader.forReferrals(own.map((c) => referralId(c.referralRef ?? '')));
          for (const c of own) {
            const view = found.get(referralId(c.referralRef ?? ''));
            if (view !== undefined) views.set(c.id, view);
          }
        } catch (error) {
          failed(endpoint, error);
        }
      }),
    );
    return views;
  }
}
