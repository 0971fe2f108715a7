import { useMemo, useState, type ReactNode } from 'react';
import type { Dashboard } from '../fhir/load-dashboard';
import type { SubmittedReferral } from '../referral/submit-referral';
import { browserPage, type PageSignals } from '../smart/page-signals';
import { needsPatientBanner, type SmartClient } from '../smart/smart-client';
import type { WithdrawalDeps } from './ConsentPanel';
import { PatientBanner } from './PatientBanner';
import { Loading, Page, ProblemScreen } from './ProblemScreen';
import { ReferralCard } from './ReferralCard';
import { ReferralForm } from './ReferralForm';
import { useDashboard } from './use-dashboard';

export interface AppProps {
  readonly client: SmartClient;
  readonly newUuid?: () => string;
  readonly now?: () => string;
  /** Page visibility and focus (the browser's by default): live updates pause while hidden. */
  readonly page?: PageSignals;
  /** How often to ask the record whether anything changed, while the page is on screen. */
  readonly liveUpdateMs?: number;
}

type View = 'referrals' | 'refer';

/** nhsuk-frontend's header, without the NHS logo (Linkwell is not an NHS service). */
export function Header(): ReactNode {
  return (
    <header className="nhsuk-header">
      <div className="nhsuk-header__container nhsuk-width-container">
        <div className="nhsuk-header__service">
          <span className="nhsuk-header__service-name">Linkwell: social prescribing</span>
        </div>
      </div>
    </header>
  );
}

const defaultUuid = (): string => crypto.randomUUID();
const defaultNow = (): string => new Date().toISOString();

/** The app once the launch is done: loads the record in one batch, then refer or follow up. */
export function App({
  client,
  newUuid = defaultUuid,
  now = defaultNow,
  page,
  liveUpdateMs,
}: AppProps): ReactNode {
  const signals = useMemo(() => page ?? browserPage(), [page]);
  const { load, reload, refresh, fail } = useDashboard(client, signals, liveUpdateMs);
  const [view, setView] = useState<View>('referrals');
  const [sent, setSent] = useState<SubmittedReferral | undefined>();

  if (load.kind === 'problem') {
    const retry = ['unreachable', 'unexpected'].includes(load.problem.kind) ? reload : undefined;
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
    reload();
  };
  const tab = (which: View, label: string): ReactNode => (
    <li
      className={`nhsuk-tabs__list-item${view === which ? ' nhsuk-tabs__list-item--selected' : ''}`}
    >
      <a
        className="nhsuk-tabs__tab"
        href={`#${which}`}
        aria-current={view === which ? 'page' : undefined}
        onClick={(e) => {
          e.preventDefault();
          setView(which);
          setSent(undefined);
        }}
      >
        {label}
      </a>
    </li>
  );
  return (
    <>
      <Header />
      {dashboard !== undefined && needsPatientBanner(client) && (
        <PatientBanner patient={dashboard.patient} />
      )}
      <Page>
        <h1 className="nhsuk-u-visually-hidden">Social prescribing</h1>
        {/* nhsuk-frontend's tabs, switched here rather than by the package's script (which marks
            the page nhsuk-frontend-supported; here the tabs alone carry that class). */}
        <nav
          className="nhsuk-tabs nhsuk-frontend-supported nhsuk-u-margin-bottom-3"
          aria-label="Social prescribing"
        >
          <ul className="nhsuk-tabs__list">
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
            <p className="nhsuk-inset-text">
              Linkwell could not tell who you are from the launch, so it cannot sign a referral.
              Open it again from the record.
            </p>
          ) : (
            <ReferralForm
              client={client}
              patientId={dashboard.patientId}
              requester={dashboard.requester}
              {...(dashboard.gp === undefined ? {} : { recordedBy: dashboard.gp })}
              services={dashboard.services}
              {...(dashboard.preferredService === undefined
                ? {}
                : { preferredService: dashboard.preferredService })}
              newUuid={newUuid}
              now={now}
              onSent={onSent}
              onProblem={fail}
            />
          ))}
        {dashboard !== undefined && view === 'referrals' && (
          <Referrals
            dashboard={dashboard}
            sent={sent}
            withdrawal={
              dashboard.gp === undefined
                ? undefined
                : { client, gp: dashboard.gp, now, onChanged: refresh, onProblem: fail }
            }
          />
        )}
      </Page>
    </>
  );
}

function Referrals(props: {
  readonly dashboard: Dashboard;
  readonly sent: SubmittedReferral | undefined;
  readonly withdrawal: WithdrawalDeps | undefined;
}): ReactNode {
  const { dashboard, sent, withdrawal } = props;
  return (
    <section aria-labelledby="referrals-title">
      <h2 className="nhsuk-heading-m" id="referrals-title">
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
          <ReferralCard
            key={referral.id}
            referral={referral}
            {...(withdrawal === undefined ? {} : { withdrawal })}
          />
        ))
      )}
    </section>
  );
}
