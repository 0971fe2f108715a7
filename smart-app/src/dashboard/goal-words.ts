import type { CodeableConcept, Goal } from 'fhir/r4';

const ACHIEVEMENT_SYSTEM = 'http://terminology.hl7.org/CodeSystem/goal-achievement';

/** goal-achievement codes as a GP reads them. */
const ACHIEVEMENT_WORDS: Readonly<Record<string, string>> = {
  'in-progress': 'In progress',
  improving: 'Improving',
  worsening: 'Getting worse',
  'no-change': 'No change',
  achieved: 'Achieved',
  sustaining: 'Keeping it up',
  'not-achieved': 'Not achieved',
  'no-progress': 'No progress',
  'not-attainable': 'No longer possible',
};

const LIFECYCLE_WORDS: Readonly<Record<Goal['lifecycleStatus'], string>> = {
  proposed: 'Proposed',
  planned: 'Planned',
  accepted: 'Agreed',
  active: 'Working on it',
  'on-hold': 'On hold',
  completed: 'Completed',
  cancelled: 'Stopped',
  'entered-in-error': 'Entered in error',
  rejected: 'Not taken forward',
};

/** A code nobody mapped, still in words: `no-progress` → "No progress". */
function codeAsWords(code: string): string {
  const spaced = code.replace(/[-_]+/g, ' ').trim();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

/** How the goal is going, in words: never a bare FHIR code. */
export function achievementWords(concept: CodeableConcept | undefined): string | undefined {
  if (concept === undefined) return undefined;
  const coding = concept.coding?.find((c) => c.system === ACHIEVEMENT_SYSTEM);
  const known = coding?.code === undefined ? undefined : ACHIEVEMENT_WORDS[coding.code];
  if (known !== undefined) return known;
  const first = concept.coding?.[0];
  return (
    concept.text ??
    first?.display ??
    (first?.code === undefined ? undefined : codeAsWords(first.code))
  );
}

export function lifecycleWords(status: Goal['lifecycleStatus']): string {
  return LIFECYCLE_WORDS[status];
}
