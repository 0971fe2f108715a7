import { useEffect, useState, type ReactNode } from 'react';
import { loadDashboard, type Dashboard } from '../fhir/load-dashboard';
import type { SubmittedReferral } from '../referral/submit-referral';
import { problemOf, type Problem } from '../smart/problems';
import { needsPatientBanner, type SmartClient } from '../smart/smart-client';
import { PatientBanner } from './PatientBanner';
import { Loading, ProblemScreen } from './ProblemScreen';
import { ReferralCard } from './ReferralCard';
import { ReferralForm } from './ReferralForm';

export interface AppProps {
  readonly client: SmartClient;
  readonly newUuid?: () => string;
  readonly now?: () => string;
}

type View = 'referrals' | 'refer';
type Load =
  | { readonly kind: 'loading'; readonly previous?: Dashboard }
  | { readonly kind: 'ready'; readonly dashboard: Dashboard }
  | { readonly kind: 'problem'; readonly problem: Problem };

export function Header(): ReactNode {
  return (
    <header className="lw-header">
      <span className="lw-header__logo">Linkwell</span>
      <span className="lw-header__service">Social prescribing</span>
    </header>
  );
}

/** The app once the launch is done: loads the record in one batch, then refer or follow up. */
export function App({
  client,
  newUuid = () => crypto.randomUUID(),
  now = () => new Date().toISOString(),
}: AppProps): ReactNode {
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [view, setView] = useState<View>('referrals');
  const [reloads, setReloads] = useState(0);
  const [sent, setSent] = useState<SubmittedReferral | undefined>();

  useEffect(() => {
    // Aborting on cleanup means StrictMode's second effect run never leaves two loads racing.
    const controller = new AbortController();
    setLoad((current) => ({
      kind: 'loading',
      ...(current.kind === 'ready' ? { previous: current.dashboard } : {}),
    }));
    loadDashboard(client, controller.signal).then(
      (dashboard) => {
        setLoad({ kind: 'ready', dashboard });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setLoad({ kind: 'problem', problem: problemOf(error) });
      },
    );
    return () => {
      controller.abort();
    };
  }, [client, reloads]);

  if (load.kind === 'problem') {
    const retry = ['unreachable', 'unexpected'].includes(load.problem.kind)
      ? () => {
          setReloads((n) => n + 1);
        }
      : undefined;
    return (
      <>
        <Header />
        <ProblemScreen
          problem={load.problem}
          {...(retry === undefined ? {} : { onRetry: retry })}
        />
      </>
    );
  }
  const dashboard = load.kind === 'ready' ? load.dashboard : load.previous;
  const onSent = (result: SubmittedReferral): void => {
    setSent(result);
    setView('referrals');
    setReloads((n) => n + 1);
  };
  const tab = (which: View, label: string): ReactNode => (
    <li>
      <button
        type="button"
        className="lw-subnav__link"
        aria-current={view === which ? 'page' : undefined}
        onClick={() => {
          setView(which);
          setSent(undefined);
        }}
      >
        {label}
      </button>
    </li>
  );
  return (
    <>
      <Header />
      {dashboard !== undefined && needsPatientBanner(client) && (
        <PatientBanner patient={dashboard.patient} />
      )}
      <main className="lw-main" id="main">
        <h1 className="lw-visually-hidden">Social prescribing</h1>
        <nav aria-label="Social prescribing">
          <ul className="lw-subnav">
            {tab(
              'referrals',
              `Referrals${dashboard === undefined ? '' : ` (${dashboard.referrals.length})`}`,
            )}
            {tab('refer', 'New referral')}
          </ul>
        </nav>
        {load.kind === 'loading' && <Loading label="Loading social prescribing record…" />}
        {dashboard !== undefined &&
          view === 'refer' &&
          (dashboard.requester === undefined ? (
            <p className="lw-inset">
              Linkwell could not tell who you are from the launch, so it cannot sign a referral.
              Open it again from the record.
            </p>
          ) : (
            <ReferralForm
              client={client}
              patientId={dashboard.patientId}
              requester={dashboard.requester}
              services={dashboard.services}
              newUuid={newUuid}
              now={now}
              onSent={onSent}
              onProblem={(problem) => {
                setLoad({ kind: 'problem', problem });
              }}
            />
          ))}
        {dashboard !== undefined && view === 'referrals' && (
          <section aria-labelledby="referrals-title">
            <h2 className="lw-heading-m" id="referrals-title">
              Social prescribing referrals
            </h2>
            {sent !== undefined && (
              <div className="lw-panel-confirm" role="status">
                {sent.created
                  ? 'Referral sent.'
                  : 'This referral had already been sent; it was not sent twice.'}{' '}
                The link-worker service will contact the patient.
              </div>
            )}
            {dashboard.referrals.length === 0 ? (
              <p>No social prescribing referrals yet. Choose New referral to make one.</p>
            ) : (
              dashboard.referrals.map((referral) => (
                <ReferralCard key={referral.id} referral={referral} />
              ))
            )}
          </section>
        )}
      </main>
    </>
  );
}
