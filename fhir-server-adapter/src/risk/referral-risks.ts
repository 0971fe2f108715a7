import type { Flag, ServiceRequest } from 'fhir/r4';
import { communicationNeedsOf, riskOfFlag, type CommunicationNeeds } from '@linkwell/profiles';
import { FhirGatewayError, type FhirGateway } from '../fhir/gateway';
import type { ReferredRisk } from './risk-store';

const FLAG_REF = /^Flag\/([A-Za-z0-9\-.]{1,64})$/;

/**
 * The risks and communication needs a Referral carries: its communication needs extension, and
 * the risk Flags its supportingInfo points at (read one by one; one gone is skipped, an
 * unreachable server throws so the ingest is tried again). Flags about someone else are ignored.
 */
export async function referredRisks(
  gateway: FhirGateway,
  referral: ServiceRequest,
): Promise<{ risks: ReferredRisk[]; communication: CommunicationNeeds | undefined }> {
  const risks: ReferredRisk[] = [];
  for (const info of referral.supportingInfo ?? []) {
    const id = FLAG_REF.exec(info.reference ?? '')?.[1];
    if (id === undefined) continue;
    let flag: Flag;
    try {
      flag = await gateway.read<Flag>('Flag', id);
    } catch (error) {
      if (error instanceof FhirGatewayError && (error.status === 404 || error.status === 410))
        continue;
      throw error;
    }
    const risk = riskOfFlag(flag);
    if (risk === undefined || flag.subject.reference !== referral.subject.reference) continue;
    risks.push({
      flagRef: `Flag/${id}`,
      ...risk,
      author: flag.author?.reference ?? referral.requester?.reference ?? 'unknown',
      start: flag.period?.start ?? referral.authoredOn ?? new Date().toISOString(),
    });
  }
  return { risks, communication: communicationNeedsOf(referral) };
}
