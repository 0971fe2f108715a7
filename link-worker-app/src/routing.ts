import { useCallback, useEffect, useState } from 'react';

/** The app's places: the caseload (`/`), a case and one of its sections, and the diary. */
export type Route =
  | { readonly name: 'caseload' }
  | { readonly name: 'case'; readonly caseId: string; readonly section?: string }
  | { readonly name: 'diary' }
  | { readonly name: 'new-referral' }
  | { readonly name: 'insights' };

export function routeOf(pathname: string): Route {
  if (/^\/diary\/?$/.test(pathname)) return { name: 'diary' };
  if (/^\/referrals\/new\/?$/.test(pathname)) return { name: 'new-referral' };
  if (/^\/insights\/?$/.test(pathname)) return { name: 'insights' };
  const match = /^\/cases\/([A-Za-z0-9-]{1,64})(?:\/([a-z-]{1,32}))?\/?$/.exec(pathname);
  if (match?.[1] === undefined) return { name: 'caseload' };
  return match[2] === undefined
    ? { name: 'case', caseId: match[1] }
    : { name: 'case', caseId: match[1], section: match[2] };
}

export function pathOf(route: Route): string {
  switch (route.name) {
    case 'case':
      return `/cases/${route.caseId}${route.section === undefined ? '' : `/${route.section}`}`;
    case 'diary':
      return '/diary';
    case 'new-referral':
      return '/referrals/new';
    case 'insights':
      return '/insights';
    case 'caseload':
      return '/';
  }
}

/** The current route from the address bar, kept in step with back and forward. */
export function useRoute(): [Route, (route: Route) => void] {
  const [route, setRoute] = useState(() => routeOf(window.location.pathname));
  useEffect(() => {
    const onPop = (): void => {
      setRoute(routeOf(window.location.pathname));
    };
    window.addEventListener('popstate', onPop);
    return () => {
      window.removeEventListener('popstate', onPop);
    };
  }, []);
  const navigate = useCallback((next: Route) => {
    window.history.pushState(null, '', pathOf(next));
    setRoute(next);
    window.scrollTo(0, 0);
  }, []);
  return [route, navigate];
}
