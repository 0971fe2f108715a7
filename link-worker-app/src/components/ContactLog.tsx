import { CONTACT_METHODS, CONTACT_OUTCOMES } from '@linkwell/contracts';
import { useState } from 'react';
import { formatDateTime } from '../dates';
import type { SectionProps } from './CasePage';
import { ErrorSummary } from './ErrorSummary';
import { Section } from './form-parts';
import { choicesOf, RadioGroup } from './RadioGroup';
import { useAction } from './use-load';

const EARLY_STAGES: readonly (string | undefined)[] = [
  undefined,
  'awaiting-contact',
  'contact-attempted',
];

/** The stage a contact attempt moves an early case to, if any. */
export function stageAfter(stage: string | undefined, outcome: string): string | undefined {
  if (!EARLY_STAGES.includes(stage)) return undefined;
  if (outcome === 'reached') return 'contacted';
  return stage === 'contact-attempted' ? undefined : 'contact-attempted';
}

const label = (labels: Readonly<Record<string, string>>, code: string): string =>
  labels[code] ?? code;

const CONTACT_OPTIONS = { controls: { method: 'contact-method-phone' } };

/** Each attempt to reach the person and how it went (kept by the service, not shared). */
export function ContactLog({ api, view, reload, canAdd }: SectionProps & { canAdd: boolean }) {
  const { busy, problems, run } = useAction(reload, CONTACT_OPTIONS);
  const [method, setMethod] = useState('phone');
  const attempts = view.record.contactAttempts;
  const log = (outcome: string): void => {
    const stage = stageAfter(view.record.businessStatus, outcome);
    void run(async () => {
      await api.change('POST', view.record.id, 'contact-attempts', { method, outcome });
      // Reaching the person (or trying to) moves an early case on, so the GP sees it.
      if (stage !== undefined) {
        await api.change('PUT', view.record.id, 'business-status', { businessStatus: stage });
      }
    });
  };
  return (
    <Section title="Contact log" id="contacts-heading">
      <ErrorSummary problems={problems} />
      {attempts.length === 0 ? (
        <p>No contact attempts yet.</p>
      ) : (
        <ol className="nhsuk-list nhsuk-list--number">
          {attempts.map((a) => (
            <li key={a.id}>
              {formatDateTime(a.at)}: {label(CONTACT_METHODS, a.method)} –{' '}
              {label(CONTACT_OUTCOMES, a.outcome)}
            </li>
          ))}
        </ol>
      )}
      {canAdd ? (
        <div className="lw-contact-form">
          <RadioGroup
            name="contact-method"
            legend="How"
            small
            inline
            choices={choicesOf(CONTACT_METHODS)}
            value={method}
            onChange={setMethod}
          />
          <p className="nhsuk-label" id="contact-outcome-label">
            Log how it went
          </p>
          <div className="lw-button-row" role="group" aria-labelledby="contact-outcome-label">
            {Object.entries(CONTACT_OUTCOMES).map(([outcome, words]) => (
              <button
                key={outcome}
                type="button"
                className="nhsuk-button nhsuk-button--secondary"
                disabled={busy}
                onClick={() => {
                  log(outcome);
                }}
              >
                {words}
              </button>
            ))}
          </div>
        </div>
      ) : null}
    </Section>
  );
}
