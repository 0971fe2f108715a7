import { useCallback, type ReactElement } from 'react';
import { BrowserRouter, NavLink, Route, Routes } from 'react-router';
import type { LinkWorkerApi } from '../api/api-client';
import type { Session } from '../auth/sign-in';
import { people } from '../people/people';
import { PATHS, pathOf, useCaseParams, useGo, useScrollToTop } from '../routing';
import { CasePage } from './CasePage';
import { CaseloadPage } from './CaseloadPage';
import { InsightsPage } from '../insights/InsightsPage';
import { DiaryPage } from './DiaryPage';
import { NewReferralPage } from '../intake/NewReferralPage';
import { Header, Main } from './SessionScreens';
import { useLoad } from './use-load';

export interface AppProps {
  readonly api: LinkWorkerApi;
  readonly session: Session;
  readonly onSignOut: () => void;
}

/** The signed-in app: header with sign-out, then the place the address names. */
export function App(props: AppProps) {
  return (
    <BrowserRouter>
      <Places {...props} />
    </BrowserRouter>
  );
}

function Places({ api, session, onSignOut }: AppProps) {
  const go = useGo();
  useScrollToTop();
  const loadMe = useCallback(() => api.me(), [api]);
  const [me] = useLoad(loadMe);
  const name = people(me.kind === 'ready' ? me.value : undefined, [], session.name).myName;
  const manager = me.kind === 'ready' && me.value.manager === true;
  const caseload = (
    <CaseloadPage
      api={api}
      practitioner={session.practitioner}
      onOpen={(caseId) => {
        go({ name: 'case', caseId });
      }}
      onNewReferral={() => {
        go({ name: 'new-referral' });
      }}
    />
  );
  return (
    <>
      <a className="nhsuk-u-visually-hidden" href="#main">
        Skip to main content
      </a>
      <Header
        places={
          <>
            <Place to={pathOf({ name: 'caseload' })}>Caseload</Place>
            <Place to={pathOf({ name: 'diary' })}>Diary</Place>
            {manager ? <Place to={pathOf({ name: 'insights' })}>Service insights</Place> : null}
          </>
        }
        account={
          <>
            <li className="nhsuk-header__account-item">
              {name === undefined ? 'Signed in' : `Signed in as ${name}`}
            </li>
            <li className="nhsuk-header__account-item">
              <button type="button" className="nhsuk-header__account-button" onClick={onSignOut}>
                Sign out
              </button>
            </li>
          </>
        }
      />
      <Main focusable>
        <Routes>
          <Route path={PATHS.insights} element={<InsightsPage api={api} manager={manager} />} />
          <Route
            path={PATHS.newReferral}
            element={
              <NewReferralPage
                api={api}
                onOpened={(caseId) => {
                  go({ name: 'case', caseId });
                }}
                onCancel={() => {
                  go({ name: 'caseload' });
                }}
              />
            }
          />
          <Route
            path={PATHS.diary}
            element={
              <DiaryPage
                api={api}
                onOpen={(caseId) => {
                  go({ name: 'case', caseId, section: 'diary' });
                }}
              />
            }
          />
          <Route path={PATHS.case} element={<CaseRoute api={api} fallback={caseload} />} />
          <Route path="*" element={caseload} />
        </Routes>
      </Main>
    </>
  );
}

/** One of the header's places; the package marks the current one by its aria-current. */
function Place({ to, children }: { readonly to: string; readonly children: string }) {
  return (
    <li className="nhsuk-header__navigation-item">
      <NavLink
        className="nhsuk-header__navigation-link nhsuk-u-padding-top-2 nhsuk-u-padding-bottom-2"
        to={to}
        end
      >
        {children}
      </NavLink>
    </li>
  );
}

/** One case, from the address; an id or section that is not ours shows the caseload instead. */
function CaseRoute({
  api,
  fallback,
}: {
  readonly api: LinkWorkerApi;
  readonly fallback: ReactElement;
}) {
  const go = useGo();
  const params = useCaseParams();
  if (params === undefined) return fallback;
  const { caseId, section } = params;
  return (
    <CasePage
      key={caseId}
      api={api}
      caseId={caseId}
      section={section}
      onSection={(next) => {
        go({ name: 'case', caseId, section: next });
      }}
      onBack={() => {
        go({ name: 'caseload' });
      }}
    />
  );
}
