import { useCallback } from 'react';
import type { LinkWorkerApi } from '../api/api-client';
import type { Session } from '../auth/sign-in';
import { people } from '../people/people';
import { useRoute } from '../routing';
import { CasePage } from './CasePage';
import { CaseloadPage } from './CaseloadPage';
import { InsightsPage } from '../insights/InsightsPage';
import { DiaryPage } from './DiaryPage';
import { NewReferralPage } from '../intake/NewReferralPage';
import { Header } from './SessionScreens';
import { useLoad } from './use-load';

export interface AppProps {
  readonly api: LinkWorkerApi;
  readonly session: Session;
  readonly onSignOut: () => void;
}

/** The signed-in app: header with sign-out, then the caseload or one case. */
export function App({ api, session, onSignOut }: AppProps) {
  const [route, navigate] = useRoute();
  const loadMe = useCallback(() => api.me(), [api]);
  const [me] = useLoad(loadMe);
  const name = people(me.kind === 'ready' ? me.value : undefined, [], session.name).myName;
  const manager = me.kind === 'ready' && me.value.manager === true;
  return (
    <>
      <a className="lw-visually-hidden" href="#main">
        Skip to main content
      </a>
      <Header>
        <span className="lw-header__places">
          <a
            href="/"
            onClick={(e) => {
              e.preventDefault();
              navigate({ name: 'caseload' });
            }}
          >
            Caseload
          </a>
          <a
            href="/diary"
            onClick={(e) => {
              e.preventDefault();
              navigate({ name: 'diary' });
            }}
          >
            Diary
          </a>
          {manager ? (
            <a
              href="/insights"
              onClick={(event) => {
                event.preventDefault();
                navigate({ name: 'insights' });
              }}
            >
              Service insights
            </a>
          ) : null}
        </span>
        <span>{name === undefined ? 'Signed in' : `Signed in as ${name}`}</span>
        <button type="button" className="lw-link-button" onClick={onSignOut}>
          Sign out
        </button>
      </Header>
      <main className="lw-main lw-main--wide" id="main" tabIndex={-1}>
        {route.name === 'insights' ? (
          <InsightsPage api={api} manager={manager} />
        ) : route.name === 'new-referral' ? (
          <NewReferralPage
            api={api}
            onOpened={(caseId) => {
              navigate({ name: 'case', caseId });
            }}
            onCancel={() => {
              navigate({ name: 'caseload' });
            }}
          />
        ) : route.name === 'diary' ? (
          <DiaryPage
            api={api}
            onOpen={(caseId) => {
              navigate({ name: 'case', caseId, section: 'diary' });
            }}
          />
        ) : route.name === 'case' ? (
          <CasePage
            key={route.caseId}
            api={api}
            caseId={route.caseId}
            section={route.section}
            onSection={(section) => {
              navigate({ name: 'case', caseId: route.caseId, section });
            }}
            onBack={() => {
              navigate({ name: 'caseload' });
            }}
          />
        ) : (
          <CaseloadPage
            api={api}
            practitioner={session.practitioner}
            onOpen={(caseId) => {
              navigate({ name: 'case', caseId });
            }}
            onNewReferral={() => {
              navigate({ name: 'new-referral' });
            }}
          />
        )}
      </main>
    </>
  );
}
