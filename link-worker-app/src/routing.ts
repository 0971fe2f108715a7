import { useCallback, useEffect, useState } from 'react';

/** The app's two places: the caseload (`/`) and a case (`/cases/<id>`). */
export type Route =
  | { readonly name: 'caseload' }
  | { readonly name: 'case'; readonly caseId: string }
  | { readonly name: 'insights' };

export function routeOf(pathname: string): Route {
  if (/^\/insights\/?$/.test(pathname)) return { name: 'insights' };
  const match = /^\/cases\/([A-Za-z0-9-]{1,64})\/?$/.exec(pathname);
  return match?.[1] === undefined ? { name: 'caseload' } : { name: 'case', caseId: match[1] };
}

export const pathOf = (route: Route): string =>
  route.name === 'case' ? `/cases/${route.caseId}` : route.name === 'insights' ? '/insights' : '/';

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
