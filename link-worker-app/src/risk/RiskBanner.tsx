import type { CaseRisks } from '@linkwell/contracts';
import { useCallback } from 'react';
import type { SectionProps } from '../components/CasePage';
import { useLoad } from '../components/use-load';
import { communicationLine, orderedRisks, risksPath } from './risk-view';

/** The case's active risks and communication needs, above every case screen. */
export function RiskBanner({ api, view }: Pick<SectionProps, 'api' | 'view'>) {
  // Re-read whenever the case is reloaded (the view changes), so a new risk shows at once.
  const load = useCallback(() => api.get<CaseRisks>(risksPath(view.record.id)), [api, view]);
  const [state] = useLoad(load);
  if (state.kind !== 'ready') return null;
  const active = orderedRisks(state.value.risks).filter((r) => r.status === 'active');
  const communication = communicationLine(state.value.communication?.needs);
  if (active.length === 0 && communication === undefined) return null;
  return (
    <section className="nhsuk-inset-text lw-risk-banner" aria-label="Risks and communication needs">
      {active.length === 0 ? null : (
        <>
          <h2 className="nhsuk-heading-s">Before you meet</h2>
          <ul className="nhsuk-list nhsuk-list--bullet">
            {active.map((r) => (
              <li key={r.id}>
                <span className="nhsuk-tag nhsuk-tag--red">{r.label}</span>
                {r.detail === undefined ? null : <> {r.detail}</>}
              </li>
            ))}
          </ul>
        </>
      )}
      {communication === undefined ? null : (
        <p>
          <strong>Communication:</strong> {communication}
        </p>
      )}
    </section>
  );
}
