import { useCallback, useEffect, useRef } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router';

// The app's places, as react-router paths: the caseload (`/`), a case and one of its sections,
// the diary, a new referral and the service's insights. Components name places with `pathOf`, so
// the paths are written once.

export type Place =
  | { readonly name: 'caseload' }
  | { readonly name: 'case'; readonly caseId: string; readonly section?: string }
  | { readonly name: 'diary' }
  | { readonly name: 'new-referral' }
  | { readonly name: 'insights' };

export const PATHS = {
  caseload: '/',
  case: '/cases/:caseId/:section?',
  diary: '/diary',
  newReferral: '/referrals/new',
  insights: '/insights',
} as const;

const CASE_ID = /^[A-Za-z0-9-]{1,64}$/;
const SECTION = /^[a-z-]{1,32}$/;

export function pathOf(place: Place): string {
  switch (place.name) {
    case 'case':
      return `/cases/${encodeURIComponent(place.caseId)}${
        place.section === undefined ? '' : `/${place.section}`
      }`;
    case 'diary':
      return PATHS.diary;
    case 'new-referral':
      return PATHS.newReferral;
    case 'insights':
      return PATHS.insights;
    case 'caseload':
      return PATHS.caseload;
  }
}

/** Goes to a place (a new history entry, so back and forward work as in any site). */
export function useGo(): (place: Place) => void {
  const navigate = useNavigate();
  return useCallback(
    (place: Place) => {
      void navigate(pathOf(place));
    },
    [navigate],
  );
}

/** The case in the address bar, or undefined when its id or section is not one of ours. */
export function useCaseParams(): { caseId: string; section?: string } | undefined {
  const { caseId, section } = useParams();
  if (caseId === undefined || !CASE_ID.test(caseId)) return undefined;
  if (section !== undefined && !SECTION.test(section)) return undefined;
  return section === undefined ? { caseId } : { caseId, section };
}

/** Back to the top of the page whenever the address changes (a case's sections too). */
export function useScrollToTop(): void {
  const { pathname } = useLocation();
  const last = useRef(pathname);
  useEffect(() => {
    if (last.current === pathname) return;
    last.current = pathname;
    window.scrollTo(0, 0);
  }, [pathname]);
}
