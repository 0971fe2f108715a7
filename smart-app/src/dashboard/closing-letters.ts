import type { DocumentReference } from 'fhir/r4';
import { closingSummaryLetter } from '@linkwell/profiles';
import { idFrom } from '../fhir/references';

/** The message back from the link-worker service when the referral closed, as a letter. */
export interface ClosingLetter {
  readonly id: string;
  readonly title: string;
  readonly date?: string;
  /** The link worker and the service, by name. */
  readonly authors: readonly string[];
  /** The text/plain letter, decoded: shown as text, never as HTML. */
  readonly text: string;
}

function letterOf(doc: DocumentReference): ClosingLetter | undefined {
  const letter = closingSummaryLetter(doc);
  if (letter === undefined) return undefined;
  const authors = (doc.author ?? [])
    .map((author) => author.display)
    .filter((name): name is string => name !== undefined && name.trim() !== '');
  return {
    id: doc.id ?? '',
    title: letter.title,
    ...(doc.date === undefined ? {} : { date: doc.date }),
    authors,
    text: letter.text,
  };
}

/** The current closing summaries about a referral (or its Task), newest first. */
export function closingLettersFor(
  summaries: readonly DocumentReference[],
  referralId: string,
  taskId: string | undefined,
): ClosingLetter[] {
  return summaries
    .filter((doc) => doc.status === 'current')
    .filter((doc) =>
      (doc.context?.related ?? []).some(
        (ref) =>
          idFrom(ref, 'ServiceRequest') === referralId ||
          (taskId !== undefined && idFrom(ref, 'Task') === taskId),
      ),
    )
    .sort((a, b) => (b.date ?? '').localeCompare(a.date ?? ''))
    .map(letterOf)
    .filter((letter): letter is ClosingLetter => letter !== undefined);
}
