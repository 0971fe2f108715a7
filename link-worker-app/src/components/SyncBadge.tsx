import { useState } from 'react';
import type { SyncKind, SyncState } from '@linkwell/contracts';

export type SyncLookup = (kind: SyncKind, recordId: string) => SyncState | undefined;

export function syncLookup(states: readonly SyncState[]): SyncLookup {
  const byRecord = new Map(states.map((s) => [`${s.kind}:${s.recordId}`, s]));
  return (kind, recordId) => byRecord.get(`${kind}:${recordId}`);
}

/** The newest change of a kind for the case (the closing summary, a consent withdrawal). */
export function latestOfKind(states: readonly SyncState[], kind: SyncKind): SyncState | undefined {
  return states
    .filter((s) => s.kind === kind)
    .reduce<SyncState | undefined>(
      (newest, s) => (newest && newest.seq > s.seq ? newest : s),
      undefined,
    );
}

export interface SyncBadgeProps {
  readonly shared: boolean;
  readonly state: SyncState | undefined;
  readonly onRetry: (seq: number) => Promise<void>;
}

/** Whether a shared item has reached the GP record: synced, pending, or refused (and a retry). */
export function SyncBadge({ shared, state, onRetry }: SyncBadgeProps) {
  const [busy, setBusy] = useState(false);
  if (!shared) return <span className="lw-sync nhsuk-tag nhsuk-tag--grey">Not shared</span>;
  if (state === undefined || state.state === 'pending') {
    return <span className="lw-sync nhsuk-tag">Waiting to reach the GP record</span>;
  }
  if (state.state === 'synced') {
    return <span className="lw-sync nhsuk-tag nhsuk-tag--green">In the GP record</span>;
  }
  return (
    <span className="lw-sync" role="group" aria-label="Refused by the GP record">
      <span className="nhsuk-tag nhsuk-tag--red">Refused by the GP record</span>{' '}
      <span className="lw-server-words">{state.message}</span>{' '}
      <button
        type="button"
        className="lw-link-button"
        disabled={busy}
        onClick={() => {
          setBusy(true);
          void onRetry(state.seq).finally(() => {
            setBusy(false);
          });
        }}
      >
        Send again
      </button>
    </span>
  );
}
