import type { ReactNode } from 'react';
import type { ClosingLetter } from '../dashboard/closing-letters';
import { formatDate } from '../dates';

/** Paragraphs split on blank lines, each a list of lines: the letter's own layout, as text. */
function paragraphsOf(letter: ClosingLetter): string[][] {
  const lines = letter.text.replace(/\r\n?/g, '\n').split('\n');
  // The letter opens with its title, already shown as the heading.
  if (lines[0]?.trim() === letter.title.trim()) lines.shift();
  return lines
    .join('\n')
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.split('\n').filter((line) => line.trim() !== ''))
    .filter((paragraph) => paragraph.length > 0);
}

/** The closing summary as the letter the service wrote: React renders it as text, never as HTML. */
export function ClosingLetterView({ letter }: { readonly letter: ClosingLetter }): ReactNode {
  const titleId = `letter-${letter.id}-title`;
  return (
    <section className="nhsuk-inset-text lw-letter" aria-labelledby={titleId}>
      <h5 className="nhsuk-heading-xs" id={titleId}>
        {letter.title}
      </h5>
      <p className="nhsuk-hint">
        {letter.date === undefined ? 'Sent' : `Sent ${formatDate(letter.date)}`}
        {letter.authors.length === 0 ? '' : ` by ${letter.authors.join(', ')}`}
      </p>
      {paragraphsOf(letter).map((lines, i) => (
        <p key={i}>
          {lines.map((line, j) => (
            <span key={j}>
              {j > 0 && <br />}
              {line}
            </span>
          ))}
        </p>
      ))}
    </section>
  );
}
