import { useCallback, useState } from 'react';
import { formatDate } from '../dates';
import type { SectionProps } from './CasePage';
import { Field, Refusal, Section, ShareWithGp, useShare } from './form-parts';
import { RadioGroup } from './RadioGroup';
import { SyncBadge } from './SyncBadge';
import { shareRefusalText, useAction, useLoad } from './use-load';

/** Connections to community services, picked from the directory (name, what it offers, where). */
export function OnwardReferrals({
  api,
  view,
  sync,
  reload,
  writeBack,
  canAdd,
}: SectionProps & { canAdd: boolean }) {
  const { busy, error, run } = useAction(reload, shareRefusalText);
  const loadServices = useCallback(() => api.services(), [api]);
  const [directory] = useLoad(loadServices);
  const [service, setService] = useState('');
  const [note, setNote] = useState('');
  const [share, setShare] = useShare(writeBack);
  const services = directory.kind === 'ready' ? directory.value : [];
  const chosen = services.find((s) => s.id === service);
  const serviceName = (ref: string): string =>
    services.find((s) => ref === s.id || ref.endsWith(`/${s.id}`))?.name ??
    'A service no longer in the directory';
  const retry = (seq: number): Promise<void> => run(() => api.retrySync(seq)).then(() => undefined);
  return (
    <Section title="Onward referrals to community services" id="onward-heading" wide>
      {view.record.onwardReferrals.length === 0 ? (
        <p>No onward referrals yet.</p>
      ) : (
        <ul className="lw-list">
          {view.record.onwardReferrals.map((o) => (
            <li key={o.id}>
              <strong>{o.serviceName ?? serviceName(o.serviceRef)}</strong> ·{' '}
              {formatDate(o.authoredOn)}
              {o.note === undefined ? null : <> · {o.note}</>}
              <SyncBadge shared={o.shared} state={sync('onward', o.id)} onRetry={retry} />
            </li>
          ))}
        </ul>
      )}
      {canAdd ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (service === '') return;
            void run(
              () =>
                api.change('POST', view.record.id, 'onward-referrals', {
                  service,
                  share,
                  ...(note.trim() === '' ? {} : { note: note.trim() }),
                }),
              () => {
                setService('');
                setNote('');
              },
            );
          }}
        >
          {directory.kind === 'failed' ? (
            <Refusal message={`The directory could not be loaded: ${directory.message}`} />
          ) : null}
          {directory.kind === 'loading' ? <p>Loading the directory…</p> : null}
          <RadioGroup
            name="onward-service"
            legend="Community service"
            small
            choices={services.map((s) => ({ value: s.id, label: s.name }))}
            value={service}
            onChange={setService}
          />
          <div id="onward-service-detail" className="lw-inset" aria-live="polite">
            {chosen === undefined ? (
              'Choose a service to see what it offers and where.'
            ) : (
              <>
                <strong>{chosen.name}</strong>
                {chosen.category === undefined ? null : (
                  <span className="lw-chart__direction">{chosen.category}</span>
                )}
                <span style={{ display: 'block' }}>
                  {chosen.offers ?? 'No description in the directory.'}
                </span>
                <span style={{ display: 'block' }}>Where: {chosen.where ?? 'not recorded'}</span>
              </>
            )}
          </div>
          <Field id="onward-note" label="Note for the service (optional)">
            <input
              id="onward-note"
              className="lw-input"
              value={note}
              onChange={(e) => {
                setNote(e.target.value);
              }}
            />
          </Field>
          <ShareWithGp
            id="onward-share"
            checked={share}
            onChange={setShare}
            writeBack={writeBack}
          />
          <button type="submit" className="lw-button" disabled={busy || service === ''}>
            Refer to this service
          </button>
        </form>
      ) : null}
      <Refusal message={error} />
    </Section>
  );
}
