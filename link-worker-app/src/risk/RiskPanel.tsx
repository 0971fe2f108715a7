import type { CaseRisk, CaseRisks } from '@linkwell/contracts';
import { useCallback, useState } from 'react';
import { RISK_TYPES, type RiskType } from '@linkwell/profiles';
import type { SectionProps } from '../components/CasePage';
import { ErrorSummary } from '../components/ErrorSummary';
import { check, messageAt } from '../components/form-errors';
import { Choices, Field, Section, ShareWithGp } from '../components/form-parts';
import { useAction, useLoad } from '../components/use-load';
import { formatDateTime } from '../dates';
import { communicationLine, orderedRisks, risksPath } from './risk-view';

/** Where the risk form takes each field of its request. */
const RISK_CONTROLS = {
  type: 'risk-type',
  detail: 'risk-detail',
  shareWithGp: 'risk-share',
} as const;

const RISK_OPTIONS = { controls: RISK_CONTROLS };

/** Recording and reviewing risks; what is marked for the GP goes back as a Flag. */
export function RiskPanel({ api, view, reload, writeBack }: SectionProps) {
  const caseId = view.record.id;
  const load = useCallback(() => api.get<CaseRisks>(risksPath(caseId)), [api, caseId]);
  const [state, reloadRisks] = useLoad(load);
  const after = useCallback(async () => {
    await reloadRisks();
    await reload();
  }, [reloadRisks, reload]);
  const { busy, problems, run, refuse } = useAction(after, RISK_OPTIONS);
  const [type, setType] = useState<RiskType | ''>('');
  const [detail, setDetail] = useState('');
  const [tellGp, setTellGp] = useState(false);
  const risks = state.kind === 'ready' ? orderedRisks(state.value.risks) : [];
  const communication =
    state.kind === 'ready' ? communicationLine(state.value.communication?.needs) : undefined;
  const review = (id: string, status: CaseRisk['status']) =>
    run(() => api.change('POST', caseId, `risks/${id}/review`, { status }));
  return (
    <Section title="Risk and safeguarding" id="risk-heading">
      {state.kind === 'failed' ? (
        <ErrorSummary focus={false} problems={[{ message: state.message }]} />
      ) : null}
      <ErrorSummary problems={problems} />
      {risks.length === 0 ? (
        <p>No risks recorded.</p>
      ) : (
        <ul className="nhsuk-list nhsuk-list--bullet">
          {risks.map((r) => (
            <li key={r.id}>
              <span
                className={`nhsuk-tag ${r.status === 'active' ? 'nhsuk-tag--red' : 'nhsuk-tag--grey'}`}
              >
                {r.label}
                {r.status === 'resolved' ? ' (resolved)' : ''}
              </span>{' '}
              {r.detail}
              <div className="nhsuk-hint">
                {r.source === 'referral'
                  ? 'From the referral'
                  : `Recorded by ${r.recordedByName ?? 'a link worker'}`}
                , {formatDateTime(r.recordedAt)}
                {r.reviewedAt === undefined ? '' : `; reviewed ${formatDateTime(r.reviewedAt)}`}
                {r.shareWithGp ? '; shared with the GP' : ''}
              </div>
              <button
                type="button"
                className="nhsuk-button nhsuk-button--secondary"
                disabled={busy}
                onClick={() => void review(r.id, r.status === 'active' ? 'resolved' : 'active')}
              >
                {r.status === 'active' ? `Mark resolved: ${r.label}` : `Active again: ${r.label}`}
              </button>
              {r.status === 'active' ? (
                <button
                  type="button"
                  className="nhsuk-button nhsuk-button--secondary"
                  disabled={busy}
                  onClick={() => void review(r.id, 'active')}
                >
                  {`Reviewed, still applies: ${r.label}`}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <p>
        <strong>Communication needs:</strong> {communication ?? 'none recorded'}
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (refuse(check([[type === '', RISK_CONTROLS.type, 'Choose the kind of risk']]))) return;
          void run(
            () =>
              api.change('POST', caseId, 'risks', {
                type,
                ...(detail.trim() === '' ? {} : { detail }),
                shareWithGp: writeBack.allowed && tellGp,
              }),
            () => {
              setType('');
              setDetail('');
              setTellGp(false);
            },
          );
        }}
      >
        <Field id="risk-type" label="Record a risk" error={messageAt(problems, RISK_CONTROLS.type)}>
          <Choices
            id="risk-type"
            value={type}
            onChange={(v) => {
              setType(v as RiskType | '');
            }}
            options={RISK_TYPES}
            placeholder="Choose the kind of risk"
          />
        </Field>
        <Field
          id="risk-detail"
          label="What to know"
          hint="Who, what, and what to do about it"
          error={messageAt(problems, RISK_CONTROLS.detail)}
        >
          <textarea
            id="risk-detail"
            className="nhsuk-textarea"
            rows={2}
            maxLength={1000}
            value={detail}
            onChange={(e) => {
              setDetail(e.target.value);
            }}
          />
        </Field>
        <ShareWithGp
          id="risk-share"
          checked={tellGp}
          onChange={setTellGp}
          writeBack={writeBack}
          label="The GP should know: send it to the GP record as a flag"
        />
        <button type="submit" className="nhsuk-button" disabled={busy}>
          Save risk
        </button>
      </form>
    </Section>
  );
}
