import type { CaseRisk } from '@linkwell/contracts';
import {
  COMMON_LANGUAGES,
  COMMUNICATION_ADJUSTMENTS,
  type CommunicationAdjustment,
  type CommunicationNeeds,
} from '@linkwell/profiles';

export const risksPath = (caseId: string): string => `cases/${encodeURIComponent(caseId)}/risks`;

/** "Polish, interpreter needed; Large print, Easy read; Daughter helps" — or undefined. */
export function communicationLine(needs: CommunicationNeeds | undefined): string | undefined {
  if (needs === undefined) return undefined;
  const language =
    needs.language === undefined
      ? undefined
      : (needs.language.display ?? COMMON_LANGUAGES[needs.language.code] ?? needs.language.code);
  const first = [
    language,
    needs.interpreterNeeded === true ? 'interpreter needed' : undefined,
  ].filter((p): p is string => p !== undefined);
  const adjustments = (needs.adjustments ?? []).map(
    (a: CommunicationAdjustment) => COMMUNICATION_ADJUSTMENTS[a],
  );
  const parts = [first.join(', '), adjustments.join(', '), needs.detail?.trim() ?? ''].filter(
    (p) => p !== '',
  );
  return parts.length === 0 ? undefined : parts.join('; ');
}

/** Active risks first (safeguarding before the rest), then resolved ones. */
export function orderedRisks(risks: readonly CaseRisk[]): CaseRisk[] {
  const rank = (r: CaseRisk): number =>
    (r.status === 'active' ? 0 : 10) + (r.type.startsWith('safeguarding') ? 0 : 1);
  return [...risks].sort((a, b) => rank(a) - rank(b) || a.recordedAt.localeCompare(b.recordedAt));
}
