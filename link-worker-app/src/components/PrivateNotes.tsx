import { useState } from 'react';
import { formatDateTime } from '../dates';
import type { SectionProps } from './CasePage';
import { ErrorSummary } from './ErrorSummary';
import { check, messageAt } from './form-errors';
import { Field, Section } from './form-parts';
import { useAction } from './use-load';

const NOTE_OPTIONS = { controls: { text: 'note-text' } };

/** The link worker's own notes: kept by the service, never shared with the GP record. */
export function PrivateNotes({ api, view, reload }: SectionProps) {
  const { busy, problems, run, refuse } = useAction(reload, NOTE_OPTIONS);
  const [text, setText] = useState('');
  return (
    <Section title="Private notes" id="notes-heading">
      <ErrorSummary problems={problems} />
      <p className="lw-private">
        <span className="nhsuk-tag nhsuk-tag--grey">Never shared</span> These notes stay with your
        service. They are not sent to the GP record.
      </p>
      {view.record.notes.length === 0 ? (
        <p>No notes yet.</p>
      ) : (
        <ul className="nhsuk-list nhsuk-list--bullet">
          {view.record.notes.map((n) => (
            <li key={n.id}>
              <span className="nhsuk-u-secondary-text-colour nhsuk-u-font-size-16">
                {formatDateTime(n.createdAt)}
              </span>{' '}
              <span style={{ whiteSpace: 'pre-wrap' }}>{n.text}</span>
            </li>
          ))}
        </ul>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (refuse(check([[text.trim() === '', 'note-text', 'Write the note before saving it']])))
            return;
          void run(
            () => api.change('POST', view.record.id, 'notes', { text }),
            () => {
              setText((current) => (current === text ? '' : current));
            },
          );
        }}
      >
        <Field id="note-text" label="Add a private note" error={messageAt(problems, 'note-text')}>
          <textarea
            id="note-text"
            className="nhsuk-textarea"
            rows={3}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
            }}
          />
        </Field>
        <button type="submit" className="nhsuk-button nhsuk-button--secondary" disabled={busy}>
          Save private note
        </button>
      </form>
    </Section>
  );
}
